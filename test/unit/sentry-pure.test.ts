import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { normalizeBaseUrl } from '../../src/sentry/base-url';
import { cacheKey, TtlCache } from '../../src/sentry/cache';
import { nextCursor, parseLinkHeader } from '../../src/sentry/pagination';
import { shrinkPeriod, periodMinutes } from '../../src/sentry/period';
import { backoffMs, DEFAULT_RETRY_POLICY, waitAfter429 } from '../../src/sentry/rate-limit';
import { searchValue } from '../../src/sentry/samples';
import { mergeStats, QUERY_SHAPES, rowsToStats } from '../../src/sentry/spans';
import { missingScopes } from '../../src/sentry/token';
import { traceUrl } from '../../src/sentry/trace-url';
import { FIXTURES } from '../support/fake-sentry';

const routes = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')).routes as {
  name: string;
  headers: Record<string, string>;
}[];
const link = (name: string) => routes.find((r) => r.name === name)!.headers.Link;

describe('Sentry pure helpers', () => {
  it('reads the cursor of the next page only while results="true"', () => {
    assert.equal(nextCursor(link('spans-by-code-location-page1')), '0:3:0');
    assert.equal(nextCursor(link('spans-by-code-location-page2')), undefined);
    assert.equal(nextCursor(link('organizations')), undefined);
    const entries = parseLinkHeader(link('spans-by-code-location-page1'));
    assert.deepEqual(
      entries.map((e) => [e.rel, e.results]),
      [
        ['previous', false],
        ['next', true],
      ],
    );
    assert.ok(entries[1].url.includes('field=tags%5Bcode.lineno%2Cnumber%5D'));
  });

  it('builds trace URLs for sentry.io and self-hosted, and honours a template', () => {
    const link = {
      org: 'acme-shop',
      traceId: '7956a76dc3a3402f847877a4e4ec42e5',
      spanId: '989bd66de92c5902',
      timestamp: '2026-11-26T20:41:16.412165+00:00',
    };
    const seconds = Math.floor(Date.parse(link.timestamp) / 1000);
    assert.equal(
      traceUrl({ ...link, url: 'https://sentry.io' }),
      `https://acme-shop.sentry.io/explore/traces/trace/${link.traceId}/?node=span-${link.spanId}&timestamp=${seconds}`,
    );
    assert.equal(
      traceUrl({ ...link, url: 'https://sentry.example.com/base' }),
      `https://sentry.example.com/base/organizations/acme-shop/explore/traces/trace/${link.traceId}/?node=span-${link.spanId}&timestamp=${seconds}`,
    );
    assert.equal(
      traceUrl(
        { ...link, url: 'https://s.example.com' },
        '{url}/organizations/{org}/performance/trace/{traceId}/',
      ),
      `https://s.example.com/organizations/acme-shop/performance/trace/${link.traceId}/`,
    );
    assert.throws(() =>
      traceUrl({ ...link, url: 'https://s.example.com' }, 'javascript:alert({traceId})'),
    );
  });

  it('normalises base URLs and allows plain HTTP only on loopback', () => {
    assert.equal(
      normalizeBaseUrl(' https://sentry.example.com/api/0/ '),
      'https://sentry.example.com',
    );
    assert.equal(normalizeBaseUrl('http://localhost:9000/'), 'http://localhost:9000');
    assert.equal(normalizeBaseUrl('http://[::1]:9000'), 'http://[::1]:9000');
    assert.throws(() => normalizeBaseUrl('http://10.0.0.5:9000'), /plain HTTP/);
    assert.throws(() => normalizeBaseUrl('https://user:pw@sentry.io'), /credentials/);
    assert.throws(() => normalizeBaseUrl('sentry.io'), /not a URL/);
  });

  it('shrinks periods to something shorter, never below 15 minutes', () => {
    for (const p of ['24h', '14d', '2w', '90m'])
      assert.ok(periodMinutes(shrinkPeriod(p)!)! < periodMinutes(p)!, p);
    assert.equal(shrinkPeriod('15m'), undefined);
    assert.equal(shrinkPeriod('abc'), undefined);
  });

  it('waits for Retry-After first, then the rate-limit reset, then backoff', () => {
    const p = DEFAULT_RETRY_POLICY;
    assert.equal(waitAfter429({ 'retry-after': '2' }, 0, 0, p, 0), 2000);
    assert.ok(waitAfter429({ 'x-sentry-rate-limit-reset': '10' }, 9000, 0, p, 0) >= 1000);
    assert.equal(
      waitAfter429({ 'x-sentry-rate-limit-reset': '999999999999' }, 0, 0, p, 0),
      p.maxDelayMs,
    );
    assert.equal(waitAfter429({}, 0, 2, p, 0.25), backoffMs(2, p, 0.25));
    assert.ok(backoffMs(3, p, 0.99) <= p.baseDelayMs * 8);
  });

  it('accepts write and admin scopes in place of read, and never org:ci alone', () => {
    assert.deepEqual(missingScopes(['org:admin', 'project:write', 'event:admin']), []);
    assert.deepEqual(missingScopes(['org:ci']), ['org:read', 'project:read', 'event:read']);
    assert.deepEqual(missingScopes(['org:read', 'event:read']), ['project:read']);
  });

  it('quotes search values that contain syntax characters', () => {
    assert.equal(searchValue('compute_report'), 'compute_report');
    assert.equal(searchValue('GET /report/:n'), '"GET /report/:n"');
    assert.equal(searchValue('a"b'), '"a\\"b"');
  });

  it('caches per key with a TTL, shares a running load, and refreshes on demand', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, () => now);
    const key = cacheKey({ url: 'u', org: 'o', projects: ['b', 'a'], period: '24h' });
    assert.equal(key, cacheKey({ url: 'u', org: 'o', projects: ['a', 'b'], period: '24h' }));
    assert.notEqual(
      key,
      cacheKey({ url: 'u', org: 'o', projects: ['a', 'b'], environment: 'prod', period: '24h' }),
    );
    const load = async () => ++loads;
    assert.deepEqual(await Promise.all([cache.get(key, load), cache.get(key, load)]), [1, 1]);
    now = 999;
    assert.equal(await cache.get(key, load), 1);
    assert.equal(await cache.get(key, load, true), 2);
    now = 999 + 1001;
    assert.equal(await cache.get(key, load), 3);
  });
});

describe('Sentry row merging', () => {
  const numbers = {
    'count()': 20,
    'p50(span.duration)': 108,
    'p95(span.duration)': 177,
    'avg(span.duration)': 99.2,
    'sum(span.self_time)': 1980,
  };
  it('drops a span-name row that is the same spans as a location row', () => {
    const [legacy, , named] = QUERY_SHAPES;
    const loc = rowsToStats(
      {
        data: [
          {
            'code.filepath': 'reports.js',
            'code.function': 'computeReport',
            'tags[code.lineno,number]': 7,
            project: 'shop-node',
            ...numbers,
          },
        ],
      },
      legacy,
    );
    const twin = rowsToStats(
      { data: [{ 'span.description': 'computeReport', project: 'shop-node', ...numbers }] },
      named,
    );
    const other = rowsToStats(
      {
        data: [
          { 'span.description': 'computeReport', project: 'shop-node', ...numbers, 'count()': 21 },
        ],
      },
      named,
    );
    assert.deepEqual(mergeStats([loc, twin]), loc);
    assert.equal(mergeStats([loc, other]).length, 2);
  });
});
