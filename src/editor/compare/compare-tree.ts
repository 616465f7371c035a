// The Hotspots view's part while comparing: "Regressions vs <baseline>" and "Improvements vs
// <baseline>" above the usual groups, biggest change first. The view reaches it through the
// baseline overlay (TreeOverlay); nodes are cached per comparison so reveal/getParent work.
import * as vscode from 'vscode';
import { improvementsOf, regressionsOf, type DiffRow } from '../../core/diff';
import { formatWeight } from '../format';
import { Command } from '../command-table';
import type { LoadedProfile } from '../loaded-profile';
import type { OverlayNode, TreeOverlay } from '../overlay';
import type { ActiveComparison, CompareState } from './compare-state';
import { formatPoints } from './compare-text';

const TOP = 20;

type Side = 'regressions' | 'improvements';
type CompareNode = OverlayNode &
  (
    { readonly side: Side; readonly label: string } | { readonly side: Side; readonly row: DiffRow }
  );

interface Nodes {
  readonly groups: CompareNode[];
  readonly rows: Map<Side, CompareNode[]>;
}
const cache = new WeakMap<ActiveComparison, Nodes>();

function nodes(owner: TreeOverlay, active: ActiveComparison): Nodes {
  let n = cache.get(active);
  if (n) return n;
  const rows = new Map<Side, CompareNode[]>([
    [
      'regressions',
      regressionsOf(active.diff)
        .slice(0, TOP)
        .map((row) => ({ kind: 'overlay', owner, side: 'regressions', row }) as const),
    ],
    [
      'improvements',
      improvementsOf(active.diff)
        .slice(0, TOP)
        .map((row) => ({ kind: 'overlay', owner, side: 'improvements', row }) as const),
    ],
  ]);
  const groups: CompareNode[] = [
    { kind: 'overlay', owner, side: 'regressions', label: `Regressions vs ${active.baselineName}` },
    {
      kind: 'overlay',
      owner,
      side: 'improvements',
      label: `Improvements vs ${active.baselineName}`,
    },
  ];
  n = { groups, rows };
  cache.set(active, n);
  return n;
}

export class CompareTree implements TreeOverlay {
  constructor(private readonly state: CompareState) {}

  /** Root nodes to show first, or none when no comparison applies to `loaded`. */
  roots(loaded: LoadedProfile | undefined): OverlayNode[] {
    const active = this.state.for(loaded);
    return active ? nodes(this, active).groups : [];
  }

  children(node: OverlayNode): OverlayNode[] {
    const active = this.state.current;
    if ('row' in node || !active) return [];
    return nodes(this, active).rows.get((node as CompareNode).side) ?? [];
  }

  parent(node: OverlayNode): OverlayNode | undefined {
    const active = this.state.current;
    if (!('row' in node) || !active) return undefined;
    return nodes(this, active).groups.find((g) => g.side === (node as CompareNode).side);
  }

  item(node: OverlayNode, loaded: LoadedProfile): vscode.TreeItem {
    return compareTreeItem(node as CompareNode, this.children(node).length, loaded);
  }
}

function compareTreeItem(node: CompareNode, count: number, loaded: LoadedProfile): vscode.TreeItem {
  if (!('row' in node)) {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `compare:${node.side}`;
    item.contextValue = 'compareGroup';
    item.description = count === 0 ? 'none' : undefined;
    return item;
  }
  const r = node.row;
  const item = new vscode.TreeItem(r.name);
  item.id = `compare:${node.side}:${r.key}:${r.baseFile ?? ''}`;
  const where = r.file?.split(/[\\/]/).pop();
  const shares =
    r.status === 'added'
      ? `new · ${r.newShare.toFixed(1)}% self`
      : r.status === 'removed'
        ? `${r.baseShare.toFixed(1)}% self · gone`
        : `${r.baseShare.toFixed(1)}% → ${r.newShare.toFixed(1)}% self`;
  item.description = [formatPoints(r.delta), shares, where].filter(Boolean).join(' · ');
  const type = loaded.profile.valueTypes[loaded.valueIndex];
  item.tooltip =
    `${r.name}${r.file ? `\n${r.file}` : ''}${r.baseFile ? `\nbaseline: ${r.baseFile}` : ''}\n` +
    `self ${formatWeight(r.baseSelf, type)} → ${formatWeight(r.newSelf, type)} ` +
    `(${r.baseShare.toFixed(2)}% → ${r.newShare.toFixed(2)}%, ${formatPoints(r.delta)})\n` +
    `total ${r.baseTotalShare.toFixed(2)}% → ${r.newTotalShare.toFixed(2)}%`;
  const up = node.side === 'regressions';
  item.iconPath = new vscode.ThemeIcon(
    up ? 'arrow-up' : 'arrow-down',
    new vscode.ThemeColor(up ? 'charts.red' : 'charts.blue'),
  );
  item.contextValue = 'compareFunction';
  const stat = r.status === 'removed' ? undefined : loaded.functionByKey(r.key);
  if (stat && loaded.resolve(stat.file)) {
    item.command = {
      command: Command.openFunction,
      title: 'Open Source',
      arguments: [{ key: r.key }],
    };
  }
  return item;
}
