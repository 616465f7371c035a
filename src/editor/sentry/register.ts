import * as vscode from 'vscode';
import type { SpanSample } from '../../sentry/samples';
import type { SpanStat } from '../../sentry/spans';
import type { TraceSpan } from '../../sentry/trace';
import type { CommandHandlers } from '../command-table';
import type { EditorContext } from '../ctx';
import { lineOf } from '../lines';
import { SentryAuth } from './auth';
import { sentryCommands } from './commands';
import { loadSentryProfileCommand } from './load-profile';
import { SentryData, type SentrySnapshot } from './data';
import { SentryLensProvider } from './lens-provider';
import { SentryPlaces } from './places';
import { SLOW_SPANS_VIEW, SlowSpansTreeProvider, type SlowSpanNode } from './slow-spans-tree';
import { TracePanel } from './trace-panel';

/** What integration tests (and the lead's activate API) can read of the Sentry side. */
export interface SentryApi {
  readonly current: () => SentrySnapshot | undefined;
  readonly refresh: (force?: boolean) => Promise<SentrySnapshot | undefined>;
  /** Why the last refresh failed, if it did (cause and fix). */
  readonly lastError: () => string | undefined;
  /** The lens texts of a document, as the provider makes them: [1-based line, title]. */
  readonly lenses: (document: vscode.TextDocument) => Promise<{ line: number; title: string }[]>;
  /** The example spans the lens click would list, slowest first. */
  readonly samples: (stat: SpanStat) => Promise<SpanSample[]>;
  readonly traceShown: () => readonly TraceSpan[];
  readonly slowSpans: (node?: SlowSpanNode) => Promise<SlowSpanNode[]>;
}

/**
 * Everything Sentry in the editor: token, data, lenses, the "Slow spans" view, commands and the
 * trace panel. Registrations go to context.subscriptions. Loads data once at start when a token
 * and an organization are configured (one query set; later ones only on refresh or settings).
 */
export function registerSentry(ctx: EditorContext): {
  api: SentryApi;
  data: SentryData;
  commands: CommandHandlers;
} {
  const { extension: context, log, store, config, functions } = ctx;
  const auth = new SentryAuth(context.secrets, log);
  const data = new SentryData(config, auth, log);
  const places = new SentryPlaces(data, store, config, functions);
  const lenses = new SentryLensProvider(data, places, config, ctx.spanOverlay);
  const tree = new SlowSpansTreeProvider(data, places);
  const panel = new TracePanel(data, places, log, context.extensionUri);
  const view = vscode.window.createTreeView(SLOW_SPANS_VIEW, {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const signedIn = async () =>
    vscode.commands.executeCommand(
      'setContext',
      'hotspotLens.sentry.signedIn',
      !!(await auth.token()),
    );
  context.subscriptions.push(
    auth,
    data,
    places,
    lenses,
    tree,
    panel,
    view,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses),
    auth.onDidChange(() => void signedIn()),
    data.onDidChange((snap) => {
      view.description = snap ? `${snap.org} · ${snap.period}` : undefined;
    }),
  );
  void signedIn();
  void data.refresh(false, false);

  const api: SentryApi = {
    current: () => data.current,
    refresh: (force = true) => data.refresh(force, false, false),
    lastError: () => data.lastError,
    lenses: async (document) =>
      (await lenses.provideCodeLenses(document)).map((l) => ({
        line: lineOf(l.range.start),
        title: l.command?.title ?? '',
      })),
    samples: (stat) => data.slowest(stat),
    traceShown: () => panel.current,
    slowSpans: (node) => tree.getChildren(node),
  };
  const storage = vscode.Uri.joinPath(
    context.storageUri ?? context.globalStorageUri,
    'sentry-profiles',
  );
  return {
    api,
    data,
    commands: {
      ...sentryCommands({ data, auth, places, panel }),
      sentryLoadProfile: loadSentryProfileCommand({ data, store, storage }),
    },
  };
}
