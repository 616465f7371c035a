import * as vscode from 'vscode';
import type { SentryOrg, SentryProject } from '../../sentry/client';
import { checkTokenShape } from '../../sentry/token';
import { Command, type CommandHandlers } from '../command-table';
import type { LoadedProfile } from '../profile-store';
import type { SentryAuth } from './auth';
import { rowKey, type SentryData } from './data';
import type { SentryPlaces } from './places';
import { pickSlowSpan } from './samples-pick';
import type { TracePanel } from './trace-panel';

export interface SentryCommandDeps {
  readonly data: SentryData;
  readonly auth: SentryAuth;
  readonly places: SentryPlaces;
  readonly panel: TracePanel;
}

function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title },
    task,
  );
}

/** How many of the slowest example spans "CPU in the slowest spans" takes samples from. */
const SLOWEST_FOR_CPU = 10;

export function sentryCommands(d: SentryCommandDeps): CommandHandlers {
  const { data, auth, places, panel } = d;
  const findRow = (arg: unknown) => {
    const key = (arg as { key?: unknown } | undefined)?.key;
    return data.current?.rows.find((r) => rowKey(r) === key);
  };

  /** Token from the argument (automation, tests) or an input box; checked before it is stored. */
  async function signIn(arg?: unknown): Promise<boolean> {
    const given = typeof arg === 'string' ? arg : (arg as { token?: unknown } | undefined)?.token;
    const token =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'Sign in to Sentry',
            prompt: `User Auth Token for ${data.settings.url} with the scopes org:read, project:read and event:read (Sentry → Settings → Account → API → Auth Tokens)`,
            placeHolder: 'sntryu_…',
            password: true,
            ignoreFocusOut: true,
            validateInput: (v) => {
              try {
                checkTokenShape(v);
                return undefined;
              } catch (e) {
                return (e as Error).message;
              }
            },
          });
    if (!token) return false;
    try {
      const client = await data.client(token.trim());
      const info = await progress(`Sentry: checking the token with ${data.settings.url}`, () =>
        client!.checkToken(),
      );
      await auth.store(token);
      void vscode.window.showInformationMessage(
        `Hotspot Lens: signed in to Sentry at ${client!.baseUrl}${info.user ? ` as ${info.user}` : ''}.`,
      );
      if (!data.settings.organization) await selectOrganization();
      else await data.refresh(true, true);
      return true;
    } catch (err) {
      data.report(err);
      return false;
    }
  }

  async function selectOrganization(): Promise<boolean> {
    const client = await data.client();
    if (!client) return signIn();
    try {
      const orgs = await progress('Sentry: listing organizations', () =>
        client.listOrganizations(),
      );
      const org = await vscode.window.showQuickPick(
        orgs.map((o: SentryOrg) => ({
          label: o.name,
          description: o.slug,
          detail: o.regionUrl,
          org: o,
          picked: o.slug === data.settings.organization,
        })),
        {
          title: 'Sentry organization',
          placeHolder: orgs.length
            ? 'Organization to read spans from'
            : 'The token sees no organization',
          ignoreFocusOut: true,
        },
      );
      if (!org) return false;
      const projects = await progress('Sentry: listing projects', () =>
        client.listProjects(org.org.slug),
      );
      const current = new Set(
        org.org.slug === data.settings.organization ? data.settings.projects : [],
      );
      const picked = await vscode.window.showQuickPick(
        projects.map((p: SentryProject) => ({
          label: p.slug,
          description: [p.name, p.platform].filter(Boolean).join(' · '),
          project: p,
          picked: current.has(p.slug) || current.has(p.id),
        })),
        {
          title: `Projects of ${org.org.slug}`,
          placeHolder: 'Projects to include (none selected = all projects)',
          canPickMany: true,
          ignoreFocusOut: true,
        },
      );
      if (!picked) return false;
      const envs = [
        ...new Set(
          (picked.length ? picked.map((p) => p.project) : projects).flatMap((p) => p.environments),
        ),
      ].sort();
      const ALL = '(all environments)';
      const env = envs.length
        ? await vscode.window.showQuickPick([ALL, ...envs], {
            title: 'Environment',
            placeHolder: 'Only spans from this environment',
            ignoreFocusOut: true,
          })
        : ALL;
      if (env === undefined) return false;
      await data.config.update('sentry.organization', org.org.slug);
      await data.config.update(
        'sentry.projects',
        picked.map((p) => p.project.slug),
      );
      await data.config.update('sentry.environment', env === ALL ? '' : env);
      await data.refresh(false, true);
      return true;
    } catch (err) {
      data.report(err);
      return false;
    }
  }

  return {
    sentrySignIn: signIn,
    sentrySignOut: async () => {
      const env = !(await auth.hasStoredToken()) && !!process.env.SENTRY_AUTH_TOKEN;
      await auth.clear();
      void vscode.window.showInformationMessage(
        env
          ? 'Hotspot Lens: no token was stored; SENTRY_AUTH_TOKEN from the environment is still used.'
          : 'Hotspot Lens: signed out of Sentry.',
      );
    },
    sentrySelectOrganization: selectOrganization,
    sentryRefresh: () => data.refresh(true, true),
    sentryShowSlowSpans: async (arg: unknown) => {
      const stat = findRow(arg);
      if (stat) await pickSlowSpan(data, panel, stat);
    },
    // The aggregated CPU of only the samples taken inside the row's slowest example spans, loaded
    // like any profile (lenses, heat, Hotspots) and opened as a flamegraph beside the code: the
    // latency lens and the CPU then describe the same requests.
    sentryCpuInSlowSpans: async (arg: unknown) => {
      const stat = findRow(arg);
      if (!stat) return;
      let samples;
      try {
        samples = await data.slowest(stat, SLOWEST_FOR_CPU);
      } catch (err) {
        data.report(err);
        return;
      }
      const name = stat.function.split('.').pop() || stat.file || 'the span';
      if (samples.length === 0) {
        void vscode.window.showInformationMessage(
          `Hotspot Lens: Sentry has no example spans of ${name} to take CPU samples from.`,
        );
        return;
      }
      // Only the projects the spans ran in: the others can hold none of their samples.
      const projects = [...new Set(samples.map((s) => s.project).filter(Boolean))];
      const loaded = await vscode.commands.executeCommand<LoadedProfile | undefined>(
        Command.sentryLoadProfile,
        {
          spanIds: samples.map((s) => s.spanId),
          spansLabel: `${samples.length} slowest spans of ${name}`,
          projects: projects.length ? projects : undefined,
        },
      );
      // Opened on the span's own function, as a CPU lens opens it (highlighted, in view).
      const fn = loaded?.attribution.byFunction
        .filter((f) => f.name === name)
        .sort((a, b) => b.total - a.total)[0];
      if (loaded) await vscode.commands.executeCommand(Command.showFlamegraph, { key: fn?.key });
    },
    sentryRevealSpan: async (arg: unknown) => {
      const stat = findRow(arg);
      if (!stat || (await places.reveal(stat))) return;
      if (stat.file === null) {
        // A bare span name: let the workspace symbol search find the function.
        await vscode.commands.executeCommand(
          'workbench.action.quickOpen',
          `#${stat.function.split('.').pop()}`,
        );
        return;
      }
      await places.openSentryPath(stat.file, stat.line ?? undefined);
    },
  };
}
