import type { Layout, LayoutView } from '../core/layout';
import type { FromWebview } from '../protocol';
import type { ControlValues } from './controls';
import type { FlameModel } from './model';
import { rectIdentity } from './rect-lookup';
import type { Viewport } from './viewport';

/** Kept with the webview's setState so hide/show and reloads (via the serializer) restore it. */
export interface PersistedState {
  readonly profileName: string;
  readonly view: LayoutView;
  readonly icicle: boolean;
  readonly thread: number;
  readonly onlyMine: boolean;
  readonly sandwichFrame: number;
  readonly search: string;
  /** Showing the baseline's shape (differential flamegraph). */
  readonly baseline: boolean;
  readonly x0: number;
  readonly x1: number;
  readonly scrollY: number;
  /** The user flipped flame/icicle (then "show this function" keeps their orientation). */
  readonly orientationChosen?: boolean;
  /** Selected rect by identity that survives relayout: frame, depth and start fraction. */
  readonly selected?: { readonly frame: number; readonly depth: number; readonly at: number };
}

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}

const VIEWS: readonly LayoutView[] = ['flame', 'left-heavy', 'time', 'sandwich'];

/** Reads back a saved state, dropping anything malformed (it may come from an older version). */
export function parseState(raw: unknown): PersistedState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const view = VIEWS.includes(s.view as LayoutView) ? (s.view as LayoutView) : 'flame';
  const sel = s.selected as Record<string, unknown> | undefined;
  return {
    profileName: typeof s.profileName === 'string' ? s.profileName : '',
    view,
    icicle: s.icicle === true,
    thread: num(s.thread, -1),
    onlyMine: s.onlyMine === true,
    sandwichFrame: num(s.sandwichFrame, -1),
    search: typeof s.search === 'string' ? s.search : '',
    baseline: s.baseline === true,
    orientationChosen: s.orientationChosen === true,
    x0: num(s.x0, 0),
    x1: num(s.x1, 1),
    scrollY: num(s.scrollY, 0),
    selected:
      sel && typeof sel === 'object'
        ? { frame: num(sel.frame, -1), depth: num(sel.depth, 0), at: num(sel.at, 0) }
        : undefined,
  };
}

/** The controls for a newly received profile: the saved ones if they still fit it. */
export function restoredOptions(
  saved: PersistedState | undefined,
  model: FlameModel,
  icicle: boolean,
  comparing = false,
): ControlValues {
  const o: ControlValues = saved
    ? { ...saved }
    : { view: 'flame', icicle, thread: -1, onlyMine: false, search: '', baseline: false };
  return {
    view: o.view === 'time' && !model.hasTimeline ? 'flame' : o.view,
    icicle: o.icicle,
    thread: o.thread < model.data.threads.length ? o.thread : -1,
    onlyMine: o.onlyMine && model.anyInWorkspace,
    search: o.search,
    baseline: o.baseline && comparing,
  };
}

/** The state to save for a view showing `layout` (`selected`: a rect index, or -1). */
export function snapshotOf(
  profileName: string,
  v: {
    readonly options: ControlValues;
    readonly sandwichFrame: number;
    readonly viewport: Viewport;
    readonly selected: number;
    readonly orientationChosen?: boolean;
  },
  layout: Layout,
): PersistedState {
  return {
    profileName,
    ...v.options,
    sandwichFrame: v.sandwichFrame,
    orientationChosen: v.orientationChosen === true,
    ...v.viewport,
    selected: v.selected >= 0 ? rectIdentity(layout, v.selected) : undefined,
  };
}
