import * as vscode from 'vscode';
import { Command } from '../command-table';
import type { SpanStat } from '../../sentry/spans';
import { rowKey, type SentryData } from './data';
import { formatCount, formatMs, repeatText, shareText, totalTime } from './lens-text';
import type { SentryPlaces } from './places';

export const SLOW_SPANS_VIEW = 'hotspotLens.slowSpans';
const TOP = 50;

type GroupId = 'p95' | 'total' | 'unmapped';
export type SlowSpanNode =
  | { readonly kind: 'group'; readonly id: GroupId; readonly label: string }
  | {
      readonly kind: 'row';
      readonly group: GroupId;
      readonly stat: SpanStat;
      readonly mapped: boolean;
    };

/**
 * "Slow spans": the rows of the last refresh by p95 and by total time (count × avg), each
 * revealing its line, plus the locations that map to no workspace file (or to several).
 */
export class SlowSpansTreeProvider
  implements vscode.TreeDataProvider<SlowSpanNode>, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<SlowSpanNode | undefined>();
  private readonly listener: vscode.Disposable;
  private built: { groups: SlowSpanNode[]; children: Map<GroupId, SlowSpanNode[]> } | undefined;
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly data: SentryData,
    private readonly places: SentryPlaces,
  ) {
    this.listener = places.onDidChange(() => {
      this.built = undefined;
      this.emitter.fire(undefined);
    });
  }

  async getChildren(node?: SlowSpanNode): Promise<SlowSpanNode[]> {
    if (node?.kind === 'row') return [];
    this.built ??= await this.build();
    if (!node) return this.built.groups;
    return this.built.children.get(node.id) ?? [];
  }

  getTreeItem(node: SlowSpanNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `sentry-group:${node.id}`;
      return item;
    }
    const s = node.stat;
    const period = this.data.current?.period ?? '';
    const item = new vscode.TreeItem(s.function || s.file || '(unnamed span)');
    item.id = `sentry-${node.group}:${rowKey(s)}`;
    const where =
      s.file === null ? 'span name' : `${s.file.split('/').pop()}${s.line ? `:${s.line}` : ''}`;
    const lead =
      node.group === 'total' ? `${formatMs(totalTime(s))} total` : `p95 ${formatMs(s.p95)}`;
    item.description = [
      `${s.lowConfidence ? '≈' : ''}${lead}`,
      repeatText(s),
      shareText(s),
      `${formatCount(s.count)} calls`,
      where,
    ]
      .filter((part) => part !== undefined)
      .join(' · ');
    item.tooltip =
      `${s.project}: ${s.file ?? s.function}${s.line ? `:${s.line}` : ''}\n` +
      `p95 ${formatMs(s.p95)} · p50 ${formatMs(s.p50)} · avg ${formatMs(s.avg)} · ${s.count} spans in ${period}` +
      (node.mapped
        ? ''
        : '\nNot in the workspace (or ambiguous): add a hotspotLens.pathMappings entry.');
    item.iconPath = new vscode.ThemeIcon(node.mapped ? 'watch' : 'question');
    item.contextValue = node.mapped ? 'sentrySpan' : 'sentrySpanNotInWorkspace';
    item.command = {
      command: Command.sentryRevealSpan,
      title: 'Reveal',
      arguments: [{ key: rowKey(s) }],
    };
    return item;
  }

  private async build(): Promise<{
    groups: SlowSpanNode[];
    children: Map<GroupId, SlowSpanNode[]>;
  }> {
    const index = await this.places.spanIndex();
    const children = new Map<GroupId, SlowSpanNode[]>();
    if (!index) return { groups: [], children };
    const rows = index.rows;
    const mapped = (s: SpanStat) =>
      index.target(s) !== undefined || (s.file === null && !s.function.includes('.'));
    const node = (group: GroupId) => (stat: SpanStat) =>
      ({ kind: 'row', group, stat, mapped: mapped(stat) }) as const;
    children.set(
      'p95',
      [...rows]
        .sort((a, b) => b.p95 - a.p95)
        .slice(0, TOP)
        .map(node('p95')),
    );
    children.set(
      'total',
      [...rows]
        .sort((a, b) => totalTime(b) - totalTime(a))
        .slice(0, TOP)
        .map(node('total')),
    );
    children.set(
      'unmapped',
      index.unresolved.map((u) => node('unmapped')(u.stat)),
    );
    const groups: SlowSpanNode[] = [
      { kind: 'group', id: 'p95', label: 'Slowest by p95' },
      { kind: 'group', id: 'total', label: 'Most total time (count × avg)' },
    ];
    if (index.unresolved.length)
      groups.push({
        kind: 'group',
        id: 'unmapped',
        label: `Not in workspace (${index.unresolved.length})`,
      });
    return { groups, children };
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
