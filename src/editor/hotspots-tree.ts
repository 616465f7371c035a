import * as vscode from 'vscode';
import type { FunctionStat } from '../core/attribution';
import { Command } from './command-table';
import { formatWeight, percent } from './format';
import type { LoadedProfile } from './loaded-profile';
import type { OverlayNode, ProfileOverlay } from './overlay';
import type { ProfileStore } from './profile-store';

export const HOTSPOTS_VIEW = 'hotspotLens.hotspots';
const TOP = 50;

type GroupId = 'self' | 'total' | 'unmapped';
export type HotspotNode =
  | { readonly kind: 'group'; readonly id: GroupId; readonly label: string }
  | { readonly kind: 'function'; readonly group: GroupId; readonly stat: FunctionStat }
  | {
      readonly kind: 'unmapped';
      readonly file: string;
      readonly self: number;
      readonly total: number;
      readonly candidates: readonly string[];
    }
  | OverlayNode;

/**
 * The Hotspots view: top functions by self and by total weight, and the profile files that
 * map to no workspace file (with a "Map path…" action), so nothing in the profile is hidden.
 */
export class HotspotsTreeProvider
  implements vscode.TreeDataProvider<HotspotNode>, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<HotspotNode | undefined>();
  private nodes: Map<GroupId, HotspotNode[]> | undefined;
  private groups: HotspotNode[] = [];
  readonly onDidChangeTreeData = this.emitter.event;

  private readonly overlayChange: vscode.Disposable;

  constructor(
    private readonly store: ProfileStore,
    private readonly overlay: ProfileOverlay,
  ) {
    this.overlayChange = overlay.onDidChange(() => this.refresh());
  }

  dispose(): void {
    this.overlayChange.dispose();
    this.emitter.dispose();
  }

  refresh(): void {
    this.nodes = undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: HotspotNode): HotspotNode[] {
    const loaded = this.store.current;
    if (!loaded) return [];
    if (!this.nodes) this.build(loaded);
    // What overlays add (a baseline comparison's regressions and wins) comes first.
    const tree = this.overlay.tree;
    if (!node) return [...(tree?.roots(loaded) ?? []), ...this.groups];
    if (node.kind === 'overlay') return node.owner.children(node);
    return node.kind === 'group' ? (this.nodes!.get(node.id) ?? []) : [];
  }

  getParent(node: HotspotNode): HotspotNode | undefined {
    if (node.kind === 'group') return undefined;
    if (node.kind === 'overlay') return node.owner.parent(node);
    const id: GroupId = node.kind === 'function' ? node.group : 'unmapped';
    return this.groups.find((g) => g.kind === 'group' && g.id === id);
  }

  /** The node showing function `key`, in the self group if it is there (for reveal). */
  find(key: string): HotspotNode | undefined {
    this.getChildren();
    for (const id of ['self', 'total'] as const) {
      const hit = this.nodes?.get(id)?.find((n) => n.kind === 'function' && n.stat.key === key);
      if (hit) return hit;
    }
    return undefined;
  }

  getTreeItem(node: HotspotNode): vscode.TreeItem {
    const loaded = this.store.current!;
    const total = loaded.attribution.total;
    if (node.kind === 'overlay') return node.owner.item(node, loaded);
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.id}`;
      item.contextValue = 'group';
      return item;
    }
    if (node.kind === 'unmapped') {
      const item = new vscode.TreeItem(node.file.split(/[\\/]/).pop() ?? node.file);
      item.id = `unmapped:${node.file}`;
      const why = node.candidates.length > 1 ? `ambiguous: ${node.candidates.length} matches` : '';
      item.description = [`${percent(node.self, total)} self`, why, node.file]
        .filter(Boolean)
        .join(' · ');
      item.tooltip =
        `${node.file}\n\nNot in the workspace` +
        (why ? ` (${node.candidates.join(', ')})` : '') +
        '. Use "Map path…" to tell Hotspot Lens where this file lives.';
      item.iconPath = new vscode.ThemeIcon('question');
      item.contextValue = 'unmappedFile';
      return item;
    }
    const s = node.stat;
    const item = new vscode.TreeItem(s.name);
    item.id = `${node.group}:${s.key}`;
    const first = node.group === 'self' ? 'self' : 'total';
    const second = first === 'self' ? 'total' : 'self';
    const where = s.file === undefined ? '' : (s.file.split(/[\\/]/).pop() ?? '');
    const mapped = loaded.resolve(s.file) !== undefined;
    item.description = [
      `${percent(s[first], total)} ${first}`,
      `${percent(s[second], total)} ${second}`,
      mapped ? where : `${where} (not in workspace)`,
    ]
      .filter(Boolean)
      .join(' · ');
    const type = loaded.profile.valueTypes[loaded.valueIndex];
    item.tooltip =
      `${s.name}${s.file ? `\n${s.file}${s.firstLine ? `:${s.firstLine}` : ''}` : ''}\n` +
      `self ${formatWeight(s.self, type)} · total ${formatWeight(s.total, type)}`;
    item.iconPath = new vscode.ThemeIcon('flame');
    item.contextValue = mapped ? 'function' : 'functionNotInWorkspace';
    if (mapped) {
      item.command = {
        command: Command.openFunction,
        title: 'Open Source',
        arguments: [{ key: s.key }],
      };
    }
    return item;
  }

  private build(loaded: LoadedProfile): void {
    const fns = loaded.attribution.byFunction;
    const bySelf = fns.filter((f) => f.self > 0).slice(0, TOP);
    const byTotal = [...fns].sort((a, b) => b.total - a.total).slice(0, TOP);
    const unmapped = new Map<string, { self: number; total: number; candidates: string[] }>();
    for (const f of fns) {
      if (f.file === undefined) continue;
      const r = loaded.resolution(f.file);
      if (r.kind === 'mapped' || (r.kind === 'unmapped' && r.reason === 'pseudo')) continue;
      const e = unmapped.get(f.file) ?? {
        self: 0,
        total: 0,
        candidates: r.kind === 'ambiguous' ? r.candidates : [],
      };
      e.self += f.self;
      e.total = Math.max(e.total, f.total);
      unmapped.set(f.file, e);
    }
    this.nodes = new Map<GroupId, HotspotNode[]>([
      ['self', bySelf.map((stat) => ({ kind: 'function', group: 'self', stat }) as const)],
      ['total', byTotal.map((stat) => ({ kind: 'function', group: 'total', stat }) as const)],
      [
        'unmapped',
        [...unmapped.entries()]
          .sort((a, b) => b[1].total - a[1].total)
          .map(([file, e]) => ({ kind: 'unmapped', file, ...e }) as const),
      ],
    ]);
    this.groups = [
      { kind: 'group', id: 'self', label: 'Top functions by self' },
      { kind: 'group', id: 'total', label: 'Top functions by total' },
    ];
    if (unmapped.size > 0) {
      this.groups.push({
        kind: 'group',
        id: 'unmapped',
        label: `Not in workspace (${unmapped.size})`,
      });
    }
  }
}
