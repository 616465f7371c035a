/* global document */
// The e2e scenarios, one per feature, each asserting what a person sees in the browser. Run by
// run.sh against code-server started by scripts/demo.sh with the packaged .vsix installed.
// Usage: node scenarios.mjs <baseUrl> <workspace> <shotDir> [<mediaDir>]
import fs from 'node:fs';
import path from 'node:path';
import * as h from './harness.mjs';
import { defLines, parseMs, speedscopeFacts, totalShare } from './expect.mjs';
import { canvasStats, findFrameAt, flamegraphFrame } from './webview.mjs';

const [base, ws, shots, media] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const REPORTS = 'python-service/shopapp/reports.py';
const facts = speedscopeFacts(path.join(ws, 'profiles/demo-service.speedscope.json'), REPORTS);
const defs = defLines(path.join(ws, REPORTS));
const state = {};

const { page, close } = await h.launch('dark');
const backToReports = async () => {
  await page.locator('.tab', { hasText: 'reports.py' }).first().click();
  await page.waitForSelector('.tab.active:has-text("reports.py")');
};

/** Clicks compute_report's Sentry lens (found by scenario 1) and waits for its slowest spans. */
async function openSlowestSpans() {
  h.check(state.sentryLens, 'scenario 1 found no Sentry lens on compute_report');
  await backToReports();
  await page
    .locator('.editor-group-container.active .codelens-decoration a', {
      hasText: state.sentryLens.text,
    })
    .first()
    .click();
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20000 });
}

/** Scenario 1's assertions, retried until the lenses and heat have settled. */
async function checkLenses() {
  const notes = [];
  const lenses = await h.lensesByLine(page);
  const cpu = lenses.filter((l) => /CPU/.test(l.text));
  const cpuDefs = new Set(cpu.map((l) => [...defs].find(([, line]) => line === l.line)?.[0]));
  notes.push(`CPU lenses: ${cpu.map((l) => `${l.line}: ${l.text}`).join(' | ')}`);
  h.check(
    [...facts.names].every((n) => cpuDefs.has(n)) && cpuDefs.size === facts.names.size,
    `CPU lenses on ${[...cpuDefs]} but the profile samples ${[...facts.names]}`,
  );
  const sentry = lenses.filter((l) => /p95/.test(l.text));
  notes.push(`Sentry lenses: ${sentry.map((l) => `${l.line}: ${l.text}`).join(' | ')}`);
  const onDef = (name) => sentry.some((l) => l.line === defs.get(name));
  const inBody = (name, end) => sentry.some((l) => l.line > defs.get(name) && l.line < end);
  h.check(onDef('compute_report'), 'no Sentry lens on def compute_report (a traced function)');
  h.check(
    inBody('load_orders', defs.get('compute_report')),
    'no Sentry lens on the queries inside load_orders',
  );
  state.cpuLens = cpu.find((l) => l.line === defs.get('compute_report'));
  state.sentryLens = sentry.find((l) => l.line === defs.get('compute_report'));
  // Heat: `::after` text with the line's share; the profile's hottest line must be the hottest.
  const lines = await h.editorLines(page);
  const hot = lines.filter((l) => /\d%/.test(l.after));
  const source = fs.readFileSync(path.join(ws, REPORTS), 'utf8').split('\n');
  const want = source[facts.hottestLine - 1].trim();
  const best = hot.sort((a, b) => parseFloat(b.after.slice(3)) - parseFloat(a.after.slice(3)));
  notes.push(
    `heat: ${hot.map((l) => `${l.after} on "${l.text.trim().slice(0, 30)}"`).join(' | ')}`,
  );
  h.check(best[0]?.text.trim() === want, `hottest heat on "${best[0]?.text}", want "${want}"`);
  return notes;
}

