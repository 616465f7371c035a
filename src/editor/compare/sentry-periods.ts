// "Compare Sentry Periods…": every span lens also shows how p95 and the call count changed
// against the previous period of the same length, or against a chosen release. The current
// numbers are the loaded snapshot's; only the other side is fetched. Refreshing the Sentry data
// redoes the comparison; stopping it leaves the plain lenses.
import * as vscode from 'vscode';
import {
  changeText,
  compareSpanStats,
  fetchSpanStatsIn,
  previousWindow,
  type SpanChange,
} from '../../sentry/period-compare';
import type { CommandHandlers } from '../command-table';
import type { SpanLensOverlay } from '../overlay';
import { rowKey, type SentryData, type SentrySnapshot } from '../sentry/data';

type Mode = { readonly kind: 'previous' } | { readonly kind: 'release'; readonly release: string };

interface Active {
  readonly snapshot: SentrySnapshot;
  readonly against: string;
  readonly byKey: ReadonlyMap<string, SpanChange>;
}

/** The active Sentry comparison, the span lenses' overlay (made once, in ctx.ts). */
export class SentryPeriodState implements SpanLensOverlay, vscode.Disposable {
  private active: Active | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  /** `title` with the change of its row, when a comparison applies to the snapshot shown. */
  decorateLens(snapshot: SentrySnapshot | undefined, key: string, title: string): string {
    const a = this.active;
    const change = a && a.snapshot === snapshot ? a.byKey.get(key) : undefined;
    return change ? `${title} · ${changeText(change, a!.against)}` : title;
  }

  get against(): string | undefined {
    return this.active?.against;
  }

  set(active: Active | undefined): void {
    this.active = active;
    this.emitter.fire();
  }

  dispose(): void {
    this.active = undefined;
    this.emitter.dispose();
  }
}

/** The command and the re-comparison after each refresh; `data` is the Sentry side's. */
export function registerSentryPeriods(
  data: SentryData,
  sentryPeriods: SentryPeriodState,
): {
  commands: CommandHandlers;
  disposables: vscode.Disposable[];
} {
  let mode: Mode | undefined;
  const run = async (snap: SentrySnapshot | undefined, interactive: boolean) => {
    if (!mode || !snap) return sentryPeriods.set(undefined);
    const m = mode;
    const client = await data.client();
    if (!client) return sentryPeriods.set(undefined);
    const s = data.settings;
    const q = {
      org: snap.org,
      projects: s.projects,
      environment: s.environment || undefined,
      period: snap.period,
    };
    try {
      const scope =
        m.kind === 'previous'
          ? { window: previousWindow(snap.period, snap.fetchedAt) }
          : { release: m.release };
      const other = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Sentry: loading the comparison' },
        () => fetchSpanStatsIn(client, q, scope),
      );
      if (mode !== m || data.current !== snap) return undefined; // superseded meanwhile
      const against = m.kind === 'previous' ? `previous ${snap.period}` : `release ${m.release}`;
      const changes = compareSpanStats(snap.rows, other);
      const byKey = new Map(changes.map((c) => [rowKey(c.current), c]));
      data.log.info(`Sentry: compared ${snap.rows.length} span rows with ${against}`);
      sentryPeriods.set({ snapshot: snap, against, byKey });
    } catch (err) {
      sentryPeriods.set(undefined);
      data.report(err, interactive);
    }
    return undefined;
  };

  const command = async (arg?: 'previous' | 'stop' | { release: string }) => {
    let choice = arg;
    if (choice === undefined) {
      const period = data.current?.period ?? data.settings.period;
      const items: (vscode.QuickPickItem & { value: 'previous' | 'release' | 'stop' })[] = [
        {
          label: `Previous ${period}`,
          detail: `the ${period} before the last ${period}`,
          value: 'previous',
        },
        {
          label: 'A release…',
          detail: 'spans of one release over the same period',
          value: 'release',
        },
      ];
      if (mode) items.push({ label: 'Stop comparing', value: 'stop' });
      const pick = await vscode.window.showQuickPick(items, { title: 'Compare Sentry Periods' });
      if (!pick) return undefined;
      if (pick.value === 'release') {
        const release = await vscode.window.showInputBox({
          title: 'Compare with release',
          prompt: 'Release name as the SDK sends it, e.g. shopapp@1.0.0',
          validateInput: (v) => (v.trim() === '' ? 'Enter a release name' : undefined),
        });
        if (!release) return undefined;
        choice = { release: release.trim() };
      } else choice = pick.value;
    }
    if (choice === 'stop') {
      mode = undefined;
      sentryPeriods.set(undefined);
      return undefined;
    }
    mode =
      choice === 'previous' ? { kind: 'previous' } : { kind: 'release', release: choice.release };
    const snap = data.current;
    // Without data yet, the refresh's change event runs the comparison.
    if (snap) await run(snap, true);
    else await data.refresh(false, true);
    return sentryPeriods.against;
  };

  return {
    commands: { sentryComparePeriods: command },
    disposables: [
      data.onDidChange((snap) => void run(snap, false)),
      { dispose: () => sentryPeriods.set(undefined) },
    ],
  };
}
