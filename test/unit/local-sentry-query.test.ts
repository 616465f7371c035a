// The local Sentry server's query engine without HTTP: search syntax, percentiles, self time,
// timestamps, the seed time shift, and the 429 with a fixed clock.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateRows, percentile, sortRows } from '../../tools/local-sentry/aggregate';
import { DETAIL } from '../../tools/local-sentry/http-util';
import { parseSearch, SearchError } from '../../tools/local-sentry/search';
import { readRecorded, shiftIntoLastDay } from '../../tools/local-sentry/seed';
import { startLocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import type { StoredSpan } from '../../tools/local-sentry/types';
import { isoMicros, toEpochSeconds } from '../../tools/local-sentry/values';

const FIX = join(__dirname, '../../../test/fixtures/sentry');

function span(id: string, start: number, end: number, over: Partial<StoredSpan> = {}): StoredSpan {
  return {
    projectId: '4509876543210001',
    traceId: 't'.repeat(32),
    spanId: id,
    parentSpanId: null,
    segmentId: 'root',
    segmentName: 'report',
    eventId: 'e'.repeat(32),
    isSegment: false,
    op: 'db',
    description: 'SELECT 1',
    status: 'ok',
    start,
    end,
    environment: 'production',
    release: 'r',
    sdkName: 'sentry.python',
    attrs: {},
    ...over,
  };
}

describe('local-sentry query engine', () => {
  const store = new SpanStore();
  store.add(
    [
      span('root', 100, 101, { isSegment: true, op: 'http.server', description: 'report' }),
      span('a', 100.1, 100.3, {
        parentSpanId: 'root',
        attrs: { 'code.filepath': 'shopapp/reports.py', 'code.lineno': 9 },
      }),
      span('b', 100.2, 100.5, {
        parentSpanId: 'root',
        attrs: { 'code.filepath': 'shopapp/reports.py', 'code.lineno': 9 },
      }),
      span('c', 100.6, 100.7, {
        parentSpanId: 'root',
        op: 'function',
        description: 'shopapp.reports.compute_report',
      }),
      span('d', 100.65, 100.66, {
        parentSpanId: 'c',
        attrs: { 'code.filepath': 'app.py', 'code.lineno': 41, 'code.function': 'report' },
      }),
    ],
    false,
  );
  const match = (q: string): string[] =>
    store
      .all()
      .filter((s) => parseSearch(q)(s, store))
      .map((s) => s.spanId);

  it('parses has:, typed tags, quotes, negation, lists, comparisons, OR and parentheses', () => {
    assert.deepEqual(match('has:code.filepath'), ['a', 'b', 'd']);
    assert.deepEqual(match('!has:code.filepath'), ['root', 'c']);
    assert.deepEqual(match('span.op:function'), ['c']);
    assert.deepEqual(match('code.filepath:"shopapp/reports.py" tags[code.lineno,number]:9'), [
      'a',
      'b',
    ]);
    assert.deepEqual(match('tags[code.lineno,number]:41'), ['d']);
    assert.deepEqual(match('code.filepath:*reports.py'), ['a', 'b']);
    assert.deepEqual(match('span.op:[function,http.server]'), ['root', 'c']);
    assert.deepEqual(match('span.duration:>250'), ['root', 'b']);
    assert.deepEqual(match('span.duration:>=0.3s'), ['root', 'b']);
    assert.deepEqual(match('(span.op:function OR code.function:report) AND has:trace'), ['c', 'd']);
    assert.deepEqual(match('compute_report'), ['c'], 'free text searches the description');
    // Bare code.lineno is a string attribute lookup, and the SDKs send it as a number.
    assert.deepEqual(match('has:code.lineno'), []);
    assert.throws(() => parseSearch('(span.op:db'), SearchError);
    assert.throws(() => parseSearch('code.filepath:"open'), SearchError);
  });

  it('computes self time as duration minus the union of child intervals', () => {
    const root = store.all().find((s) => s.spanId === 'root') as StoredSpan;
    // Children a [0.1,0.3] and b [0.2,0.5] overlap: union 0.4 s; c adds 0.1 s; d is c's child.
    assert.equal(store.selfTimeMs(root), 500);
    const c = store.all().find((s) => s.spanId === 'c') as StoredSpan;
    assert.equal(store.selfTimeMs(c), 90);
  });

  it('interpolates percentiles linearly between closest ranks', () => {
    assert.equal(percentile([4, 1, 3, 2], 0.5), 2.5);
    assert.equal(percentile([10], 0.95), 10);
    assert.equal(percentile([], 0.5), null);
    // numpy.percentile([1..20], 95) == 19.05
    assert.ok(
      Math.abs(
        (percentile(
          Array.from({ length: 20 }, (_, i) => i + 1),
          0.95,
        ) ?? 0) - 19.05,
      ) < 1e-9,
    );
  });

  it('groups by the non-aggregate fields, missing strings as "" and missing numbers as null', () => {
    const rows = aggregateRows(
      [...store.all()],
      ['code.filepath', 'tags[code.lineno,number]', 'count()', 'sum(span.duration)'],
      store,
    );
    const byFile = Object.fromEntries(rows.map((r) => [String(r['code.filepath']), r]));
    assert.equal(byFile['shopapp/reports.py']['count()'], 2);
    assert.equal(byFile['shopapp/reports.py']['sum(span.duration)'], 500);
    assert.equal(byFile['']['tags[code.lineno,number]'], null);
    assert.equal(byFile['']['count()'], 2);
    const sorted = sortRows(rows, '-count()', [
      'code.filepath',
      'tags[code.lineno,number]',
      'count()',
    ]);
    assert.deepEqual(
      sorted.map((r) => r['count()']),
      [2, 2, 1],
    );
    assert.throws(() => sortRows(rows, '-p95(span.duration)', ['count()']), /orderby/);
  });

  it('reads RFC 3339 timestamps to the microsecond and writes them back with +00:00', () => {
    const t = toEpochSeconds('2026-11-26T20:41:16.291078Z');
    assert.equal(Math.round((t % 1) * 1e6), 291078);
    assert.equal(isoMicros(t), '2026-11-26T20:41:16.291078+00:00');
    assert.equal(toEpochSeconds(1795725676.5), 1795725676.5);
  });

  it('shifts recorded envelopes so the newest span ends one hour before now', () => {
    const spans = readRecorded(join(__dirname, '../../../demo/recorded'));
    assert.ok(spans.length > 100);
    const now = 2_000_000_000;
    const shifted = shiftIntoLastDay(spans, now);
    const newest = Math.max(...shifted.map((s) => s.end));
    assert.ok(newest <= now - 3600 && newest > now - 3601);
    assert.ok(Math.min(...shifted.map((s) => s.start)) > now - 86400);
    const shift = shifted[0].start - spans[0].start;
    assert.ok(shifted.every((s, i) => Math.abs(s.end - spans[i].end - shift) < 1e-6));
  });

  it('uses the fixture wording for every error detail it can send', () => {
    const detail = (f: string): unknown =>
      (JSON.parse(readFileSync(join(FIX, 'errors', f), 'utf8')) as { detail: unknown }).detail;
    assert.equal(DETAIL.notAuthenticated, detail('401.not-authenticated.json'));
    assert.equal(DETAIL.invalidToken, detail('401.invalid-token.json'));
    assert.equal(DETAIL.invalidOrgToken, detail('401.invalid-org-token.json'));
    assert.equal(DETAIL.forbidden, detail('403.forbidden.json'));
    assert.equal(DETAIL.notFound, detail('404.not-found.json'));
    assert.equal(DETAIL.rateLimited, detail('429.rate-limited.json'));
    assert.equal(DETAIL.queryFailed, detail('500.query-failed.json'));
  });

  it('answers the 51st events request in one second with a text/html 429 and no Retry-After', async () => {
    const srv = await startLocalSentry({ store, tokens: ['t'], port: 0, now: () => 1795725700.5 });
    try {
      const url = `${srv.url}/api/0/organizations/acme-shop/events/?dataset=spans&field=count()`;
      let last: Response | undefined;
      for (let i = 0; i < 51; i++) {
        last = await fetch(url, { headers: { Authorization: 'Bearer t' } });
        if (i < 50) assert.equal(last.status, 200);
      }
      assert.ok(last);
      assert.equal(last.status, 429);
      assert.match(last.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(last.headers.get('retry-after'), null);
      assert.equal(last.headers.get('x-sentry-rate-limit-reset'), '1795725701');
      assert.deepEqual(
        await last.json(),
        JSON.parse(readFileSync(join(FIX, 'errors/429.rate-limited.json'), 'utf8')),
      );
    } finally {
      await srv.close();
    }
  });
});