const scenarios = [
  {
    id: 'lenses-and-heat',
    title:
      'open a demo source file: CPU and Sentry lenses on the right functions, heat on hot lines',
    async run() {
      await h.openFile(page, REPORTS);
      await h.waitLens(page, /CPU/);
      await h.waitLens(page, /p95/);
      for (const n of await h.eventually(page, () => checkLenses())) h.lap(n);
      if (media) await page.screenshot({ path: path.join(media, 'lenses-dark.png') });
    },
  },
  {
    id: 'flamegraph-beside-code',
    title: 'click a CPU lens: the flamegraph opens beside the code, canvas drawn, search finds it',
    async run() {
      h.check(state.cpuLens, 'scenario 1 found no CPU lens on compute_report');
      await page
        .locator('.editor-group-container.active .codelens-decoration a', {
          hasText: state.cpuLens.text,
        })
        .first()
        .click();
      let fg = await flamegraphFrame(page, 8000);
      let note;
      if (!fg) {
        // The lens command may still only reveal the function in the Hotspots view.
        note =
          'clicking the CPU lens did not open the flamegraph (hotspotLens.showFunction reveals ' +
          'the function in the Hotspots view); canvas and search were checked through ' +
          '"Hotspot Lens: Show Flamegraph" instead';
        await backToReports();
        await h.runCommand(page, 'Hotspot Lens: Show Flamegraph');
        fg = await flamegraphFrame(page, 30000);
      }
      h.check(fg, 'no flamegraph webview with a drawn canvas appeared');
      const groups = await page.locator('.editor-group-container').count();
      h.check(groups >= 2, `flamegraph not beside the code: ${groups} editor group(s)`);
      const stats = await canvasStats(fg);
      h.lap(
        `canvas ${stats.width}x${stats.height}: ${stats.colours} colours, ${stats.painted}% painted`,
      );
      h.check(
        stats.colours >= 4 && stats.painted >= 5,
        `canvas looks empty: ${JSON.stringify(stats)}`,
      );
      if (!note) {
        // What a person reads first: the function drawn on screen, its callers in the breadcrumb.
        const crumbs = await fg.locator('.crumb').evaluateAll((els) =>
          els.map((e) => ({
            text: e.textContent ?? '',
            width: Math.round(e.getBoundingClientRect().width),
            cut: e.scrollWidth > e.clientWidth + 1,
          })),
        );
        h.lap(`breadcrumb: ${crumbs.map((c) => `${c.text}${c.cut ? ' (cut)' : ''}`).join(' › ')}`);
        h.check(
          crumbs.at(-1)?.text === 'compute_report',
          'the breadcrumb does not end at the function',
        );
        h.check(!crumbs.at(-1)?.cut, "the function's own crumb is cut");
        const narrow = crumbs.filter((c) => c.width < 36);
        h.check(narrow.length === 0, `unreadable crumbs: ${JSON.stringify(narrow)}`);
        const at = await findFrameAt(fg, 'compute_report');
        h.check(at, 'compute_report is not drawn on screen after the lens click');
        h.lap(`compute_report drawn at x=${at.x}, y=${at.y} of the canvas`);
        if (media)
          await page.screenshot({ path: path.join(media, 'flamegraph-from-lens-dark.png') });
      }
      await fg.locator('vscode-textfield.search').click();
      await page.keyboard.type('compute_report');
      const info = fg.locator('.search-info');
      await info.filter({ hasText: /% of total/ }).waitFor({ timeout: 10000 });
      const text = await info.innerText();
      const share = Number(/([\d.]+)% of total/.exec(text)?.[1]);
      const lens = totalShare(state.cpuLens.text);
      h.lap(`search "compute_report": ${text} (lens says ${lens}% total)`);
      h.check(/^[1-9]\d* frames?/.test(text), `search found nothing: ${text}`);
      h.check(Math.abs(share - lens) <= 0.2, `search share ${share}% != lens total ${lens}%`);
      state.fg = fg;
      if (media) await page.screenshot({ path: path.join(media, 'flamegraph-dark.png') });
      if (note) h.skip(note);
    },
  },
  {
    id: 'ctrl-click-frame',
    title: 'Ctrl+click a frame: the editor jumps to the right line',
    async run() {
      const fg = state.fg ?? (await flamegraphFrame(page, 5000));
      h.check(fg, 'no flamegraph open');
      const at = await findFrameAt(fg, 'compute_report');
      h.check(at, 'no compute_report frame under the pointer anywhere on the canvas');
      const line = Number(/:(\d+)/.exec(at.location)?.[1]);
      h.lap(`frame compute_report at ${at.x},${at.y}: ${at.location}`);
      h.check(
        facts.linesOf('compute_report').includes(line),
        `tooltip line ${line} not in profile`,
      );
      await fg
        .locator('canvas')
        .first()
        .click({
          position: { x: at.x, y: at.y },
          modifiers: ['Control'],
        });
      await page.waitForSelector('.tab.active:has-text("reports.py")', { timeout: 10000 });
      let got;
      for (let i = 0; i < 20 && got !== line; i++) {
        got = await h.cursorLine(page);
        if (got !== line) await page.waitForTimeout(250);
      }
      h.check(got === line, `cursor on line ${got}, the frame is line ${line}`);
    },
  },
  {
    id: 'sentry-slowest-and-trace',
    title: 'click a Sentry lens: slowest spans first; "Show Trace" draws the waterfall',
    async run() {
      await openSlowestSpans();
      await page.waitForTimeout(300);
      // Each row: the label (duration · transaction · time) and a detail line; keep the labels.
      const labels = (
        await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()
      ).filter((t) => /\d( ms| s) · /.test(t));
      const ms = labels.map(parseMs);
      h.lap(`slowest spans: ${labels.slice(0, 5).join(' | ')}${labels.length > 5 ? ' …' : ''}`);
      h.check(labels.length >= 2, `only ${labels.length} example span(s)`);
      h.check(
        ms.every((v, i) => v !== undefined && (i === 0 || v <= ms[i - 1])),
        `not slowest first: ${ms}`,
      );
      await page.screenshot({ path: path.join(shots, '04a-slowest-spans.png') });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Trace' }).waitFor();
      await page.keyboard.type('Show Trace');
      await page.keyboard.press('Enter');
      const found = await h.findFrame(page, async (f) => {
        const bars = await f.locator('.row .bar').count();
        return bars >= 2 ? bars : undefined;
      });
      h.check(found, 'no trace waterfall with span bars appeared');
      const widths = await found.frame
        .locator('.row .bar')
        .evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
      const highlighted = await found.frame.locator('.row.hl').count();
      h.lap(
        `waterfall: ${found.hit} bars, ${highlighted} highlighted, widest ${Math.max(...widths)} px`,
      );
      h.check(
        widths.some((w) => w > 20),
        'all waterfall bars are zero width',
      );
      h.check(highlighted === 1, `the picked span is not highlighted (${highlighted})`);
      if (media) await page.screenshot({ path: path.join(media, 'trace-dark.png') });
      // The same page in a narrow window (the panel is half of it): labels and bars must still
      // be readable. The window is put back before the scenario's own screenshot.
      const size = page.viewportSize();
      await page.setViewportSize({ width: 900, height: 700 });
      await page.waitForTimeout(500);
      const narrow = await found.frame.evaluate(() => {
        const right = (sel) =>
          Math.max(
            ...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right),
          );
        return {
          view: document.documentElement.clientWidth,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          durRight: right('.dur'),
          lane: Math.min(...[...document.querySelectorAll('.lane')].map((e) => e.clientWidth)),
        };
      });
      await page.screenshot({ path: path.join(shots, 'trace-narrow.png') });
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      h.lap(`narrow waterfall: ${JSON.stringify(narrow)}`);
      h.check(
        narrow.overflow <= 0 && narrow.durRight <= narrow.view && narrow.lane >= 60,
        `narrow waterfall cut off or squeezed: ${JSON.stringify(narrow)}`,
      );
    },
  },
  { id: 'light-theme-pictures', extra: true, run: () => media && themePictures(media) },
  {
    id: 'cpu-in-slowest-spans',
    title:
      'CPU in the slowest spans: from the Sentry lens, the samples inside them beside the code, heat on the hot loop',
    async run() {
      await openSlowestSpans();
      await page
        .locator('.quick-input-titlebar .action-label[aria-label^="CPU in the slowest spans"]')
        .click();
      // The status bar names the source once the profile is loaded.
      const status = page.locator('.statusbar-item', {
        hasText: 'slowest spans of compute_report',
      });
      await status.first().waitFor({ timeout: 30000 });
      const statusText = (await status.first().innerText()).replace(/\s+/g, ' ');
      h.lap(`status bar: ${statusText}`);
      const fg = await flamegraphFrame(page, 30000);
      h.check(fg, 'no flamegraph beside the code');
      const at = await findFrameAt(fg, 'compute_report');
      h.check(at, 'compute_report is not drawn in the flamegraph of the slowest spans');
      // Opened on the function, as from a CPU lens: the breadcrumb ends at it.
      const last = await fg.locator('.crumb[aria-current]').first().innerText();
      h.check(last === 'compute_report', `the flamegraph is opened at "${last}", not the function`);
      // Heat in reports.py now comes from those samples: the hot loop line is the hottest.
      await backToReports();
      const lines = await h.eventually(page, async () => {
        const hot = (await h.editorLines(page)).filter((l) => /\d%/.test(l.after));
        if (hot.length === 0) throw new Error('no heat in reports.py');
        return hot;
      });
      const share = (l) => parseFloat(l.after.replace(/[^\d.]/g, ''));
      const best = lines.sort((a, b) => share(b) - share(a))[0];
      h.lap(
        `heat: ${lines.map((l) => `${l.after.trim()} on "${l.text.trim().slice(0, 30)}"`).join(' | ')}`,
      );
      h.check(/checksum = \(checksum \* 31/.test(best.text), `hottest heat on "${best.text}"`);
      h.check(share(best) > 30, `the hot loop has only ${best.after.trim()}`);
      if (media) await page.screenshot({ path: path.join(media, 'cpu-in-slowest-spans-dark.png') });
    },
  },
  {
    id: 'pprof-custom-editor',
    title: 'open a .pb.gz from the explorer: the custom editor shows its flamegraph',
    async run() {
      await h.runCommand(page, 'View: Show Explorer');
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: 'e2e' })
        .first()
        .click();
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: 'parca-fib.pb.gz' })
        .click();
      await page.waitForSelector('.tab.active:has-text("parca-fib.pb.gz")', { timeout: 20000 });
      const fg = await flamegraphFrame(page, 30000, async (f) =>
        (await findFrameAt(f, /Fibonacci/)) ? true : undefined,
      );
      h.check(fg, 'no flamegraph with a Fibonacci frame in the parca-fib.pb.gz editor');
      const stats = await canvasStats(fg);
      h.lap(
        `pprof canvas ${stats.width}x${stats.height}: ${stats.colours} colours, ${stats.painted}% painted`,
      );
      h.check(
        stats.colours >= 4 && stats.painted >= 5,
        `canvas looks empty: ${JSON.stringify(stats)}`,
      );
    },
  },
  {
    id: 'error-messages',
    title: 'a corrupt profile and a Sentry 401 show their messages',
    async run() {
      await h.clearNotifications(page);
      await h.runCommand(page, 'View: Show Explorer');
      await h.explorerMenu(page, 'corrupt.speedscope.json', 'Open in Hotspot Lens');
      const corrupt = await h.waitNotification(page, /could not open corrupt\.speedscope\.json/);
      h.lap(`corrupt profile: ${corrupt}`);
      await page.screenshot({ path: path.join(shots, '06a-corrupt-profile.png') });
      await h.clearNotifications(page);
      await h.runCommand(page, 'Hotspot Lens: Sign in to Sentry');
      await page.waitForSelector('.quick-input-widget input[type="password"]', {
        state: 'visible',
      });
      await page.keyboard.type('sntryu_this-token-is-not-known');
      await page.keyboard.press('Enter');
      const rejected = await h.waitNotification(page, /did not accept the token|401/);
      h.lap(`Sentry 401: ${rejected}`);
    },
  },
  {
    id: 'capture-python',
    title: 'the capture command against a real Python process ends with lenses on its functions',
    async run() {
      if (!process.env.PY_SPY) h.skip('py-spy is not installed (pip install py-spy)');
      await h.clearNotifications(page);
      await h.openFile(page, 'e2e/workload.py');
      await h.runCommand(page, 'Hotspot Lens: Profile Python Command (py-spy)…');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      const suggested = await input.inputValue();
      h.lap(`suggested command: ${suggested}`);
      h.check(/ e2e\/workload\.py$/.test(suggested), `suggestion does not name the open file`);
      // The suggestion is `python <active file>`; Debian has only `python3` unless a venv is on.
      await input.fill('python3 e2e/workload.py');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'py-spy options' }).waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'capture duration' }).waitFor();
      await page.keyboard.press('Enter');
      const want = defLines(path.join(ws, 'e2e/workload.py'));
      const end = Date.now() + 90000;
      let lenses = [];
      while (Date.now() < end) {
        lenses = (await h.lensesByLine(page)).filter((l) => /CPU/.test(l.text));
        if (lenses.some((l) => l.line === want.get('crunch'))) break;
        await page.waitForTimeout(500);
      }
      h.lap(`lenses after capture: ${lenses.map((l) => `${l.line}: ${l.text}`).join(' | ')}`);
      h.check(
        lenses.some((l) => l.line === want.get('crunch')),
        'no CPU lens on def crunch',
      );
      h.check(
        lenses.some((l) => l.line === want.get('spin')),
        'no CPU lens on def spin',
      );
    },
  },
  {
    id: 'compare-baseline',
    title:
      'compare with a baseline capture: lenses show the change, the flamegraph red and blue, ' +
      "the toggle shows the baseline's shape",
    async run({ shot }) {
      await h.clearNotifications(page);
      await h.runCommand(page, 'View: Show Explorer');
      const row = page.locator('.explorer-folders-view .monaco-list-row', {
        hasText: 'fast.raw.txt',
      });
      if ((await row.count()) === 0) {
        await page
          .locator('.explorer-folders-view .monaco-list-row', { hasText: 'e2e' })
          .first()
          .click();
        await row.first().waitFor({ timeout: 10000 });
      }
      await h.explorerMenu(page, 'fast.raw.txt', 'Open in Hotspot Lens');
      // The baseline as an earlier capture of the workspace (the default capture folder), so the
      // picker offers it without a file dialog.
      const captures = path.join(ws, '.hotspot-lens/captures');
      fs.mkdirSync(captures, { recursive: true });
      fs.copyFileSync(
        new URL('../fixtures/diff/base.raw.txt', import.meta.url),
        path.join(captures, 'base.raw.txt'),
      );
      await h.runCommand(page, 'Hotspot Lens: Compare With Baseline…');
      await page.locator('.quick-input-widget', { hasText: 'Compare With Baseline' }).waitFor();
      await page.keyboard.type('base.raw.txt');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'base.raw.txt' })
        .first()
        .waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      // e2e/workload.py (the capture scenario's) has the same name: pick the row by its folder.
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type('e2e/diff/workload.py');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'e2e/diff' })
        .first()
        .click();
      await page
        .locator('.editor-group-container.active .breadcrumbs-control', { hasText: 'diff' })
        .waitFor({ timeout: 20000 });
      await h.waitLens(page, /pts vs baseline/);
      const defs = defLines(path.join(ws, 'e2e/diff/workload.py'));
      const lenses = await h.eventually(page, async () => {
        const all = (await h.lensesByLine(page)).filter((l) => /vs baseline/.test(l.text));
        const on = (name) => all.find((l) => l.line === defs.get(name));
        // The fixture's golden diff: checksum is the optimised function (−50.5 pts).
        const text = (name) => on(name)?.text ?? '(no lens)';
        h.check(
          /−\d+(\.\d+)? pts vs baseline/.test(text('checksum')),
          `checksum: ${text('checksum')}`,
        );
        h.check(
          /\+\d+(\.\d+)? pts vs baseline/.test(text('parse_rows')),
          `parse_rows: ${text('parse_rows')}`,
        );
        return all;
      });
      h.lap(`lenses: ${lenses.map((l) => `${l.line}: ${l.text}`).join(' | ')}`);
      await h.runCommand(page, 'Hotspot Lens: Show Flamegraph');
      const fg = await flamegraphFrame(page, 30000, async (f) =>
        (await f.locator('vscode-checkbox.shape').isVisible()) ? true : undefined,
      );
      h.check(fg, 'no flamegraph with the "Baseline shape" toggle (differential) appeared');
      await h.clearNotifications(page); // the "Compared with…" toast covers the graph's bottom
      const diff = diffColours();
      const now = await h.eventually(page, async () => {
        const c = await hueCounts(fg, diff);
        h.check(c.red > 100 && c.blue > 100, `not both colours: ${JSON.stringify(c)}`);
        return c;
      });
      h.lap(`new shape: ${JSON.stringify(now)} (hues ${diff.slower}/${diff.faster})`);
      await shot('compare-baseline-new.png');
      // The baseline's shape: checksum took 57% of it, so far more of the graph turns blue.
      await fg.locator('vscode-checkbox.shape').click();
      const then = await h.eventually(page, async () => {
        const c = await hueCounts(fg, diff);
        h.check(c.blue > now.blue * 2, `baseline shape not bluer: ${JSON.stringify(c)}`);
        return c;
      });
      h.lap(`baseline shape: ${JSON.stringify(then)}`);
      await shot('compare-baseline-base.png');
      await fg.locator('vscode-checkbox.shape').click();
      await h.runCommand(page, 'Hotspot Lens: Stop Comparing With Baseline');
    },
  },
];

