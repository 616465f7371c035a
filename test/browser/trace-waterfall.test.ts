import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { spanLocation } from '../../src/editor/sentry/trace-messages';
import { flattenTrace } from '../../src/sentry/trace';
import { openTrace, postedBack, traceSuiteHarness } from './trace-harness';

// The waterfall of the recorded trace (test/fixtures/sentry/trace.json: the real Python
// transaction of the demo, as GET /trace/{id}/ returns it), fed through flattenTrace as the
// extension does and read back from the DOM. What is expected is computed here from the JSON
// itself (its own tree walk, timestamps and durations), not from the page's code.

const TRACE_ID = '7956a76dc3a3402f847877a4e4ec42e5';
const BODY: unknown = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/sentry/trace.json'), 'utf8'),
);

interface RawSpan {
  event_id: string;
  op: string;
  description: string;
  start_timestamp: number;
  end_timestamp: number;
  duration: number;
  is_transaction: boolean;
  additional_attributes: Record<string, string | number>;
  children: RawSpan[];
}

/** Depth-first, children by start time: the order a waterfall reads in. */
function walk(spans: RawSpan[], depth = 0): { span: RawSpan; depth: number }[] {
  return [...spans]
    .sort((a, b) => a.start_timestamp - b.start_timestamp)
    .flatMap((span) => [{ span, depth }, ...walk(span.children, depth + 1)]);
}

const EXPECTED = walk(BODY as RawSpan[]);
const T0 = Math.min(...EXPECTED.map((e) => e.span.start_timestamp));
const T1 = Math.max(...EXPECTED.map((e) => e.span.end_timestamp));
/** The slow SQL statement in compute_report, the span a lens click would pick. */
const PICKED = '989bd66de92c5902';

/**
 * "120 ms", "0.18 ms" or "1.50 s" back to milliseconds, with the rounding error its digits allow
 * (half a unit of the last digit shown).
 */
const parseMs = (text: string): { ms: number; error: number } => {
  const m = /^(\d+)(?:\.(\d+))? (ms|s)$/.exec(text);
  assert.ok(m, `not a duration: ${text}`);
  const unit = m[3] === 's' ? 1000 : 1;
  const decimals = m[2]?.length ?? 0;
  return { ms: Number(m[0].split(' ')[0]) * unit, error: 0.5 * 10 ** -decimals * unit };
};

