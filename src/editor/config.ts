import * as vscode from 'vscode';
import type { PathMapping } from '../mapping/path-map';

export type AnnotationMode = 'codeLens' | 'inline' | 'heatOnly';

/** Every `hotspotLens.*` setting, read once per change (rust-analyzer's `config.ts` pattern). */
export interface Settings {
  readonly pathMappings: readonly PathMapping[];
  readonly codeLensEnabled: boolean;
  readonly heatEnabled: boolean;
  /** Percent of the value type's total below which a line gets no heat. */
  readonly heatThreshold: number;
  readonly annotations: AnnotationMode;
  /** `profile.path`: a profile to load when the workspace opens and none was opened before. */
  readonly profilePath: string | undefined;
  /** Value type to show (`cpu`, `alloc_space`…); undefined = the profile's default. */
  readonly valueType: string | undefined;
  readonly sentry: {
    readonly url: string;
    readonly organization: string;
    readonly projects: readonly string[];
    readonly environment: string;
    readonly period: string;
    readonly traceUrlTemplate: string;
    /** What earns a latency lens (`sentry.lens.minP95Ms`, `sentry.lens.minSharePercent`). */
    readonly lens: { readonly minP95Ms: number; readonly minSharePercent: number };
  };
  readonly pySpyPath: string;
  readonly perfPath: string;
  readonly capture: {
    readonly durationSeconds: number;
    readonly rateHz: number;
    readonly native: boolean;
    readonly idle: boolean;
    readonly subprocesses: boolean;
    readonly outputDirectory: string;
  };
}

export const SECTION = 'hotspotLens';

export interface ConfigChange {
  readonly settings: Settings;
  /** True when `key` (relative to `hotspotLens.`, e.g. `heat` or `pathMappings`) changed. */
  affects(key: string): boolean;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const mappings = c.get<unknown>('pathMappings', []);
  const annotations = c.get<string>('annotations', 'codeLens');
  const valueType = c.get<string>('valueType', '').trim();
  const profilePath = c.get<string>('profile.path', '').trim();
  return {
    pathMappings: Array.isArray(mappings) ? mappings.filter(isMapping) : [],
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    heatEnabled: c.get<boolean>('heat.enabled', true),
    heatThreshold: Math.max(0, c.get<number>('heat.threshold', 1)),
    annotations: annotations === 'inline' || annotations === 'heatOnly' ? annotations : 'codeLens',
    valueType: valueType === '' ? undefined : valueType,
    profilePath: profilePath === '' ? undefined : profilePath,
    sentry: {
      url: c.get<string>('sentry.url', 'https://sentry.io'),
      organization: c.get<string>('sentry.organization', ''),
      projects: c.get<string[]>('sentry.projects', []),
      environment: c.get<string>('sentry.environment', ''),
      period: c.get<string>('sentry.period', '24h'),
      traceUrlTemplate: c.get<string>('sentry.traceUrlTemplate', ''),
      lens: {
        minP95Ms: Math.max(0, c.get<number>('sentry.lens.minP95Ms', 1)),
        minSharePercent: Math.max(0, c.get<number>('sentry.lens.minSharePercent', 5)),
      },
    },
    pySpyPath: c.get<string>('pySpy.path', 'py-spy'),
    perfPath: c.get<string>('perf.path', 'perf'),
    capture: {
      durationSeconds: c.get<number>('capture.durationSeconds', 10),
      rateHz: c.get<number>('capture.rateHz', 100),
      native: c.get<boolean>('capture.native', false),
      idle: c.get<boolean>('capture.idle', false),
      subprocesses: c.get<boolean>('capture.subprocesses', false),
      outputDirectory: c.get<string>('capture.outputDirectory', '.hotspot-lens/captures'),
    },
  };
}

function isMapping(m: unknown): m is PathMapping {
  const o = m as { from?: unknown; to?: unknown } | null;
  return typeof o?.from === 'string' && typeof o.to === 'string' && o.from !== '';
}

/** The typed settings plus the one configuration change handler of the extension. */
export class Config implements vscode.Disposable {
  private value = readSettings();
  private readonly emitter = new vscode.EventEmitter<ConfigChange>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.value = readSettings();
      const settings = this.value;
      this.emitter.fire({
        settings,
        affects: (key) => e.affectsConfiguration(`${SECTION}.${key}`),
      });
    });
  }

  get settings(): Settings {
    return this.value;
  }

  /** Writes one setting where the user keeps it (workspace if set there, else user settings). */
  async update(key: string, value: unknown): Promise<void> {
    const c = vscode.workspace.getConfiguration(SECTION);
    const inspected = c.inspect(key);
    const target =
      inspected?.workspaceValue !== undefined || key === 'pathMappings'
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await c.update(
      key,
      value,
      vscode.workspace.workspaceFolders ? target : vscode.ConfigurationTarget.Global,
    );
    // The change event arrives asynchronously; refresh now so the caller sees its own write.
    this.value = readSettings();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
