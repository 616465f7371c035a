import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { attribute, functionKey } from '../../src/core/attribution';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { importProfileFile } from '../../src/core/import/index';
import {
  computeLayout,
  frameRanks,
  selfWidth,
  treeOf,
  type Layout,
  type LayoutRequest,
} from '../../src/core/layout';
import { ProfileBuilder } from '../../src/core/builder';
import { frameLabel, type Profile } from '../../src/core/model';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');
const GOLDEN = join(__dirname, '../../../test/unit/golden/layout');

function num(w: number): string {
  return Number.isInteger(w) ? String(w) : String(Number(w.toPrecision(12)));
}

/** One line per rect, indented by depth, so a golden diff reads like the flamegraph itself. */
function dump(profile: Profile, layout: Layout): string {
  const lines = [`total ${num(layout.total)} rects ${layout.count}`];
  for (let i = 0; i < layout.count; i++) {
    const indent = '  '.repeat(layout.depth[i] - layout.minDepth);
    const label = frameLabel(profile.frames[layout.frame[i]]);
    lines.push(`${indent}${label} [${num(layout.start[i])}, ${num(layout.end[i])})`);
  }
  return lines.join('\n') + '\n';
}

/** Like inferno's tests: a missing golden file is written out, but the test fails for review. */
function checkGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (!existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    assert.fail(`wrote missing golden file ${name}; review it and run again`);
  }
  assert.equal(actual, readFileSync(file, 'utf8'));
}

/** Rebuilds collapsed stacks from rects, an oracle independent of the layout code. */
function collapsedOf(profile: Profile, layout: Layout): string {
  const labels = profile.frames.map(frameLabel);
  const path: string[] = [];
  const sums = new Map<string, number>();
  for (let i = 0; i < layout.count; i++) {
    const p = layout.parent[i];
    path[i] = p < 0 ? labels[layout.frame[i]] : `${path[p]};${labels[layout.frame[i]]}`;
    const self = selfWidth(layout, i);
    if (self !== 0) sums.set(path[i], (sums.get(path[i]) ?? 0) + self);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([s, w]) => `${s} ${num(w)}\n`)
    .join('');
}

function request(profile: Profile, extra: Partial<LayoutRequest>): LayoutRequest {
  const rank = frameRanks(profile.frames.map((f) => f.name));
  return { view: 'flame', rank, timeline: profile.timeline?.node, ...extra };
}

function checkGeometry(layout: Layout): void {
  for (let i = 0; i < layout.count; i++) {
    assert.ok(layout.end[i] > layout.start[i], `rect ${i} has positive width`);
    const p = layout.parent[i];
    if (p < 0) continue;
    assert.ok(layout.start[i] >= layout.start[p] - 1e-9 && layout.end[i] <= layout.end[p] + 1e-9);
    assert.equal(Math.abs(layout.depth[i] - layout.depth[p]), 1);
  }
}

const GOLDEN_CASES: { file: string; views: LayoutRequest['view'][] }[] = [
  { file: 'collapsed/speedscope-simple.txt', views: ['flame', 'left-heavy'] },
  { file: 'collapsed/speedscope-recursion.txt', views: ['flame', 'left-heavy'] },
  { file: 'collapsed/inferno-austin-flames.txt', views: ['flame'] },
  { file: 'pyspy-own/threads.raw.txt', views: ['flame', 'left-heavy'] },
  { file: 'speedscope/speedscope-0.6.0-two-sampled.speedscope.json', views: ['flame', 'time'] },
];

