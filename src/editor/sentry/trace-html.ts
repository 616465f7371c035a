// The trace waterfall page. Strict CSP (default-src 'none', style and script by nonce), no remote
// resources, and the spans arrive by postMessage after `ready` and are drawn with textContent
// only, so span names from Sentry can never become markup. No vscode import here.

import type { TraceSpan } from '../../sentry/trace';
import { webviewPage } from '../webview-html';

export type ToTraceView = {
  type: 'init';
  traceId: string;
  highlight?: string;
  spans: readonly TraceSpan[];
};
export type FromTraceView = { type: 'ready' } | { type: 'openSpan'; id: string };

/** Narrows an untrusted webview message; anything else is dropped by the caller. */
export function parseTraceMessage(m: unknown): FromTraceView | undefined {
  const o = m as { type?: unknown; id?: unknown } | null;
  if (o?.type === 'ready') return { type: 'ready' };
  if (o?.type === 'openSpan' && typeof o.id === 'string' && /^[0-9a-f]{1,64}$/i.test(o.id))
    return { type: 'openSpan', id: o.id };
  return undefined;
}

/**
 * The code location of a span the webview asked to open, looked up by id in the trace the
 * extension itself sent: the webview can name a span, never a path.
 */
export function spanLocation(
  shown: readonly TraceSpan[] | undefined,
  id: string,
): { file: string; line: number | undefined } | undefined {
  const span = shown?.find((s) => s.id === id && s.file);
  return span?.file ? { file: span.file, line: span.line } : undefined;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px; }
h2 { font-weight: 600; font-size: 1.1em; }
.row { display: grid; grid-template-columns: minmax(220px, 40%) 1fr 80px; gap: 8px; align-items: center; min-height: 22px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.row.hl { background: var(--vscode-editor-selectionHighlightBackground); }
.label { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.op { color: var(--vscode-descriptionForeground); margin-right: 4px; }
.loc { margin-right: 6px; background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; }
.loc:hover { text-decoration: underline; }
.lane { position: relative; height: 12px; }
.bar { position: absolute; top: 0; height: 12px; min-width: 2px; background: var(--vscode-charts-orange, #e8912d); border-radius: 2px; }
.bar.tx { background: var(--vscode-charts-blue, #3794ff); }
.bar.err { background: var(--vscode-charts-red, #f14c4c); }
.dur { text-align: right; font-variant-numeric: tabular-nums; }
`;

// Plain ES2017 without template literals, so it can sit inside this TypeScript string.
const SCRIPT = `
(function () {
  var vscode = acquireVsCodeApi();
  var root = document.getElementById('root');
  var title = document.getElementById('title');
  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function ms(v) { return v >= 1000 ? (v / 1000).toPrecision(3) + ' s' : v >= 100 ? Math.round(v) + ' ms' : v.toPrecision(2) + ' ms'; }
  function render(m) {
    var spans = m.spans;
    root.textContent = '';
    title.textContent = 'Trace ' + m.traceId + ' \\u00b7 ' + spans.length + ' spans';
    if (!spans.length) return;
    var t0 = Infinity, t1 = -Infinity;
    spans.forEach(function (s) { t0 = Math.min(t0, s.start); t1 = Math.max(t1, s.end); });
    var width = Math.max(t1 - t0, 1e-6);
    spans.forEach(function (s) {
      var row = el('div', 'row' + (s.id === m.highlight ? ' hl' : ''));
      var label = el('div', 'label');
      label.style.paddingLeft = (s.depth * 12) + 'px';
      var op = el('span', 'op'); op.textContent = s.op;
      var desc = el('span'); desc.textContent = s.description;
      label.title = s.op + ' ' + s.description + (s.project ? ' (' + s.project + ')' : '');
      label.appendChild(op);
      if (s.file) {
        var link = el('button', 'loc');
        link.textContent = s.file + (s.line ? ':' + s.line : '');
        link.title = 'Open ' + link.textContent + ' in the editor';
        link.addEventListener('click', function () { vscode.postMessage({ type: 'openSpan', id: s.id }); });
        label.appendChild(link);
      }
      // The description goes last: it is the part that gets cut off in a narrow column.
      label.appendChild(desc);
      var lane = el('div', 'lane');
      var bar = el('div', 'bar' + (s.errorCount ? ' err' : s.isTransaction ? ' tx' : ''));
      bar.style.left = (100 * (s.start - t0) / width) + '%';
      bar.style.width = (100 * Math.max(s.end - s.start, 0) / width) + '%';
      bar.title = ms(s.duration);
      lane.appendChild(bar);
      var dur = el('div', 'dur'); dur.textContent = ms(s.duration);
      row.appendChild(label); row.appendChild(lane); row.appendChild(dur);
      root.appendChild(row);
    });
  }
  window.addEventListener('message', function (e) { if (e.data && e.data.type === 'init') render(e.data); });
  vscode.postMessage({ type: 'ready' });
})();
`;

export function traceHtml(nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return webviewPage({
    csp,
    title: 'Sentry trace',
    head: `<style nonce="${nonce}">${STYLE}</style>`,
    body: `<h2 id="title">Loading trace…</h2>
<div id="root"></div>
<script nonce="${nonce}">${SCRIPT}</script>`,
  });
}
