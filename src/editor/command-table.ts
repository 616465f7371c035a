// Every command the extension contributes, written once, and the one place that registers them.
// Features hand `activate` their handlers (by table key) instead of calling registerCommand, so
// this table and `contributes.commands` in package.json are the whole list; a unit test holds
// the two together. Only `import type` of vscode: the test loads this file outside VS Code.
import type * as vscode from 'vscode';

export const Command = {
  // Profiles (commands.ts)
  openProfile: 'hotspotLens.openProfile',
  openProfileFromExplorer: 'hotspotLens.openProfileFromExplorer',
  clearProfile: 'hotspotLens.clearProfile',
  toggleAnnotations: 'hotspotLens.toggleAnnotations',
  showLog: 'hotspotLens.showLog',
  // One function of the loaded profile (hotspot-commands.ts)
  showFunction: 'hotspotLens.showFunction',
  revealInHotspots: 'hotspotLens.revealInHotspots',
  openFunction: 'hotspotLens.openFunction',
  mapPath: 'hotspotLens.mapPath',
  // Flamegraph (flamegraph/register.ts)
  showFlamegraph: 'hotspotLens.showFlamegraph',
  // Capture (capture/commands.ts)
  profilePythonProcess: 'hotspotLens.profilePythonProcess',
  profilePythonCommand: 'hotspotLens.profilePythonCommand',
  recordNativeProfile: 'hotspotLens.recordNativeProfile',
  stopCapture: 'hotspotLens.stopCapture',
  // Sentry (sentry/commands.ts)
  sentrySignIn: 'hotspotLens.sentry.signIn',
  sentrySignOut: 'hotspotLens.sentry.signOut',
  sentrySelectOrganization: 'hotspotLens.sentry.selectOrganization',
  sentryRefresh: 'hotspotLens.sentry.refresh',
  sentryShowSlowSpans: 'hotspotLens.sentry.showSlowSpans',
  sentryRevealSpan: 'hotspotLens.sentry.revealSpan',
  // Sentry Profiling (sentry/load-profile.ts)
  sentryLoadProfile: 'hotspotLens.sentry.loadProfile',
  sentryCpuInSlowSpans: 'hotspotLens.sentry.cpuInSlowSpans',
  // Comparisons (compare/register.ts, compare/sentry-periods.ts)
  compareWithBaseline: 'hotspotLens.compareWithBaseline',
  stopComparing: 'hotspotLens.stopComparing',
  sentryComparePeriods: 'hotspotLens.sentry.comparePeriods',
} as const;

export type CommandName = keyof typeof Command;
export type CommandId = (typeof Command)[CommandName];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments are untyped at the boundary
export type CommandHandler = (...args: any[]) => unknown;
/** What a feature contributes: handlers for some of the table's commands. */
export type CommandHandlers = Partial<Record<CommandName, CommandHandler>>;

/**
 * Registers every command of the table. A command without a handler (its feature failed to
 * start; the log says why) still exists and answers with `unavailable`, so the palette entry
 * explains itself instead of VS Code's "command not found".
 */
export function registerCommandTable(
  commands: Pick<typeof vscode.commands, 'registerCommand'>,
  handlers: CommandHandlers,
  unavailable: (name: CommandName) => unknown,
): vscode.Disposable[] {
  return (Object.keys(Command) as CommandName[]).map((name) =>
    commands.registerCommand(Command[name], handlers[name] ?? (() => unavailable(name))),
  );
}
