// The Hotspots view's part while comparing: "Regressions vs <baseline>" and "Improvements vs
// <baseline>" above the usual groups, biggest change first. hotspots-tree.ts asks these
// functions for the nodes and items; nodes are cached per comparison so reveal/getParent work.
import * as vscode from 'vscode';
import { improvementsOf, regressionsOf, type DiffRow } from '../../core/diff';
import { formatWeight } from '../format';
import type { LoadedProfile } from '../loaded-profile';
import { compareState, type ActiveComparison } from './compare-state';
import { formatPoints } from './compare-text';

const TOP = 20;

type Side = 'regressions' | 'improvements';
export type CompareNode =
  | { readonly kind: 'compare'; readonly side: Side; readonly label: string }
  | { readonly kind: 'compare'; readonly side: Side; readonly row: DiffRow };

interface Nodes {
  readonly groups: CompareNode[];
  readonly rows: Map<Side, CompareNode[]>;
}
const cache = new WeakMap<ActiveComparison, Nodes>();

function nodes(active: ActiveComparison): Nodes {
  let n = cache.get(active);
  if (n) return n;
  const rows = new Map<Side, CompareNode[]>([
    [
      'regressions',
      regressionsOf(active.diff)
        .slice(0, TOP)
        .map((row) => ({ kind: 'compare', side: 'regressions', row }) as const),
    ],
    [
      'improvements',
      improvementsOf(active.diff)
        .slice(0, TOP)
        .map((row) => ({ kind: 'compare', side: 'improvements', row }) as const),
    ],
  ]);
  const groups: CompareNode[] = [
    { kind: 'compare', side: 'regressions', label: `Regressions vs ${active.baselineName}` },
    { kind: 'compare', side: 'improvements', label: `Improvements vs ${active.baselineName}` },
  ];
  n = { groups, rows };
  cache.set(active, n);
  return n;
}

/** Root nodes to show first, or none when no comparison applies to `loaded`. */
export function compareRoots(loaded: LoadedProfile | undefined): CompareNode[] {
  const active = compareState.for(loaded);
  return active ? nodes(active).groups : [];
}

export function compareChildren(node: CompareNode): CompareNode[] {
  const active = compareState.current;
  if ('row' in node || !active) return [];
  return nodes(active).rows.get(node.side) ?? [];
}

export function compareParent(node: CompareNode): CompareNode | undefined {
  const active = compareState.current;
  if (!('row' in node) || !active) return undefined;
  return nodes(active).groups.find((g) => g.side === node.side);
}

export function compareTreeItem(node: CompareNode, loaded: LoadedProfile): vscode.TreeItem {
  if (!('row' in node)) {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `compare:${node.side}`;
    item.contextValue = 'compareGroup';
    const count = compareChildren(node).length;
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
      command: 'hotspotLens.openFunction',
      title: 'Open Source',
      arguments: [{ key: r.key }],
    };
  }
  return item;
}
