import assert from 'node:assert/strict';
import { inspect } from 'util';
import { SentryClient } from '../../src/sentry/client';
import { SentryError, type SentryErrorKind } from '../../src/sentry/errors';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { prng } from '../support/bad-files';
import { FakeSentry, fixedTime, LogRecorder } from '../support/fake-sentry';
import { FaultProxy, type Fault } from '../support/fault-proxy';

// A seeded storm of mixed faults over many span-statistics refreshes (each several requests):
// every refresh ends in data or a SentryError of an expected kind, within the retry budget, and
// neither the token nor an unhandled rejection escapes. sentry-faults.test.ts has one fault each.

const TOKEN = 'sntryu_' + 'b16b00b5'.repeat(8);
const SECRET = TOKEN.slice('sntryu_'.length);
const POLICY = { maxServerRetries: 2, maxRateLimitRetries: 2, baseDelayMs: 50, maxDelayMs: 2000 };
const REFRESHES = 40;

const FAULTS: Fault[] = [
  { kind: 'delay', ms: 20 },
  { kind: 'hang' },
  { kind: 'reset-before-answer' },
  { kind: 'reset-mid-body' },
  { kind: 'truncated-json' },
  { kind: 'invalid-json' },
  { kind: 'html', status: 502 },
  { kind: 'html', status: 200 },
  { kind: 'status', status: 429 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 500, body: '{"detail":"Internal Error","errorId":"abc"}' },
];
const EXPECTED_KINDS = new Set<SentryErrorKind>([
  'timeout',
  'network',
  'bad-response',
  'server',
  'rate-limited',
]);

describe('Sentry client in a seeded fault storm', function () {
  this.timeout(60000);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));

  it(`${REFRESHES} refreshes under 1-4 random faults each end in data or a named error`, async () => {
    const fake = await new FakeSentry().start();
    const proxy = await new FaultProxy(fake.url).start();
    const random = prng(2026);
    const captured: string[] = [];
    const outcomes = new Map<string, number>();
    try {
      for (let i = 0; i < REFRESHES; i++) {
        const faults = Array.from(
          { length: 1 + Math.floor(random() * 4) },
          () => FAULTS[Math.floor(random() * FAULTS.length)],
        );
        proxy.next(...faults);
        const time = fixedTime(1795725701000);
        const log = new LogRecorder();
        const c = new SentryClient({
          url: proxy.url,
          token: TOKEN,
          ...time,
          log,
          policy: POLICY,
          timeoutMs: 200,
        });
        const before = proxy.urls.length;
        let outcome = 'data';
        try {
          const stats = await fetchSpanStats(c, { org: 'acme-shop', projects: [], period: '24h' });
          assert.ok(stats.rows.length > 0);
        } catch (err) {
          assert.ok(err instanceof SentryError, `refresh ${i}: ${inspect(err)}`);
          assert.ok(EXPECTED_KINDS.has(err.kind), `refresh ${i}: ${err.kind}: ${err.message}`);
          assert.match(err.message, /\. Fix: .+\.$/);
          captured.push(err.message, String(err.stack), inspect(err, { showHidden: true }));
          outcome = err.kind;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        // Faults queued but not consumed by a failed refresh must not leak into the next one.
        while (proxy.pending > 0) proxy.skip();
        const attempts = proxy.urls.length - before;
        assert.ok(attempts <= 20, `refresh ${i} made ${attempts} requests`);
        captured.push(...log.lines);
      }
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
      for (const text of [...captured, ...proxy.urls]) assert.ok(!text.includes(SECRET), text);
      assert.ok(proxy.faultCount >= REFRESHES, `${proxy.faultCount} faults injected`);
      // Both ends must occur, or the storm proves nothing.
      assert.ok((outcomes.get('data') ?? 0) > 0 && outcomes.size > 1, inspect(outcomes));
      if (process.env.FAULT_REPORT)
        console.log(
          `faults injected: ${proxy.faultCount} ${inspect(proxy.injected)} outcomes ${inspect(outcomes)}`,
        );
    } finally {
      await proxy.stop();
      await fake.stop();
    }
  });
});
