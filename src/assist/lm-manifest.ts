// The `contributes.languageModelTools` entries of package.json, derived from the tool table so
// VS Code and MCP describe the same tools with the same schemas: test/unit/lm-tools-manifest.test.ts
// fails when package.json drifts from this (and `UPDATE_MANIFEST=1` rewrites it). The fields only
// VS Code shows (reference name for `#`, icon, the user-facing sentence) are kept here.
import { ASSIST_TOOLS } from './registry';
import { vscodeToolName } from './tool-names';
import type { InputSchema } from './types';

export interface LanguageModelToolContribution {
  readonly name: string;
  readonly displayName: string;
  readonly toolReferenceName: string;
  readonly canBeReferencedInPrompt: boolean;
  readonly icon: string;
  readonly userDescription: string;
  readonly modelDescription: string;
  readonly tags: readonly string[];
  readonly inputSchema: InputSchema;
}

interface VsCodeOnly {
  readonly toolReferenceName: string;
  readonly icon: string;
  readonly userDescription: string;
}

const VSCODE_ONLY: Readonly<Record<string, VsCodeOnly>> = {
  hotspots: {
    toolReferenceName: 'hotspots',
    icon: '$(flame)',
    userDescription:
      'The hottest functions of the loaded CPU profile, with Sentry latency when signed in.',
  },
  line_breakdown: {
    toolReferenceName: 'lineBreakdown',
    icon: '$(list-tree)',
    userDescription: 'Hot lines, callers and callees of one profiled function.',
  },
  slowest_spans: {
    toolReferenceName: 'slowestSpans',
    icon: '$(watch)',
    userDescription: 'The slowest Sentry spans of a function, with trace links.',
  },
  compare: {
    toolReferenceName: 'compareProfiles',
    icon: '$(diff)',
    userDescription: 'Regressions and wins of a profile against its baseline.',
  },
  capture: {
    toolReferenceName: 'captureProfile',
    icon: '$(record)',
    userDescription:
      'Record a py-spy profile of a command or process (asks you first; trusted workspaces only).',
  },
};

export function languageModelTools(): LanguageModelToolContribution[] {
  return ASSIST_TOOLS.map((t) => {
    const extra = VSCODE_ONLY[t.name];
    if (!extra) throw new Error(`lm-manifest.ts has no VS Code fields for the tool '${t.name}'`);
    return {
      name: vscodeToolName(t.name),
      displayName: t.title,
      toolReferenceName: extra.toolReferenceName,
      // Every tool can be named with `#` in a prompt; capture still asks before it runs.
      canBeReferencedInPrompt: true,
      icon: extra.icon,
      userDescription: extra.userDescription,
      modelDescription: t.description,
      tags: ['profiling', 'performance', 'hotspot-lens'],
      // A plain JSON copy: package.json holds data, not the shared LIMIT_PROPERTY object.
      inputSchema: JSON.parse(JSON.stringify(t.inputSchema)) as InputSchema,
    };
  });
}
