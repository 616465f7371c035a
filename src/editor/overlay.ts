// What decorates the base profile views. A base view (CodeLens, heat, Hotspots tree,
// flamegraph) receives its overlays through its constructor and asks them, in order, to add to
// what it draws; it never imports the feature behind them. Today the baseline comparison
// (compare/baseline-overlay.ts) is one; a Sentry profile or a performance issue can be the next
// without touching the views. The Sentry span lens has its own, smaller hook (SpanLensOverlay).
import type * as vscode from 'vscode';
import type { FlameData } from '../protocol';
import type { HeatLine } from './heat';
import type { LoadedProfile } from './loaded-profile';
import type { SentrySnapshot } from './sentry/data';

/** A node an overlay adds to the Hotspots view; `owner` answers for it. */
export interface OverlayNode {
  readonly kind: 'overlay';
  readonly owner: TreeOverlay;
}

export interface TreeOverlay {
  /** Nodes shown above the view's own groups (none when the overlay does not apply). */
  roots(loaded: LoadedProfile | undefined): OverlayNode[];
  children(node: OverlayNode): OverlayNode[];
  parent(node: OverlayNode): OverlayNode | undefined;
  item(node: OverlayNode, loaded: LoadedProfile): vscode.TreeItem;
}

export interface ProfileOverlay {
  /** Fires when what the overlay adds changed: the views redraw. */
  readonly onDidChange: vscode.Event<unknown>;
  /** The function lens title of `key`, with what the overlay adds (or `title` unchanged). */
  decorateLens(loaded: LoadedProfile | undefined, key: string, title: string): string;
  /** Draws the overlay's own heat on `editor`; returns the hot lines left for the plain heat. */
  drawHeat(
    editor: vscode.TextEditor,
    loaded: LoadedProfile | undefined,
    lines: readonly HeatLine[],
  ): readonly HeatLine[];
  readonly tree?: TreeOverlay;
  /** The flamegraph's data with the overlay's additions, and a second shape to toggle to. */
  decorateFlame(
    flame: FlameData,
    loaded: LoadedProfile,
  ): { flame: FlameData; baseline?: FlameData };
}

/** The span lens hook (sentry/lens-provider.ts): today the Sentry period comparison. */
export interface SpanLensOverlay {
  readonly onDidChange: vscode.Event<unknown>;
  /** `title` of span row `key` of `snapshot`, with what the overlay adds. */
  decorateLens(snapshot: SentrySnapshot | undefined, key: string, title: string): string;
}

/**
 * Several overlays seen as one, in order: each decorates what the one before it produced. The
 * views hold one of these, so adding an overlay is one line in ctx.ts.
 */
export class OverlayStack implements ProfileOverlay {
  readonly onDidChange: vscode.Event<unknown>;
  readonly tree: TreeOverlay;

  constructor(private readonly overlays: readonly ProfileOverlay[]) {
    this.onDidChange = (listener, thisArgs, disposables) => {
      const subs = overlays.map((o) => o.onDidChange(listener, thisArgs));
      const all = { dispose: () => subs.forEach((s) => s.dispose()) };
      disposables?.push(all);
      return all;
    };
    const trees = overlays.flatMap((o) => (o.tree ? [o.tree] : []));
    this.tree = {
      roots: (loaded) => trees.flatMap((t) => t.roots(loaded)),
      children: (node) => node.owner.children(node),
      parent: (node) => node.owner.parent(node),
      item: (node, loaded) => node.owner.item(node, loaded),
    };
  }

  decorateLens(loaded: LoadedProfile | undefined, key: string, title: string): string {
    return this.overlays.reduce((t, o) => o.decorateLens(loaded, key, t), title);
  }

  drawHeat(
    editor: vscode.TextEditor,
    loaded: LoadedProfile | undefined,
    lines: readonly HeatLine[],
  ): readonly HeatLine[] {
    return this.overlays.reduce((rest, o) => o.drawHeat(editor, loaded, rest), lines);
  }

  decorateFlame(
    flame: FlameData,
    loaded: LoadedProfile,
  ): { flame: FlameData; baseline?: FlameData } {
    let out: { flame: FlameData; baseline?: FlameData } = { flame };
    for (const o of this.overlays) {
      const next = o.decorateFlame(out.flame, loaded);
      out = { flame: next.flame, baseline: next.baseline ?? out.baseline };
    }
    return out;
  }
}
