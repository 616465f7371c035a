// The profile model shared by every importer, the attribution code, the CLI and the webview.
// Modelled on speedscope's Profile/Frame (interned frames, one builder that is the only code
// that changes a profile) but stored as flat typed arrays so it can be posted to a webview or a
// worker without conversion and stays small for profiles with millions of samples.

/**
 * What produced a frame. The order is also the code of each kind in the webview's `frameKind`
 * column (src/protocol.ts), so new kinds go at the end.
 */
export const FRAME_KINDS = ['python', 'native', 'kernel', 'process', 'thread', 'other'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

export interface Frame {
  readonly name: string;
  /** Source file as the profiler recorded it (capture-time path), if any. */
  readonly file?: string;
  /** 1-based source line, if known (never 0: unknown lines are left undefined). */
  readonly line?: number;
  readonly col?: number;
  /** Shared object / mapping / module the frame belongs to (perf dso, pprof mapping). */
  readonly module?: string;
  readonly kind: FrameKind;
  /** True for frames a compiler inlined into their caller (perf `(inlined)`, pprof Line[]). */
  readonly inlined?: boolean;
  /**
   * The producer's own verdict on "application code", where the format has one (Sentry's
   * `in_app` / `is_application`). "Only my code" prefers it to the workspace mapping.
   */
  readonly inApp?: boolean;
}

export interface ValueType {
  /** e.g. `samples`, `cpu`, `cpu-clock`, `alloc_space`. */
  readonly type: string;
  /** e.g. `count`, `nanoseconds`, `seconds`, `bytes`, `events`. */
  readonly unit: string;
}

export type ProfileFormat =
  | 'speedscope'
  | 'pyspy-raw'
  | 'collapsed'
  | 'perf-script'
  | 'pprof'
  | 'otlp'
  | 'chrometrace'
  | 'sentry';

export interface ThreadInfo {
  /** Display name, e.g. `Thread 16785 "worker"` or `app 20562/20563`. */
  readonly name: string;
  readonly pid?: number;
  readonly tid?: number;
}

export interface ProfileMeta {
  readonly format: ProfileFormat;
  /** Producer when known (`py-spy@0.4.2`, `perf`, `go`). */
  readonly tool?: string;
  /** Display name (file name or the name inside the file). */
  readonly name: string;
  /**
   * Sample records in the file: speedscope sampled entries, perf sample records, pprof Sample
   * messages; for collapsed / py-spy raw the sum of the counts.
   */
  readonly sampleRecords: number;
  /** Lines or records skipped as unparseable, with the first few reasons for the log. */
  readonly skipped: number;
  readonly warnings: readonly string[];
  readonly startTimeNanos?: number;
  readonly durationNanos?: number;
  /**
   * Producer metadata as text, where the format has it: OTLP resource and scope attributes
   * (`service.name`, `host.name`, `container.id`, `otel.scope.name`); several resources with
   * different values for a key give them joined by `, `.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Stacks as a prefix tree. Node 0 is the root (frame -1). Every other node's parent has a lower
 * index, so a reverse index walk visits children before parents. Each node belongs to one thread
 * (index into `threads`); root children of different threads are different nodes, so a view of
 * "all threads" merges siblings by frame (see core/layout).
 */
export interface Profile {
  readonly meta: ProfileMeta;
  readonly frames: readonly Frame[];
  readonly valueTypes: readonly ValueType[];
  /** Index into valueTypes of the value shown by default (pprof default_sample_type, etc.). */
  readonly defaultValue: number;
  readonly threads: readonly ThreadInfo[];
  readonly nodeCount: number;
  readonly nodeFrame: Int32Array;
  readonly nodeParent: Int32Array;
  readonly nodeDepth: Int32Array;
  readonly nodeThread: Int32Array;
  /** Per value type: weight of samples whose leaf is this node. */
  readonly nodeSelf: readonly Float64Array[];
  /** Per value type: self plus all descendants. */
  readonly nodeTotal: readonly Float64Array[];
  /** Per value type: the signed sum of all samples. */
  readonly totals: readonly number[];
  /**
   * Samples in time order, where the format has time (speedscope, perf with timestamps):
   * leaf node per sample and its start time in nanoseconds. Absent otherwise.
   */
  readonly timeline?: { readonly node: Int32Array; readonly timeNanos: Float64Array };
}

export function frameLabel(frame: Frame): string {
  if (frame.file === undefined) return frame.name;
  return frame.line === undefined
    ? `${frame.name} (${frame.file})`
    : `${frame.name} (${frame.file}:${frame.line})`;
}

/** The frames of the path from the root to `node`, root first (the root itself excluded). */
export function stackOf(profile: Profile, node: number): number[] {
  const stack: number[] = [];
  for (let n = node; n > 0; n = profile.nodeParent[n]) stack.push(profile.nodeFrame[n]);
  return stack.reverse();
}
