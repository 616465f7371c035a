// What a front door gives the tools: the workspace, the loaded profiles, Sentry when the user
// configured it, and a capture runner only where the user can confirm one (VS Code).
import type { SpanSample } from '../sentry/samples';
import type { SpanStat } from '../sentry/spans';
import type { ProfileCatalog } from './profile-catalog';
import type { Workspace } from './workspace';

export interface SentrySource {
  /** Span statistics per code location for the configured organization and period. */
  stats(signal?: AbortSignal): Promise<{ rows: readonly SpanStat[]; period: string }>;
  slowest(stat: SpanStat, limit: number, signal?: AbortSignal): Promise<SpanSample[]>;
  /** Web address of one sample's trace. */
  traceUrl(sample: SpanSample): string;
}

export interface CaptureRequest {
  /** Program and arguments (no shell), run in the workspace root. */
  readonly command?: readonly string[];
  readonly pid?: number;
  readonly durationSeconds?: number;
}

export interface AssistHost {
  readonly workspace: Workspace;
  readonly profiles: ProfileCatalog;
  readonly sentry?: SentrySource;
  /** Why Sentry data is unavailable (shown when a tool needs it and `sentry` is missing). */
  readonly sentryMissing?: string;
  /** Records a profile and returns its absolute path; only hosts that can ask the user. */
  readonly capture?: (req: CaptureRequest, signal?: AbortSignal) => Promise<string>;
}
