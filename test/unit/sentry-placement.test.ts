import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { languageOf, scanFunctions } from '../../src/mapping/functions';
import { PathResolver } from '../../src/mapping/path-map';
import { mergeStats, QUERY_SHAPES, rowsToStats, type SpanStat } from '../../src/sentry/spans';
import { formatCount, formatMs, lensText } from '../../src/editor/sentry/lens-text';
import { moduleCandidates, SpanIndex } from '../../src/editor/sentry/span-placement';
import { traceHtml } from '../../src/editor/sentry/trace-html';
import { FIXTURES } from '../support/fake-sentry';

const ROOT = join(__dirname, '..', '..', '..');
const DEMO = join(ROOT, 'demo');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(relative(ROOT, p).replace(/\\/g, '/'));
  }
  return out;
}

function fixtureRows(): SpanStat[] {
  const body = (f: string) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'));
  const [legacy, otel, named] = QUERY_SHAPES;
  return mergeStats([
    rowsToStats(body('events.spans.by-code-location.page1.json'), legacy),
    rowsToStats(body('events.spans.by-code-location.page2.json'), legacy),
    rowsToStats(body('events.spans.by-code-location.otel-names.json'), otel),
    rowsToStats(body('events.spans.by-function-name.json'), named),
  ]);
}

function defLine(file: string, pattern: RegExp): number {
  return (
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .findIndex((l) => pattern.test(l)) + 1
  );
}

function rangesOf(file: string) {
  return scanFunctions(readFileSync(join(ROOT, file), 'utf8'), languageOf(file)!);
}

describe('Sentry rows placed on workspace lines (demo workspace files)', () => {
  const files = listFiles(DEMO);
  const reportsPy = files.find((f) => f.endsWith('python-service/shopapp/reports.py'))!;
  const reportsJs = files.find((f) => f.endsWith('node-service/reports.js'))!;
  const rows = fixtureRows();

  it('finds the demo sources', () => assert.ok(reportsPy && reportsJs));

  it('puts a location row on its line in the file its module-relative path names', () => {
    const index = new SpanIndex(rows, new PathResolver(files));
    const placed = index.place(reportsPy, rangesOf(reportsPy)).filter((p) => !p.byName);
    const row = rows.find((r) => r.file === 'shopapp/reports.py')!;
    assert.deepEqual(
      placed.map((p) => [p.stat, p.line]),
      [[row, row.line]],
    );
  });

  it('puts a span.op:function row on the def line of its qualified name', () => {
    const index = new SpanIndex(rows, new PathResolver(files));
    const placed = index.place(reportsPy, rangesOf(reportsPy)).filter((p) => p.byName);
    const byName = new Map(placed.map((p) => [p.stat.function, p.line]));
    assert.equal(
      byName.get('shopapp.reports.compute_report'),
      defLine(reportsPy, /^def compute_report\(/),
    );
    assert.equal(
      byName.get('shopapp.reports.format_report'),
      defLine(reportsPy, /^def format_report\(/),
    );
    assert.equal(index.target(placed[0].stat)?.path, reportsPy);
  });

  it('places a bare span name only on a unique function of that name', () => {
    const index = new SpanIndex(rows, new PathResolver(files));
    const placed = index.place(reportsJs, rangesOf(reportsJs));
    const compute = placed.find((p) => p.stat.function === 'computeReport');
    assert.equal(compute?.line, defLine(reportsJs, /^function computeReport\(/));
    const twice = [...rangesOf(reportsJs), ...rangesOf(reportsJs)];
    assert.equal(
      index.place(reportsJs, twice).some((p) => p.stat.function === 'computeReport'),
      false,
    );
  });

  it('reports a path with two equally good files instead of guessing', () => {
    const index = new SpanIndex(
      rows,
      new PathResolver(['a/shopapp/reports.py', 'b/shopapp/reports.py']),
    );
    const hit = index.unresolved.find((u) => u.stat.file === 'shopapp/reports.py');
    assert.equal(hit?.resolution.kind, 'ambiguous');
    assert.deepEqual(
      index.place('a/shopapp/reports.py', rangesOf(reportsPy)).filter((p) => !p.byName),
      [],
    );
  });

  it('honours a path mapping before the suffix rule', () => {
    const resolver = new PathResolver(
      ['x/shopapp/reports.py', 'y/shopapp/reports.py'],
      [{ from: 'shopapp', to: 'y/shopapp' }],
    );
    const index = new SpanIndex(rows, resolver);
    assert.ok(index.place('y/shopapp/reports.py', rangesOf(reportsPy)).length > 0);
  });

  it('reads qualified names as module paths, longest module first', () => {
    assert.deepEqual(
      moduleCandidates('a.b.f').map((c) => c.file),
      ['a/b.py', 'a/b/__init__.py', 'a.py', 'a/__init__.py'],
    );
  });

  it('writes the lens text with the period and a ≈ on low confidence', () => {
    const row = rows.find((r) => r.file === 'shopapp/reports.py')!;
    assert.equal(
      lensText(row, '24h'),
      `⏱ p95 ${formatMs(row.p95)} · p50 ${formatMs(row.p50)} · ${formatCount(row.count)} calls/24h`,
    );
    assert.match(lensText({ ...row, lowConfidence: true }, '6h'), /^≈ ⏱ p95 .* calls\/6h$/);
    assert.deepEqual([412.4, 2.31, 0.14, 1530].map(formatMs), [
      '412 ms',
      '2.3 ms',
      '0.14 ms',
      '1.5 s',
    ]);
    assert.deepEqual([860, 1300, 12_345, 4_500_000].map(formatCount), [
      '860',
      '1.3k',
      '12.3k',
      '4.5M',
    ]);
  });
});

describe('Sentry trace webview page', () => {
  it('has a strict CSP, one script by nonce and URL, and no inline script, style or data', () => {
    const html = traceHtml({
      nonce: 'n0nce',
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/trace.js',
      style: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/trace.css',
    });
    assert.match(
      html,
      /content="default-src 'none'; script-src 'nonce-n0nce'; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net"/,
    );
    assert.deepEqual(html.match(/<script[^>]*>[^<]*<\/script>/g), [
      '<script nonce="n0nce" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/trace.js"></script>',
    ]);
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/trace\.css">/);
    assert.ok(!/<style|style=|innerHTML|insertAdjacentHTML|eval\(/.test(html));
  });
});
