// Render benchmark: the flamegraph webview bundle in headless Chromium on a profile with more
// than 500k call-tree nodes. Prints the time to first paint after `init` arrives (structured
// clone, model, layout and the first draw) and the median / p95 main-thread time per frame over
// a scripted zoom-and-pan sequence. Targets (issue 3): first paint < 200 ms, p95 frame < 16 ms.
// Run: npm run bench:render   (needs /usr/bin/chromium or CHROMIUM_PATH; RUNS=n, default 3)
import { join } from 'path';
import { ProfileBuilder } from '../src/core/builder';
import { importProfileFile } from '../src/core/import/index';
import { toFlameData } from '../src/core/layout/flame-data';
import { stackOf, type Profile } from '../src/core/model';
import { openWith, startHarness } from '../test/browser/harness';

const FIXTURE = join(__dirname, '../../test/fixtures/profiles/perf-own/hot.fp.perf.txt');
const TARGET_NODES = 500_000;
const RUNS = Number(process.env.RUNS ?? 3);

/**
 * Replicates the fixture's stacks under many distinct services and handlers, renaming frames
 * per copy (`name~k`), so the tree is wide and deep like a big real profile rather than one
 * stack repeated.
 */
function synthesise(base: Profile): Profile {
  const b = new ProfileBuilder({
    format: 'perf-script',
    name: 'synthetic-500k',
    valueTypes: base.valueTypes.map((v) => ({ ...v })),
  });
  const stacks: { frames: number[]; weight: number }[] = [];
  const self = base.nodeSelf[base.defaultValue];
  for (let n = 1; n < base.nodeCount; n++) {
    if (self[n] > 0) stacks.push({ frames: stackOf(base, n), weight: self[n] });
  }
  const stack: number[] = [];
  // Each copy adds the fixture's nodes plus its handler node under a shared service node.
  const copies = Math.ceil(TARGET_NODES / base.nodeCount) + 1;
  for (let copy = 0; copy < copies; copy++) {
    const service = b.internFrame({ name: `service_${copy % 40}`, kind: 'native' });
    const handler = b.internFrame({
      name: `handler_${copy}`,
      file: `svc/h${copy % 300}.c`,
      line: 1 + (copy % 90),
      kind: 'native',
    });
    for (const s of stacks) {
      stack.length = 0;
      stack.push(service, handler);
      for (const f of s.frames) {
        const frame = base.frames[f];
        stack.push(b.internFrame({ ...frame, name: `${frame.name}~${copy % 97}` }));
      }
      b.addStack(stack, stack.length, false, s.weight * (1 + (copy % 7)), { thread: copy % 4 });
    }
  }
  const profile = b.build();
  if (profile.nodeCount < TARGET_NODES) throw new Error(`only ${profile.nodeCount} nodes`);
  return profile;
}

function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

async function main(): Promise<void> {
  const base = await importProfileFile(FIXTURE);
  const profile = synthesise(base);
  const flame = toFlameData(profile, profile.defaultValue, (id) => id % 3 === 0);
  console.log(
    `profile: ${profile.nodeCount} nodes, ${profile.frames.length} frames (from ${base.nodeCount} nodes of perf-own/hot.fp.perf.txt)`,
  );
  const h = await startHarness();
  try {
    const firstPaints: number[] = [];
    const handlerPaints: number[] = [];
    let frames: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await openWith(h, flame, { width: 1400, height: 900 }, (ms) =>
        firstPaints.push(ms),
      );
      const { parts, handler } = await page.evaluate(() => {
        const posted = performance.getEntriesByName('harness:posted')[0]?.startTime ?? 0;
        const init = performance.getEntriesByName('hotspot-lens:init')[0];
        const parts = [
          `delivery ${((init?.startTime ?? posted) - posted).toFixed(1)} ms`,
          ...performance
            .getEntriesByType('measure')
            .map((m) => `${m.name.replace('hotspot-lens:', '')} ${m.duration.toFixed(1)} ms`),
        ];
        return { parts, handler: init?.duration ?? NaN };
      });
      handlerPaints.push(handler);
      console.log(
        `run ${run + 1}: first paint ${firstPaints[run].toFixed(1)} ms (${parts.join(', ')})`,
      );
      if (run === 0) frames = await page.evaluate(zoomAndPan);
      await page.close();
    }
    const fp = stats(handlerPaints);
    const e2e = stats(firstPaints);
    const fr = stats(frames);
    console.log(
      `first paint after the init message arrives (handler: model + layout + draw): median ${fp.median.toFixed(1)} ms, max ${fp.max.toFixed(1)} ms (target < 200)`,
    );
    console.log(
      `first paint from postMessage (adds delivery in the page): median ${e2e.median.toFixed(1)} ms, max ${e2e.max.toFixed(1)} ms`,
    );
    console.log(
      `frames over ${frames.length} zoom/pan steps: median ${fr.median.toFixed(2)} ms, p95 ${fr.p95.toFixed(2)} ms, max ${fr.max.toFixed(2)} ms (target p95 < 16)`,
    );
  } finally {
    await h.close();
  }
}

/**
 * Runs in the page: wheel zooms in and out around several points, horizontal and vertical pans.
 * A frame's cost is the event handler plus the time from the frame's start to a rAF callback
 * queued after the view's own (callbacks run in order, so this one runs after the draw).
 */
async function zoomAndPan(): Promise<number[]> {
  const canvas = document.querySelector('canvas.flame') as HTMLCanvasElement;
  const r = canvas.getBoundingClientRect();
  const times: number[] = [];
  const step = async (init: WheelEventInit) => {
    const t0 = performance.now();
    canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init }));
    const handler = performance.now() - t0;
    const draw = await new Promise<number>((resolve) =>
      requestAnimationFrame((ts) => resolve(performance.now() - ts)),
    );
    times.push(handler + Math.max(0, draw));
  };
  for (const fx of [0.1, 0.5, 0.83]) {
    const at = { clientX: r.left + r.width * fx, clientY: r.top + r.height * 0.7 };
    for (let i = 0; i < 25; i++) await step({ ...at, deltaY: -120 });
    for (let i = 0; i < 15; i++) await step({ ...at, deltaX: i % 2 ? 80 : -60, deltaY: 0 });
    for (let i = 0; i < 10; i++) await step({ ...at, deltaY: 40, shiftKey: true });
    for (let i = 0; i < 25; i++) await step({ ...at, deltaY: 120 });
  }
  return times;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
