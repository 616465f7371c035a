import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isRecordedSourcePath, parseFromWebview } from '../../src/editor/flamegraph/messages';
import { parseFromTraceView, spanLocation } from '../../src/editor/sentry/trace-messages';
import { PathResolver } from '../../src/mapping/path-map';
import type { TraceSpan } from '../../src/sentry/trace';
import { parseToTraceView } from '../../src/webview/trace/messages';

// Both webviews render strings from profiles and from Sentry, so whatever they post back is
// treated as hostile: these are the checks the extension runs on every message before acting.

const FORGED_PATHS = [
  '/etc/passwd',
  '../../../../etc/passwd',
  'file:///etc/passwd',
  'vscode://file/etc/passwd',
  'javascript:alert(1)',
];

describe('flamegraph webview messages (parseFromWebview)', () => {
  it('accepts the four known shapes and copies only the known fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', extra: 1 }, 3), { type: 'ready' });
    for (const type of ['openSource', 'select'] as const)
      assert.deepEqual(parseFromWebview({ type, frameId: 2, file: '/etc/passwd', line: 1 }, 3), {
        type,
        frameId: 2,
      });
    assert.deepEqual(parseFromWebview({ type: 'log', level: 'warn', message: 'm' }, 3), {
      type: 'log',
      level: 'warn',
      message: 'm',
    });
  });

  it('refuses unknown types and non-objects', () => {
    for (const raw of [
      null,
      undefined,
      'openSource',
      42,
      [],
      {},
      { type: 'openFile', path: '/etc/passwd' },
      { type: 'openSource ', frameId: 0 },
      { type: 'OPENSOURCE', frameId: 0 },
      { type: ['openSource'], frameId: 0 },
      { type: '__proto__' },
    ])
      assert.equal(parseFromWebview(raw, 3), undefined, JSON.stringify(raw));
  });

  it('refuses frame ids of the wrong type or out of range, and paths instead of ids', () => {
    const bad: unknown[] = [-1, 3, 1e9, 0.5, NaN, Infinity, '0', '1', null, true, [0], { id: 0 }];
    for (const frameId of [...bad, ...FORGED_PATHS])
      for (const type of ['openSource', 'select'])
        assert.equal(parseFromWebview({ type, frameId }, 3), undefined, String(frameId));
    assert.equal(parseFromWebview({ type: 'openSource', frameId: 0 }, 0), undefined);
    assert.equal(parseFromWebview({ type: 'openSource', file: '/etc/passwd' }, 3), undefined);
  });

  it('refuses log messages with a wrong level or body and caps their length', () => {
    assert.equal(parseFromWebview({ type: 'log', level: 'debug', message: 'x' }, 1), undefined);
    assert.equal(parseFromWebview({ type: 'log', level: 'info', message: 7 }, 1), undefined);
    const long = parseFromWebview({ type: 'log', level: 'info', message: 'x'.repeat(10_000) }, 1);
    assert.equal(long?.type === 'log' && long.message.length, 2000);
  });
});

describe('paths a profile may open outside the workspace (isRecordedSourcePath)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hotspot-lens-msg-'));
    writeFileSync(join(dir, 'app.py'), 'print(1)\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a plain absolute path as a profiler records it', () => {
    assert.equal(isRecordedSourcePath(join(dir, 'app.py')), true);
  });

  it('refuses relative paths, traversal, URIs, control characters and pseudo files', () => {
    for (const file of [
      '',
      'app.py',
      './app.py',
      '../../../../etc/passwd',
      `${dir}/../../etc/passwd`,
      '/srv/app/..',
      'file:///etc/passwd',
      'FILE:///etc/passwd',
      'vscode://file/etc/passwd',
      'command:workbench.action.terminal.new',
      'javascript:alert(1)',
      'https://example.com/x.py',
      '/etc/passwd\u0000.py',
      '/tmp/a\nb.py',
      '<frozen importlib._bootstrap>',
      '[kernel.kallsyms]',
      `/${'a'.repeat(5000)}`,
    ])
      assert.equal(isRecordedSourcePath(file), false, JSON.stringify(file));
  });

  it('maps a forged path to a workspace file only when the workspace really has that file', () => {
    const resolver = new PathResolver(['src/app.py', 'README.md'], [], '/ws');
    for (const forged of [...FORGED_PATHS, '/ws/../etc/passwd', '/ws/src/../../etc/passwd'])
      assert.equal(resolver.resolve(forged).kind, 'unmapped', forged);
    assert.deepEqual(resolver.resolve('file:///ws/src/app.py'), {
      kind: 'mapped',
      path: 'src/app.py',
      via: 'exact',
    });
  });
});

