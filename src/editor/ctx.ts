// The editor context: what every part of the extension shares, made once in `activate` and
// passed to each `register*` (as rust-analyzer's editors/code does with its Ctx). Reading this
// file and command-table.ts tells what the extension wires up at activation. Everything here is
// disposed with the extension; no part keeps module-level state of its own.
import * as vscode from 'vscode';
import { BaselineOverlay } from './compare/baseline-overlay';
import { CompareState } from './compare/compare-state';
import { SentryPeriodState } from './compare/sentry-periods';
import { Config } from './config';
import { FunctionIndex } from './function-index';
import { OverlayStack, type ProfileOverlay, type SpanLensOverlay } from './overlay';
import { ProfileStore } from './profile-store';

export interface EditorContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The typed `hotspotLens.*` settings, one instance for every part. */
  readonly config: Config;
  /** The loaded profile (one at a time) and its attribution. */
  readonly store: ProfileStore;
  /** Function definitions of workspace documents (document symbols), cached per version. */
  readonly functions: FunctionIndex;
  /** "Compare With Baseline": the active comparison, if any. */
  readonly baseline: CompareState;
  /** "Compare Sentry Periods": the other period's span numbers, if comparing. */
  readonly periods: SentryPeriodState;
  /** What decorates the profile views (CodeLens, heat, Hotspots, flamegraph), in order. */
  readonly overlay: ProfileOverlay;
  /** The baseline comparison's own overlay (the test API reads its heat). */
  readonly baselineOverlay: BaselineOverlay;
  /** What decorates the Sentry span lenses. */
  readonly spanOverlay: SpanLensOverlay;
}

export function createContext(extension: vscode.ExtensionContext): EditorContext {
  const log = vscode.window.createOutputChannel('Hotspot Lens', { log: true });
  const config = new Config();
  const store = new ProfileStore(log, config, extension.workspaceState);
  const functions = new FunctionIndex(log);
  const baseline = new CompareState();
  const periods = new SentryPeriodState();
  const baselineOverlay = new BaselineOverlay(baseline);
  // A Sentry profile or a performance issue joins here as a second overlay.
  const overlay = new OverlayStack([baselineOverlay]);
  extension.subscriptions.push(log, config, store, functions, baseline, periods, baselineOverlay);
  return {
    extension,
    log,
    config,
    store,
    functions,
    baseline,
    periods,
    overlay,
    baselineOverlay,
    spanOverlay: periods,
  };
}