/**
 * The differential hues and minimum saturation, read from diffFill in src/webview/colors.ts
 * (`hue = delta > 0 ? SLOWER : FASTER`, `sat = ... Math.round(MIN + ...)`), so the pixel check
 * follows the palette instead of repeating its numbers.
 */
function diffColours() {
  const src = fs.readFileSync(new URL('../../src/webview/colors.ts', import.meta.url), 'utf8');
  const body = src.slice(src.indexOf('export function diffFill'));
  const hue = /const hue = delta > 0 \? (\d+) : (\d+);/.exec(body);
  const sat = /Math\.round\((\d+) \+/.exec(body);
  h.check(hue && sat, 'diffFill in src/webview/colors.ts no longer has the expected shape');
  return { slower: Number(hue[1]), faster: Number(hue[2]), minSat: Number(sat[1]) };
}

/** Canvas pixels whose hue is the slower (red) or faster (blue) one of diffFill. */
async function hueCounts(frame, diff) {
  return frame.evaluate((d) => {
    const c = document.querySelector('canvas');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const near = (a, b) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b)) <= 12;
    let red = 0;
    let blue = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i] / 255, px[i + 1] / 255, px[i + 2] / 255];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      const l = (max + min) / 2;
      if (max === min) continue;
      const s = (max - min) / (1 - Math.abs(2 * l - 1));
      // Anti-aliased text blends the fill towards grey; count only fills near full saturation.
      if (s * 100 < d.minSat - 5) continue;
      let hue =
        max === r
          ? ((g - b) / (max - min)) % 6
          : max === g
            ? (b - r) / (max - min) + 2
            : (r - g) / (max - min) + 4;
      hue = (hue * 60 + 360) % 360;
      if (near(hue, d.slower)) red++;
      else if (near(hue, d.faster)) blue++;
    }
    return { red, blue, pixels: px.length / 4 };
  }, diff);
}

