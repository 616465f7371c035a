// What the trace page may ask of the extension, checked before anything acts on it. The page
// renders strings from Sentry, so whatever it posts is treated like an untrusted peer's message
// (as the flamegraph's are, editor/flamegraph/messages.ts).

import type { FromTraceView, TraceViewSpan } from '../../protocol';

/** A Sentry span id: 16 hex digits in practice; anything that is not hex is refused. */
const SPAN_ID = /^[0-9a-f]{1,64}$/i;

/**
 * Narrows a message from the trace webview: `ready`, or `openSpan` with a hex span id and
 * nothing else copied. Unknown types, paths instead of ids and other shapes give undefined.
 */
export function parseFromTraceView(raw: unknown): FromTraceView | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openSpan':
      return typeof m.id === 'string' && SPAN_ID.test(m.id)
        ? { type: 'openSpan', id: m.id }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The code location of a span the webview asked to open, looked up by id in the trace the
 * extension itself sent: the webview can name a span, never a path.
 */
export function spanLocation(
  shown: readonly TraceViewSpan[] | undefined,
  id: string,
): { file: string; line: number | undefined } | undefined {
  const span = shown?.find((s) => s.id === id && s.file);
  return span?.file ? { file: span.file, line: span.line } : undefined;
}
