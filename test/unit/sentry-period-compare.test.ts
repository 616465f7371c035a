import assert from 'node:assert/strict';
import { SentryClient } from '../../src/sentry/client';
import {
  changeText,
  compareRelease,
  comparePreviousPeriod,
  compareSpanStats,
  previousWindow,
} from '../../src/sentry/period-compare';
import type { SpanStat } from '../../src/sentry/spans';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import type { StoredSpan } from '../../tools/local-sentry/types';
import { fixedTime } from '../support/fake-sentry';

// "Compare Sentry periods" against the local Sentry server on 127.0.0.1: spans of one code
// location in the last day and the day before (where the code sat two lines higher), and one
// location that is new. Durations are uniform per window, so every p95 is known exactly.
const TOKEN = 'sntryu_' + 'fedcba9876543210'.repeat(4);
const NOW_S = 1795725700;
const DAY = 86400;
const BACKEND = '4509876543210001';

let n = 0;
function span(start: number, seconds: number, release: string, attrs: StoredSpan['attrs']) {
  const id = (++n).toString(16).padStart(16, '0');
  return {
    projectId: BACKEND,
    traceId: id.repeat(2),
    spanId: id,
    parentSpanId: null,
    segmentId: id,
    segmentName: 'report',
    eventId: id.repeat(2),
    isSegment: false,
    op: 'function',
    description: 'compute',
    status: 'ok',
    start,
    end: start + seconds,
    environment: 'production',
    release,
    sdkName: 'sentry.python',
    attrs,
  } satisfies StoredSpan;
}

const report = (line: number) => ({
  'code.filepath': 'shopapp/reports.py',
  'code.function': 'compute_report',
  'code.lineno': line,
});

describe('Sentry period comparison (local Sentry)', () => {
  let srv: LocalSentry;
  let client: SentryClient;
  before(async () => {
    const store = new SpanStore();
    const spans: StoredSpan[] = [];
    // Last day, release 1.1.0: five 100 ms spans at line 9, two of a new location.
    for (let i = 0; i < 5; i++)
      spans.push(span(NOW_S - 3600 - i * 60, 0.1, 'shopapp@1.1.0', report(9)));
    for (let i = 0; i < 2; i++) {
      spans.push(
        span(NOW_S - 7200 - i * 60, 0.05, 'shopapp@1.1.0', {
          'code.filepath': 'shopapp/cart.py',
          'code.function': 'add_item',
          'code.lineno': 20,
        }),
      );
    }
    // The day before, release 1.0.0: three 300 ms spans at line 7.
    for (let i = 0; i < 3; i++)
      spans.push(span(NOW_S - DAY - 3600 - i * 60, 0.3, 'shopapp@1.0.0', report(7)));
    store.add(spans, false);
    srv = await startLocalSentry({ store, tokens: [TOKEN], port: 0, now: () => NOW_S });
    client = new SentryClient({ url: srv.url, token: TOKEN, ...fixedTime(NOW_S * 1000) });
  });
  after(async () => {
    await srv?.close();
  });

  const query = { org: 'acme-shop', projects: [], period: '24h' };

  it('computes the previous window of the same length', () => {
    assert.deepEqual(previousWindow('24h', Date.UTC(2026, 10, 26, 12, 0, 0)), {
      start: '2026-11-24T12:00:00',
      end: '2026-11-25T12:00:00',
    });
    assert.deepEqual(previousWindow('30m', Date.UTC(2026, 10, 26, 12, 0, 0)), {
      start: '2026-11-26T11:00:00',
      end: '2026-11-26T11:30:00',
    });
    assert.throws(() => previousWindow('yesterday', 0));
  });

  it('compares the last day with the day before, pairing moved lines', async () => {
    const cmp = await comparePreviousPeriod(client, query, NOW_S * 1000);
    assert.equal(cmp.against, 'previous 24h');
    assert.deepEqual(cmp.window, previousWindow('24h', NOW_S * 1000));
    const report = cmp.changes.find((c) => c.current.function === 'compute_report')!;
    assert.equal(report.current.line, 9);
    assert.equal(report.previous?.line, 7);
    assert.equal(report.current.count, 5);
    assert.equal(report.previous?.count, 3);
    assert.ok(Math.abs(report.p95Delta! - (100 - 300)) < 1e-6, String(report.p95Delta));
    assert.equal(report.countDelta, 2);
    assert.equal(
      changeText(report, cmp.against),
      'p95 −200 ms (−67%) · calls +67% vs previous 24h',
    );
    const cart = cmp.changes.find((c) => c.current.function === 'add_item')!;
    assert.equal(cart.previous, undefined);
    assert.equal(changeText(cart, cmp.against), 'new vs previous 24h');
    const sent = cmp.window!;
    assert.ok(sent.start < sent.end);
  });

  it('compares one release with another over the same period', async () => {
    const cmp = await compareRelease(
      client,
      { ...query, period: '2d' },
      'shopapp@1.0.0',
      'shopapp@1.1.0',
    );
    assert.equal(cmp.against, 'release shopapp@1.0.0');
    const report = cmp.changes.find((c) => c.current.function === 'compute_report')!;
    assert.equal(report.current.count, 5);
    assert.equal(report.previous?.count, 3);
    assert.ok(Math.abs(report.p95Delta! + 200) < 1e-6);
  });

  it('pairs exact lines first and leaves ambiguous locations unpaired', () => {
    const stat = (line: number | null, p95: number, fn = 'f'): SpanStat => ({
      project: 'p',
      file: 'a.py',
      function: fn,
      line,
      count: 1,
      p50: p95,
      p95,
      avg: p95,
      sumSelfTime: p95,
      lowConfidence: false,
      sources: ['code.filepath'],
    });
    const changes = compareSpanStats(
      [stat(10, 5), stat(30, 7), stat(1, 1, 'g')],
      [stat(30, 9), stat(12, 8), stat(2, 1, 'g'), stat(3, 1, 'g')],
    );
    assert.deepEqual(
      changes.map((c) => [c.current.line, c.previous?.line, c.p95Delta]),
      [
        [10, 12, -3],
        [30, 30, -2],
        [1, undefined, undefined],
      ],
    );
  });
});