let counts;
try {
  await h.openWorkbench(page, base, ws);
  h.lap('workbench ready');
  counts = await h.runScenarios(page, shots, scenarios);
} finally {
  await close();
}
fs.writeFileSync(path.join(shots, 'counts.json'), JSON.stringify(counts));
process.exit(counts.failed ? 1 : 0);

/** The README's light-theme pictures: the same views in Light Modern, then back to dark. */
async function themePictures(dir) {
  // The workspace settings name the theme (run.sh); VS Code applies an edit of that file live.
  const file = path.join(ws, '.vscode/settings.json');
  const theme = async (name, dark) => {
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    settings['workbench.colorTheme'] = name;
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    await page.waitForFunction(
      (d) => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === d,
      dark,
      { timeout: 15000 },
    );
  };
  await theme('Default Light Modern', false);
  await backToReports();
  await page.locator('.tab', { hasText: 'Flamegraph' }).first().click();
  await flamegraphFrame(page, 15000);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(dir, 'flamegraph-light.png') });
  await page.locator('.tab', { hasText: 'Trace' }).first().click();
  await h.findFrame(page, async (f) => ((await f.locator('.row .bar').count()) > 1 ? 1 : 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(dir, 'trace-light.png') });
  h.lap('light theme pictures saved');
  await theme('Default Dark Modern', true);
  await backToReports();
}
