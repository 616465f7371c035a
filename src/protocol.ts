// Messages between the extension (src/editor) and its two webviews (src/webview): the flamegraph
// (`ToWebview`/`FromWebview`) and the Sentry trace waterfall (`ToTraceView`/`FromTraceView`).
// Data crosses as flat, id-linked tables and typed arrays (js-profile's IProfileModel), never as
// class graphs or HTML: every string here is shown with textContent or fillText, never parsed.
// It imports only core/model (plain types and constants), so both sides and the browser bundles
// can use it. The extension checks every message a webview posts before using it
// (editor/flamegraph/messages.ts, editor/sentry/trace-messages.ts); the trace page checks the
// spans it is sent (webview/trace/messages.ts).

import type { FrameKind } from './core/model';

/** The codes of FlameData.frameKind: index i is FRAME_KINDS[i] of the core. */
export { FRAME_KINDS } from './core/model';
export type { FrameKind };

/** The profile as the webview needs it. Node 0 is the root (frame -1), as in core/model. */
export interface FlameData {
  /** Display name of the profile (file name or the name inside the file). */
  readonly name: string;
  /** Interned strings; frames refer to them by index. */
  readonly strings: readonly string[];
  /** Per frame: index into `strings` of the function name. */
  readonly frameName: Int32Array;
  /** Per frame: index into `strings` of the file as recorded, or -1. */
  readonly frameFile: Int32Array;
  /** Per frame: 1-based line, or 0 when unknown. */
  readonly frameLine: Int32Array;
  /** Per frame: index into FRAME_KINDS (a {@link FrameKind}). */
  readonly frameKind: Uint8Array;
  /** Per frame: 1 when the file maps into the workspace (for "only my code"). */
  readonly frameInWorkspace: Uint8Array;
  readonly nodeParent: Int32Array;
  readonly nodeFrame: Int32Array;
  readonly nodeThread: Int32Array;
  /** Per value type: self weight of each node. */
  readonly nodeSelf: readonly Float64Array[];
  readonly valueTypes: readonly { readonly type: string; readonly unit: string }[];
  readonly valueIndex: number;
  readonly threads: readonly string[];
  /** Leaf node per sample in time order, where the format has time. */
  readonly timeline?: Int32Array;
  /**
   * Differential flamegraph, set only while comparing with a baseline (src/editor/compare):
   * per frame, the change of its function's self share in percentage points (new − baseline;
   * positive is slower) and the baseline's self share. Rects are coloured by the change.
   */
  readonly frameDelta?: Float64Array;
  readonly frameBaseShare?: Float64Array;
  /** Display name of the baseline, for the tooltip. */
  readonly diffBaseline?: string;
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export type ToWebview =
  | {
      readonly type: 'init';
      readonly flame: FlameData;
      /**
       * While comparing: the baseline's own shape, coloured by the same change (frameDelta per
       * baseline frame), for the webview's "Baseline shape" toggle. Its frame ids are the
       * baseline's, so the webview never posts them back as `select` or `openSource`.
       */
      readonly baseline?: FlameData;
      readonly selectFrameIds?: number[];
    }
  /** Zoom to and select the heaviest rect of these frames (e.g. "Show Flamegraph" on a lens). */
  | { readonly type: 'reveal'; readonly frameIds: number[] }
  /** Outline these frames without moving the view (cursor is inside their function). */
  | { readonly type: 'highlight'; readonly frameIds: number[] }
  | { readonly type: 'theme'; readonly kind: ThemeKind }
  /** The profile could not be shown (e.g. the file did not import); shown as plain text. */
  | { readonly type: 'error'; readonly message: string };

export type FromWebview =
  | { readonly type: 'ready' }
  /** The extension looks the file up from the frame itself; the webview never sends paths. */
  | { readonly type: 'openSource'; readonly frameId: number }
  | { readonly type: 'select'; readonly frameId: number }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

// The Sentry trace waterfall (editor/sentry/trace-panel.ts ⇄ webview/trace/).

/** One row of the waterfall: a span of the trace, flattened depth-first (sentry/trace.ts). */
export interface TraceViewSpan {
  /** Sentry span id (hex); the only thing the webview ever sends back. */
  readonly id: string;
  /** Nesting depth, 0 for a root span (indents the label). */
  readonly depth: number;
  readonly op: string;
  readonly description: string;
  readonly project: string;
  /** Epoch seconds. */
  readonly start: number;
  readonly end: number;
  /** Milliseconds. */
  readonly duration: number;
  readonly isTransaction: boolean;
  readonly errorCount: number;
  /** Code location as the SDK recorded it, shown as a link; opened by id, never by this text. */
  readonly file?: string;
  readonly line?: number;
}

export type ToTraceView = {
  readonly type: 'init';
  readonly traceId: string;
  /** Span id of the row to highlight (the span picked in the slowest-spans list). */
  readonly highlight?: string;
  readonly spans: readonly TraceViewSpan[];
};

export type FromTraceView =
  | { readonly type: 'ready' }
  /** The extension looks the span up in the trace it sent; the webview never sends a path. */
  | { readonly type: 'openSpan'; readonly id: string };

/** For `default:` branches: a compile error when a message type is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
