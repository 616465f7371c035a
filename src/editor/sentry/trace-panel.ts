import * as vscode from 'vscode';
import type { TraceSpan } from '../../sentry/trace';
import type { SentryData } from './data';
import type { SentryPlaces } from './places';
import type { ToTraceView } from '../../protocol';
import { newNonce } from '../webview-html';
import { TRACE_SCRIPT, TRACE_STYLE, traceHtml } from './trace-html';
import { parseFromTraceView, spanLocation } from './trace-messages';

export const TRACE_VIEW_TYPE = 'hotspotLens.sentryTrace';

/** A trace as fetched: the spans keep all of Sentry's fields (parents, functions) for the tests. */
interface ShownTrace extends ToTraceView {
  readonly spans: readonly TraceSpan[];
}

/**
 * The in-editor trace waterfall: one panel, reused for the next trace. The webview may only ask
 * to open a span by id; the extension looks the id up in the trace it sent and resolves that
 * span's own path, so a message can never name an arbitrary file.
 */
export class TracePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ShownTrace | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly data: SentryData,
    private readonly places: SentryPlaces,
    private readonly log: vscode.LogOutputChannel,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Fetches and shows a trace, highlighting one span. */
  async show(traceId: string, highlight?: string): Promise<void> {
    const spans = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Sentry: loading trace ${traceId.slice(0, 8)}…`,
      },
      () => this.data.trace(traceId),
    );
    this.open({ type: 'init', traceId, highlight, spans });
  }

  /** The spans drawn now (for integration tests). */
  get current(): readonly TraceSpan[] {
    return this.shown?.spans ?? [];
  }

  private open(view: ShownTrace): void {
    this.shown = view;
    if (this.panel) {
      this.panel.title = `Trace ${view.traceId.slice(0, 8)}`;
      this.panel.reveal(vscode.ViewColumn.Beside);
      void this.panel.webview.postMessage(view);
      return;
    }
    // The page loads only its own bundle, from dist/ (like the flamegraph's).
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      TRACE_VIEW_TYPE,
      `Trace ${view.traceId.slice(0, 8)}`,
      vscode.ViewColumn.Beside,
      {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [dist],
      },
    );
    this.panel = panel;
    const asset = (name: string) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, name)).toString();
    panel.webview.html = traceHtml({
      nonce: newNonce(),
      cspSource: panel.webview.cspSource,
      script: asset(TRACE_SCRIPT),
      style: asset(TRACE_STYLE),
    });
    this.disposables.push(
      panel,
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      }),
    );
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseFromTraceView(raw);
    if (!m) {
      this.log.warn(
        `Trace view: ignored an unexpected message ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    switch (m.type) {
      case 'ready':
        if (this.shown) void this.panel?.webview.postMessage(this.shown);
        return;
      case 'openSpan': {
        const where = spanLocation(this.shown?.spans, m.id);
        if (!where) {
          this.log.warn(`Trace view: span ${m.id} has no code location in the shown trace`);
          return;
        }
        await this.places.openSentryPath(where.file, where.line);
        return;
      }
      default: {
        const never: never = m;
        this.log.warn(`Trace view: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