describe('trace waterfall of a recorded Sentry trace in Chromium', function () {
  this.timeout(60000);
  const h = traceSuiteHarness();
  const init = {
    type: 'init' as const,
    traceId: TRACE_ID,
    highlight: PICKED,
    spans: flattenTrace(BODY),
  };

  it('draws one row per span, in tree order, with op, location, description and indent', async () => {
    const p = await openTrace(h(), init);
    assert.equal(
      await p.locator('#title').textContent(),
      `Trace ${TRACE_ID} \u00b7 ${EXPECTED.length} spans`,
    );
    const rows = await p.$$eval('#root .row', (rs) =>
      rs.map((r) => ({
        op: r.querySelector('.op')?.textContent,
        loc: r.querySelector('.loc')?.textContent ?? null,
        desc: r.querySelector('.label > span:last-child')?.textContent,
        indent: getComputedStyle(r.querySelector('.label')!).paddingLeft,
        hl: r.classList.contains('hl'),
      })),
    );
    assert.deepEqual(
      rows,
      EXPECTED.map(({ span, depth }) => {
        const a = span.additional_attributes;
        return {
          op: span.op,
          loc: a['code.filepath'] ? `${a['code.filepath']}:${a['tags[code.lineno,number]']}` : null,
          desc: span.description,
          indent: `${depth * 12}px`,
          hl: span.event_id === PICKED,
        };
      }),
    );
    await p.close();
  });

  it('places each bar by its start and end within the trace; durations as recorded, rounded', async () => {
    const width = 1200;
    const p = await openTrace(h(), init, { width });
    const drawn = await p.$$eval('#root .row', (rs) =>
      rs.map((r) => {
        const lane = r.querySelector('.lane')!.getBoundingClientRect();
        const bar = r.querySelector('.bar')!.getBoundingClientRect();
        return {
          left: bar.left - lane.left,
          width: bar.width,
          lane: lane.width,
          cls: r.querySelector('.bar')!.className,
          dur: r.querySelector('.dur')!.textContent!,
        };
      }),
    );
    assert.equal(drawn.length, EXPECTED.length);
    drawn.forEach((d, i) => {
      const { span } = EXPECTED[i];
      const what = `${span.op} ${span.description.slice(0, 30)}`;
      const left = ((span.start_timestamp - T0) / (T1 - T0)) * d.lane;
      const w = ((span.end_timestamp - span.start_timestamp) / (T1 - T0)) * d.lane;
      assert.ok(d.lane > 300, `lane ${d.lane} px at ${width} px`);
      assert.ok(Math.abs(d.left - left) < 1, `${what}: left ${d.left}, expected ${left}`);
      // Bars have a 2 px minimum so a 0.2 ms span stays visible.
      assert.ok(Math.abs(d.width - Math.max(w, 2)) < 1, `${what}: width ${d.width}, expected ${w}`);
      assert.equal(d.cls, span.is_transaction ? 'bar tx' : 'bar', what);
      // The shown duration is the recorded one, rounded to what its digits can say.
      const { ms, error } = parseMs(d.dur);
      assert.ok(
        Math.abs(ms - span.duration) <= error + 1e-9,
        `${what}: ${d.dur} vs ${span.duration}`,
      );
      assert.ok(ms > 0, `${what}: ${d.dur}`);
    });
    await p.close();
  });

  it('a click on the picked span location posts its id, which resolves to its own file', async () => {
    const p = await openTrace(h(), init);
    await p.locator('.row.hl .loc').click();
    const sent = await postedBack(p);
    assert.deepEqual(sent, [{ type: 'openSpan', id: PICKED }]);
    assert.deepEqual(spanLocation(init.spans, PICKED), { file: 'shopapp/reports.py', line: 9 });
    await p.close();
  });

  for (const width of [300, 480])
    it(`stays readable in a ${width} px panel: no sideways scroll, durations and bars in view`, async () => {
      const p = await openTrace(h(), init, { width });
      const layout = await p.evaluate(() => {
        const widths = (sel: string) =>
          Array.from(document.querySelectorAll(sel)).map((e) => e.getBoundingClientRect().width);
        return {
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          view: window.innerWidth,
          durRight: Array.from(document.querySelectorAll('.dur')).map(
            (d) => d.getBoundingClientRect().right,
          ),
          labels: widths('.label'),
          lanes: widths('.lane'),
          bars: widths('.bar'),
        };
      });
      assert.ok(layout.overflow <= 0, `the page scrolls sideways by ${layout.overflow} px`);
      assert.ok(
        layout.durRight.every((r) => r <= layout.view),
        `durations cut off: ${layout.durRight}`,
      );
      assert.ok(
        layout.labels.every((w) => w >= 150),
        `labels ${layout.labels}`,
      );
      assert.ok(
        layout.lanes.every((w) => w >= 100),
        `lanes ${layout.lanes}`,
      );
      assert.ok(
        layout.bars.every((w) => w >= 2),
        `bars ${layout.bars}`,
      );
      await p.close();
    });

  it('scrolls a picked span far down a long trace into view', async () => {
    // The recorded spans, with 80 more copies of the first SQL statement before the picked one:
    // the shape of the demo's N+1 query trace.
    const [root, first, ...rest] = init.spans;
    const copies = Array.from({ length: 80 }, (_, i) => ({
      ...first,
      id: `c0${i.toString(16).padStart(14, '0')}`,
    }));
    const long = { ...init, spans: [root, first, ...copies, ...rest] };
    const p = await openTrace(h(), long, { width: 1000, height: 400 });
    const box = await p.evaluate(() => {
      const r = document.querySelector('.row.hl')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, view: window.innerHeight, y: window.scrollY };
    });
    assert.ok(box.y > 0, 'the page did not scroll');
    assert.ok(
      box.top >= 0 && box.bottom <= box.view,
      `the picked row is at ${JSON.stringify(box)}`,
    );
    await p.close();
  });

  it('a malformed init is refused with its reason, and draws nothing', async () => {
    const bad = {
      ...init,
      spans: init.spans.map((s, i) => (i === 2 ? { ...s, start: 'soon' } : s)),
    };
    const p = await openTrace(h(), bad as unknown as typeof init, { rows: 0 });
    await p.waitForFunction(
      () => document.getElementById('title')?.textContent !== 'Loading trace…',
    );
    assert.equal(
      await p.locator('#title').textContent(),
      'This trace cannot be shown here: span 2 has no numeric start. Use "Open in Sentry" on the span instead.',
    );
    assert.equal(await p.locator('#root').textContent(), '');
    await p.close();
  });
});
