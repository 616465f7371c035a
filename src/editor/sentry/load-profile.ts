import * as vscode from 'vscode';
import { fetchFlamegraph, type FlamegraphQuery } from '../../sentry/profiling';
import { Command } from '../command-table';
import type { LoadedProfile, ProfileStore } from '../profile-store';
import type { SentryData } from './data';

// "Hotspot Lens: Load CPU Profile from Sentry…": Sentry Profiling's aggregated flamegraph for
// the configured organization, projects, environment and period (src/sentry/profiling.ts),
// saved as a file in the extension's storage and loaded into the ProfileStore exactly as an
// opened file is — lenses, heat, Hotspots, flamegraph, status bar — so nothing downstream
// knows or cares that it came over the network. The file carries where it came from (`source`),
// which the status bar shows.

export interface LoadSentryProfileDeps {
  readonly data: SentryData;
  readonly store: ProfileStore;
  /** Folder for the fetched flamegraphs (the workspace's extension storage). */
  readonly storage: vscode.Uri;
}

/** Optional filters from a command argument (automation, tests): a transaction or a function. */
interface LoadArgs {
  transaction?: unknown;
  function?: unknown;
  /** Only the samples inside these spans ("CPU in the slowest spans"), with a label for them. */
  spanIds?: unknown;
  spansLabel?: unknown;
  /** Projects to ask instead of the configured ones (the projects those spans ran in). */
  projects?: unknown;
}

export function loadSentryProfileCommand(d: LoadSentryProfileDeps) {
  return async (arg?: LoadArgs): Promise<LoadedProfile | undefined> => {
    const { data, store } = d;
    const s = data.settings;
    const client = await data.client();
    if (!client || !s.organization) {
      const pick = await vscode.window.showInformationMessage(
        client
          ? 'Hotspot Lens: choose the Sentry organization to load CPU profiles from.'
          : 'Hotspot Lens: sign in to Sentry to load CPU profiles from it.',
        client ? 'Select Organization and Projects…' : 'Sign in to Sentry…',
      );
      if (pick)
        void vscode.commands.executeCommand(
          client ? Command.sentrySelectOrganization : Command.sentrySignIn,
        );
      return undefined;
    }
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const q: FlamegraphQuery = {
      org: s.organization,
      projects:
        Array.isArray(arg?.projects) && arg.projects.every((p) => typeof p === 'string')
          ? (arg.projects as string[])
          : s.projects,
      environment: s.environment || undefined,
      period: s.period,
      transaction: text(arg?.transaction),
      function: text(arg?.function),
      spanIds: Array.isArray(arg?.spanIds)
        ? arg.spanIds.filter(
            (id): id is string => typeof id === 'string' && /^[0-9a-f]{16}$/i.test(id),
          )
        : undefined,
      spansLabel: text(arg?.spansLabel),
    };
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Sentry: loading the CPU flamegraph',
        },
        () => fetchFlamegraph(client, q),
      );
      for (const note of result.notes) data.log.warn(`Sentry: ${note}`);
      const samples = result.parts.map((p) => `${p.label} ${p.samples}`).join(', ');
      data.log.info(`Sentry: ${result.source}: ${samples} samples`);
      await vscode.workspace.fs.createDirectory(d.storage);
      const uri = vscode.Uri.joinPath(d.storage, fileName(q));
      await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(result.body)));
      return await store.load(uri);
    } catch (err) {
      data.report(err);
      return undefined;
    }
  };
}

/** `sentry-acme-shop-shop-backend-24h.json`: one file per query, replaced by the next fetch. */
function fileName(q: FlamegraphQuery): string {
  const spans = q.spanIds?.length ? `spans-${q.spanIds.length}-${q.spanIds[0]}` : undefined;
  const parts = [q.org, ...q.projects, q.environment, q.period, q.transaction, q.function, spans];
  const slug = parts
    .filter((p): p is string => !!p)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 120);
  return `sentry-${slug}.json`;
}
