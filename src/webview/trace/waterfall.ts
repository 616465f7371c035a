// Draws a trace as a waterfall: one grid row per span (label, bar lane, duration), bars placed
// by start and end relative to the whole trace. Every string from Sentry goes in through
// textContent or a title attribute, so a span name can never become markup.

import type { ToTraceView, TraceViewSpan } from '../../protocol';

/** What a click on a span's code location does (posts `openSpan` with the id only). */
export type OpenSpan = (id: string) => void;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** A duration in milliseconds as the waterfall shows it: 3 significant digits at most. */
function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toPrecision(2)} ms`;
}

function barClass(s: TraceViewSpan): string {
  if (s.errorCount) return 'bar err';
  return s.isTransaction ? 'bar tx' : 'bar';
}

function row(
  s: TraceViewSpan,
  t0: number,
  width: number,
  highlight: string | undefined,
  open: OpenSpan,
): HTMLElement {
  const r = el('div', s.id === highlight ? 'row hl' : 'row');
  const label = el('div', 'label');
  label.style.paddingLeft = `${s.depth * 12}px`;
  label.title = `${s.op} ${s.description}${s.project ? ` (${s.project})` : ''}`;
  const op = el('span', 'op');
  op.textContent = s.op;
  label.append(op);
  if (s.file) {
    const link = el('button', 'loc');
    link.textContent = s.file + (s.line ? `:${s.line}` : '');
    link.title = `Open ${link.textContent} in the editor`;
    link.addEventListener('click', () => open(s.id));
    label.append(link);
  }
  // The description goes last: it is the part that gets cut off in a narrow column.
  const desc = el('span');
  desc.textContent = s.description;
  label.append(desc);

  const lane = el('div', 'lane');
  const bar = el('div', barClass(s));
  bar.style.left = `${(100 * (s.start - t0)) / width}%`;
  bar.style.width = `${(100 * Math.max(s.end - s.start, 0)) / width}%`;
  bar.title = formatDuration(s.duration);
  lane.append(bar);

  const dur = el('div', 'dur');
  dur.textContent = formatDuration(s.duration);
  r.append(label, lane, dur);
  return r;
}

/** Replaces the rows in `root` and the heading in `title` with the trace in `m`. */
export function renderTrace(
  title: HTMLElement,
  root: HTMLElement,
  m: ToTraceView,
  open: OpenSpan,
): void {
  const { spans } = m;
  root.textContent = '';
  title.textContent = `Trace ${m.traceId} \u00b7 ${spans.length} spans`;
  if (!spans.length) return;
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of spans) {
    t0 = Math.min(t0, s.start);
    t1 = Math.max(t1, s.end);
  }
  const width = Math.max(t1 - t0, 1e-6);
  const rows = spans.map((s) => row(s, t0, width, m.highlight, open));
  root.append(...rows);
  revealHighlight(rows.find((r) => r.classList.contains('hl')));
}

/**
 * The picked span may be far down a long trace: scroll this page (only this one, unlike
 * scrollIntoView, which may also move the workbench around the webview) to centre it when it is
 * out of view.
 */
function revealHighlight(row: HTMLElement | undefined): void {
  if (!row) return;
  const box = row.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  window.scrollBy(0, box.top - (window.innerHeight - box.height) / 2);
}