describe('layout', () => {
  for (const { file, views } of GOLDEN_CASES) {
    for (const view of views) {
      it(`${file} ${view} matches its golden layout`, async () => {
        const profile = await importProfileFile(join(FIXTURES, file));
        const layout = computeLayout(treeOf(profile), request(profile, { view }));
        checkGeometry(layout);
        checkGolden(`${file.replace('/', '__')}.${view}.txt`, dump(profile, layout));
      });
    }
  }

  it('flame and left-heavy layouts give back the collapsed stacks of every fixture', async () => {
    for (const { file } of GOLDEN_CASES) {
      const profile = await importProfileFile(join(FIXTURES, file));
      const expected = toCollapsed(profile);
      for (const view of ['flame', 'left-heavy', 'time'] as const) {
        const layout = computeLayout(treeOf(profile), request(profile, { view }));
        assert.equal(collapsedOf(profile, layout), expected, `${file} ${view}`);
      }
    }
  });

  it('left-heavy puts the heaviest sibling first', async () => {
    const profile = await importProfileFile(join(FIXTURES, 'pyspy-own/threads.raw.txt'));
    const layout = computeLayout(treeOf(profile), request(profile, { view: 'left-heavy' }));
    for (let i = 0; i < layout.count; i++) {
      const next = layout.skip[i];
      if (next < layout.count && layout.parent[next] === layout.parent[i]) {
        assert.ok(layout.end[i] - layout.start[i] >= layout.end[next] - layout.start[next]);
      }
    }
  });

  it('per-thread layouts add up to the all-threads layout', async () => {
    const profile = await importProfileFile(join(FIXTURES, 'pyspy-own/threads.raw.txt'));
    assert.ok(profile.threads.length > 1);
    const all = computeLayout(treeOf(profile), request(profile, {}));
    let sum = 0;
    profile.threads.forEach((_, thread) => {
      const one = computeLayout(treeOf(profile), request(profile, { thread }));
      checkGeometry(one);
      sum += one.total;
    });
    assert.equal(sum, all.total);
    assert.equal(all.total, profile.totals[profile.defaultValue]);
  });

  it('the sandwich of a recursive function weighs what attribution says', async () => {
    const profile = await importProfileFile(join(FIXTURES, 'collapsed/speedscope-recursion.txt'));
    const stats = attribute(profile);
    for (const name of ['a', 'b', 'c']) {
      const fn = stats.byFunction.find((f) => f.key === functionKey(name, undefined))!;
      const mask = new Uint8Array(profile.frames.length);
      for (const id of fn.frameIds) mask[id] = 1;
      const layout = computeLayout(
        treeOf(profile),
        request(profile, { view: 'sandwich', sandwich: mask }),
      );
      assert.equal(layout.total, fn.total, name);
      assert.equal(layout.frame[0], fn.frameIds[0]);
      checkGeometry(layout);
      if (name === 'b') checkGolden('speedscope-recursion.sandwich-b.txt', dump(profile, layout));
    }
  });

  it('"only my code" removes hidden frames and keeps the total', async () => {
    const profile = await importProfileFile(join(FIXTURES, 'pyspy-own/threads.raw.txt'));
    const hidden = new Uint8Array(profile.frames.length);
    profile.frames.forEach((f, id) => {
      if (!f.file?.endsWith('workload.py')) hidden[id] = 1;
    });
    const all = computeLayout(treeOf(profile), request(profile, {}));
    const mine = computeLayout(treeOf(profile), request(profile, { hidden }));
    assert.equal(mine.total, all.total);
    assert.ok(mine.count > 0 && mine.count < all.count);
    for (let i = 0; i < mine.count; i++) assert.equal(hidden[mine.frame[i]], 0);
    checkGeometry(mine);
    checkGolden('pyspy-own__threads.raw.txt.only-mine.txt', dump(profile, mine));
  });

  it('time order keeps samples in sequence and joins runs with a shared prefix', () => {
    const b = new ProfileBuilder({
      format: 'speedscope',
      name: 'time',
      valueTypes: [{ type: 'samples', unit: 'count' }],
      keepTimeline: true,
    });
    const [A, B, C] = ['A', 'B', 'C'].map((name) => b.internFrame({ name, kind: 'other' }));
    [[A, B], [A, B], [A, C], [A, B], [C]].forEach((stack, t) => {
      b.recordTime(b.addStack(stack, stack.length, false, 1), t * 10);
    });
    const profile = b.build();
    const layout = computeLayout(treeOf(profile), request(profile, { view: 'time' }));
    assert.equal(
      dump(profile, layout),
      'total 5 rects 5\nA [0, 4)\n  B [0, 2)\n  C [2, 3)\n  B [3, 4)\nC [4, 5)\n',
    );
    assert.equal(collapsedOf(profile, layout), toCollapsed(profile));
  });

  it('the already-merged shortcut lays out exactly like the full merge', async () => {
    for (const file of ['pyspy-own/threads.raw.txt', 'collapsed/inferno-austin-flames.txt']) {
      const profile = await importProfileFile(join(FIXTURES, file));
      // An all-zero "hidden" mask hides nothing but forces the general merge.
      const none = new Uint8Array(profile.frames.length);
      for (const thread of [undefined, 0, 1]) {
        for (const view of ['flame', 'left-heavy'] as const) {
          const fast = computeLayout(treeOf(profile), request(profile, { view, thread }));
          const full = computeLayout(
            treeOf(profile),
            request(profile, { view, thread, hidden: none }),
          );
          assert.equal(dump(profile, fast), dump(profile, full), `${file} ${view} ${thread}`);
        }
      }
    }
  });
});