describe('trace webview messages (parseFromTraceView, spanLocation)', () => {
  const span = (id: string, file?: string): TraceSpan => ({
    id,
    parentId: null,
    depth: 0,
    op: 'db',
    description: 'SELECT 1',
    project: 'shop',
    start: 0,
    end: 1,
    duration: 1000,
    isTransaction: false,
    errorCount: 0,
    file,
    line: file ? 12 : undefined,
  });
  const shown = [span('aa01'), span('bb02', 'shop/orders.py')];

  it('accepts ready and openSpan with a hex span id, nothing else', () => {
    assert.deepEqual(parseFromTraceView({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseFromTraceView({ type: 'openSpan', id: '989bd66de92c5902' }), {
      type: 'openSpan',
      id: '989bd66de92c5902',
    });
    assert.deepEqual(parseFromTraceView({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromTraceView({ type: 'openSpan', id: 'bb02', file: '/etc/passwd' }), {
      type: 'openSpan',
      id: 'bb02',
    });
    for (const raw of [
      null,
      'ready',
      { type: 'open', file: '/etc/passwd' },
      { type: 'openSpan' },
      { type: 'openSpan', id: 12 },
      { type: 'openSpan', id: '' },
      { type: 'openSpan', id: 'a'.repeat(65) },
      ...FORGED_PATHS.map((id) => ({ type: 'openSpan', id })),
      { type: 'openSpan', id: 'bb02\n' },
      { type: 'openSpan', id: ['bb02'] },
      { type: 'openSpan', id: 'bb02 ' },
      { type: 'openSpan', id: 'zz02' },
      { type: 'OPENSPAN', id: 'bb02' },
      { type: '__proto__' },
      [],
      42,
      undefined,
    ])
      assert.equal(parseFromTraceView(raw), undefined, JSON.stringify(raw));
  });

  it('opens only the location of a span in the trace it was sent', () => {
    assert.deepEqual(spanLocation(shown, 'bb02'), { file: 'shop/orders.py', line: 12 });
    assert.equal(spanLocation(shown, 'aa01'), undefined, 'a span without a location');
    assert.equal(spanLocation(shown, 'cc03'), undefined, 'a span from another trace');
    assert.equal(spanLocation(undefined, 'bb02'), undefined, 'after the panel was closed');
  });
});

describe('the trace page checks its init (parseToTraceView)', () => {
  const span = {
    id: 'bb02',
    parentId: 'aa01',
    depth: 1,
    op: 'db',
    description: 'SELECT 1',
    project: 'shop',
    start: 1795725676.29,
    end: 1795725676.41,
    duration: 120.3,
    isTransaction: false,
    errorCount: 0,
    file: 'shop/orders.py',
    function: 'orders',
    line: 12,
  };
  const init = { type: 'init', traceId: 'ab'.repeat(16), highlight: 'bb02', spans: [span] };

  /** The span as the page keeps it: Sentry's parentId and function are not copied. */
  const drawn = {
    id: 'bb02',
    depth: 1,
    op: 'db',
    description: 'SELECT 1',
    project: 'shop',
    start: 1795725676.29,
    end: 1795725676.41,
    duration: 120.3,
    isTransaction: false,
    errorCount: 0,
    file: 'shop/orders.py',
    line: 12,
  };

  it('accepts the init the extension sends and copies only the fields the page draws', () => {
    assert.deepEqual(parseToTraceView(init), { ok: true, value: { ...init, spans: [drawn] } });
    const bare = { ...span, file: undefined, line: undefined };
    assert.deepEqual(parseToTraceView({ ...init, highlight: undefined, spans: [bare] }), {
      ok: true,
      value: {
        ...init,
        highlight: undefined,
        spans: [{ ...drawn, file: undefined, line: undefined }],
      },
    });
    assert.deepEqual(parseToTraceView({ ...init, spans: [] }), {
      ok: true,
      value: { ...init, spans: [] },
    });
  });

  it('ignores what is not an init (other types, non-objects)', () => {
    for (const raw of [null, undefined, 'init', 7, [], {}, { type: 'INIT' }, { type: 'ready' }])
      assert.equal(parseToTraceView(raw), undefined, JSON.stringify(raw));
  });

  it('refuses a malformed init, naming the first bad field', () => {
    const cases: [unknown, string][] = [
      [{ ...init, traceId: 7 }, 'the trace has no id'],
      [{ ...init, highlight: ['bb02'] }, 'the highlighted span id is not text'],
      [{ ...init, spans: 'bb02' }, 'the trace has no span list'],
      [{ ...init, spans: [span, null] }, 'span 1 is not an object'],
      [{ ...init, spans: [{ ...span, id: 12 }] }, 'span 0 has no text id'],
      [{ ...init, spans: [{ ...span, op: undefined }] }, 'span 0 has no text op'],
      [
        { ...init, spans: [{ ...span, description: { html: '<b>' } }] },
        'span 0 has no text description',
      ],
      [{ ...init, spans: [{ ...span, project: null }] }, 'span 0 has no text project'],
      [{ ...init, spans: [{ ...span, start: '1795725676' }] }, 'span 0 has no numeric start'],
      [{ ...init, spans: [{ ...span, end: NaN }] }, 'span 0 has no numeric end'],
      [{ ...init, spans: [{ ...span, duration: Infinity }] }, 'span 0 has no numeric duration'],
      [{ ...init, spans: [{ ...span, depth: -1 }] }, 'span 0 has a negative depth'],
      [{ ...init, spans: [{ ...span, errorCount: true }] }, 'span 0 has no numeric errorCount'],
      [{ ...init, spans: [{ ...span, isTransaction: 1 }] }, 'span 0 has no isTransaction flag'],
      [{ ...init, spans: [{ ...span, file: 42 }] }, 'span 0 has a bad file'],
      [{ ...init, spans: [{ ...span, line: '12' }] }, 'span 0 has a bad line'],
    ];
    for (const [raw, reason] of cases)
      assert.deepEqual(parseToTraceView(raw), { ok: false, reason }, reason);
  });
});
