import * as vscode from 'vscode';
import type { SpanSample } from '../../sentry/samples';
import type { SpanStat } from '../../sentry/spans';
import { Command } from '../command-table';
import { rowKey, type SentryData } from './data';
import { sampleLabel } from './lens-text';
import type { TracePanel } from './trace-panel';

const OPEN = 'Open in Sentry';
const TRACE = 'Show Trace';

interface SampleItem extends vscode.QuickPickItem {
  readonly sample: SpanSample;
}

const openButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('link-external'),
  tooltip: OPEN,
};
const cpuButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('flame'),
  tooltip: 'CPU in the slowest spans (their profile samples as a flamegraph)',
};
const traceButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('list-tree'),
  tooltip: TRACE,
};

export function sampleItems(samples: readonly SpanSample[]): SampleItem[] {
  return samples.map((sample) => ({
    sample,
    label: `$(watch) ${sampleLabel(sample.duration, sample.transaction, sample.timestamp)}`,
    detail: `${sample.op} · ${sample.description.slice(0, 160)}${sample.project ? ` (${sample.project})` : ''}`,
    buttons: [openButton, traceButton],
  }));
}

/**
 * Lens click: the slowest example spans of the row, slowest first; then "Open in Sentry" (the
 * trace URL from the template) or "Show Trace" (the in-editor waterfall).
 */
export async function pickSlowSpan(
  data: SentryData,
  panel: TracePanel,
  stat: SpanStat,
): Promise<void> {
  let samples: SpanSample[];
  try {
    samples = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Sentry: loading the slowest spans' },
      () => data.slowest(stat),
    );
  } catch (err) {
    data.report(err);
    return;
  }
  if (samples.length === 0) {
    void vscode.window.showInformationMessage(
      `Hotspot Lens: Sentry has no example spans for ${stat.function || stat.file} in the last ${data.current?.period ?? data.settings.period}.`,
    );
    return;
  }
  const qp = vscode.window.createQuickPick<SampleItem>();
  qp.title = `Slowest spans · ${stat.file ? `${stat.file}${stat.line ? `:${stat.line}` : ''} ` : ''}${stat.function}`;
  qp.placeholder = 'Pick a span to open its trace (buttons: Open in Sentry, Show Trace)';
  qp.matchOnDetail = true;
  qp.items = sampleItems(samples);
  qp.buttons = [cpuButton];
  qp.onDidTriggerButton(() => {
    qp.hide();
    void vscode.commands.executeCommand(Command.sentryCpuInSlowSpans, { key: rowKey(stat) });
  });
  const chosen = await new Promise<{ sample: SpanSample; action?: string } | undefined>(
    (resolve) => {
      qp.onDidTriggerItemButton((e) => {
        resolve({ sample: e.item.sample, action: e.button.tooltip });
        qp.hide();
      });
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0];
        resolve(item ? { sample: item.sample } : undefined);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    },
  );
  qp.dispose();
  if (!chosen) return;
  const action =
    chosen.action ??
    (await vscode.window.showQuickPick([TRACE, OPEN], {
      placeHolder: sampleLabel(
        chosen.sample.duration,
        chosen.sample.transaction,
        chosen.sample.timestamp,
      ),
    }));
  try {
    if (action === OPEN)
      await vscode.env.openExternal(vscode.Uri.parse(data.traceUrl(chosen.sample), true));
    if (action === TRACE) await panel.show(chosen.sample.traceId, chosen.sample.spanId);
  } catch (err) {
    data.report(err);
  }
}
