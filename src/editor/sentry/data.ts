import * as vscode from 'vscode';
import { Command } from '../command-table';
import { cacheKey, TtlCache } from '../../sentry/cache';
import { SentryClient } from '../../sentry/client';
import { SentryError } from '../../sentry/errors';
import { fetchSlowestSpans, type SpanSample } from '../../sentry/samples';
import { fetchSpanStats } from '../../sentry/span-stats';
import type { SpanStat } from '../../sentry/spans';
import { fetchTrace, type TraceSpan } from '../../sentry/trace';
import { traceUrl } from '../../sentry/trace-url';
import type { Config, Settings } from '../config';
import type { SentryAuth } from './auth';
import { loadSnapshot, staleMessage, type SentrySnapshot } from './snapshot';

export type { SentrySnapshot } from './snapshot';

type SentrySettings = Settings['sentry'];

/** Key of one row, stable across refreshes, for lens and tree command arguments. */
export function rowKey(s: SpanStat): string {
  return JSON.stringify([s.project, s.file, s.function, s.line]);
}

/**
 * The Sentry state of the window: one client per (url, token), span statistics cached per
 * (url, org, projects, environment, period) with a TTL, refreshed on demand or when settings or
 * the token change. Every failure is logged and shown with the fitting next step.
 */
export class SentryData implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SentrySnapshot | undefined>();
  private readonly cache = new TtlCache<SentrySnapshot>();
  private readonly disposables: vscode.Disposable[];
  private clientFor: { id: string; client: SentryClient } | undefined;
  private snapshot: SentrySnapshot | undefined;
  /** The message of the last failed refresh, cleared by a good one (tests, status). */
  lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly onDidChange = this.emitter.event;

  constructor(
    readonly config: Config,
    readonly auth: SentryAuth,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      this.emitter,
      config.onDidChange((e) => {
        if (e.affects('sentry')) this.schedule();
      }),
      auth.onDidChange(() => {
        this.clientFor = undefined;
        this.cache.clear();
        this.schedule();
      }),
    ];
  }

  get current(): SentrySnapshot | undefined {
    return this.snapshot;
  }

  get settings(): SentrySettings {
    return this.config.settings.sentry;
  }

  /** A client for the configured URL, or undefined (with the reason logged) when signed out. */
  async client(token?: string): Promise<SentryClient | undefined> {
    const secret = token ?? (await this.auth.token());
    if (!secret) return undefined;
    const url = this.settings.url;
    const id = JSON.stringify([url, secret]);
    if (this.clientFor?.id !== id)
      this.clientFor = { id, client: new SentryClient({ url, token: secret, log: this.log }) };
    return this.clientFor.client;
  }

  /**
   * One query set per call at most; `force` bypasses the cache (Refresh Sentry Data).
   * `interactive` also prompts for a missing token or organization; errors are shown unless
   * `showErrors` is false.
   */
  async refresh(
    force: boolean,
    interactive: boolean,
    showErrors = true,
  ): Promise<SentrySnapshot | undefined> {
    const s = this.settings;
    try {
      const client = await this.client();
      if (!client || !s.organization) {
        if (interactive) void this.explainMissing(!client);
        this.set(undefined);
        return undefined;
      }
      const q = {
        org: s.organization,
        projects: s.projects,
        environment: s.environment || undefined,
        period: s.period,
        requestShares: true,
      };
      const key = cacheKey({ url: client.baseUrl, ...q });
      const snap = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Sentry: loading span statistics' },
        // A failed refresh keeps the last good data for the key, marked stale (lens suffix).
        () =>
          loadSnapshot(
            this.cache,
            key,
            async () => ({
              ...(await fetchSpanStats(client, q)),
              url: client.baseUrl,
              org: q.org,
              fetchedAt: Date.now(),
            }),
            force,
          ),
      );
      if (snap.stale) {
        this.lastError = snap.stale.error;
        const text = staleMessage(snap.stale);
        this.log.warn(text);
        vscode.window.setStatusBarMessage(`$(warning) Hotspot Lens: ${text}`, 30_000);
        // The error itself is shown as before, with its action (sign in after a 401).
        if (showErrors) this.report(snap.stale.cause, true);
      } else {
        for (const note of snap.notes) this.log.warn(`Sentry: ${note}`);
        this.lastError = undefined;
      }
      this.set(snap);
      return snap;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.report(err, showErrors);
      return undefined;
    }
  }

  async slowest(stat: SpanStat, limit?: number): Promise<SpanSample[]> {
    const { client, snap } = await this.ready();
    const s = this.settings;
    const filter = {
      projects: s.projects,
      environment: s.environment || undefined,
      period: snap.period,
    };
    return fetchSlowestSpans(client, snap.org, stat, filter, limit);
  }

  async trace(traceId: string): Promise<TraceSpan[]> {
    const { client, snap } = await this.ready();
    return fetchTrace(client, snap.org, traceId, snap.period);
  }

  traceUrl(sample: SpanSample): string {
    const snap = this.snapshot;
    return traceUrl(
      {
        url: snap?.url ?? this.settings.url,
        org: snap?.org ?? this.settings.organization,
        traceId: sample.traceId,
        spanId: sample.spanId,
        timestamp: sample.timestamp,
      },
      this.settings.traceUrlTemplate,
    );
  }

  /** Logs the error and shows it with the action that fixes it. */
  report(err: unknown, interactive = true): void {
    const message = err instanceof Error ? err.message : String(err);
    this.log.error(`Sentry: ${message}`);
    if (!interactive) return;
    const auth = err instanceof SentryError && (err.kind === 'auth' || err.kind === 'permission');
    const actions = auth ? ['Sign in to Sentry…', 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(`Hotspot Lens: ${message}`, ...actions).then((pick) => {
      if (pick === 'Sign in to Sentry…') void vscode.commands.executeCommand(Command.sentrySignIn);
      if (pick === 'Show Log') this.log.show();
    });
  }

  private async ready(): Promise<{ client: SentryClient; snap: SentrySnapshot }> {
    const client = await this.client();
    const snap = this.snapshot;
    if (!client || !snap)
      throw new SentryError(
        'config',
        'No Sentry data is loaded',
        'sign in and run Hotspot Lens: Refresh Sentry Data',
      );
    return { client, snap };
  }

  private async explainMissing(noToken: boolean): Promise<void> {
    const action = noToken ? 'Sign in to Sentry…' : 'Select Organization and Projects…';
    const text = noToken
      ? 'Hotspot Lens: sign in to Sentry to see span latencies.'
      : 'Hotspot Lens: choose the Sentry organization to read spans from.';
    const pick = await vscode.window.showInformationMessage(text, action);
    if (pick)
      void vscode.commands.executeCommand(
        noToken ? Command.sentrySignIn : Command.sentrySelectOrganization,
      );
  }

  private set(snap: SentrySnapshot | undefined): void {
    this.snapshot = snap;
    void vscode.commands.executeCommand('setContext', 'hotspotLens.sentry.loaded', !!snap);
    this.emitter.fire(snap);
  }

  /** Settings often change several keys at once (the org picker): refresh once, shortly after. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(false, false), 500);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
