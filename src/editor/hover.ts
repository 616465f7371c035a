import * as vscode from 'vscode';
import { callersOf, type FunctionStat, type Weighted } from '../core/attribution';
import type { Config } from './config';
import { formatWeight, nameOfKey, percent } from './format';
import type { FunctionPlacement } from './function-placement';
import type { LineTracker } from './line-tracker';
import type { LoadedProfile } from './loaded-profile';
import type { ProfileStore } from './profile-store';
import { lineOf } from './lines';

const TOP_CALLERS = 5;

/**
 * On a hot line or a profiled function's def line: its self/total share and weight, and the
 * functions that called it most. Answers "why is this hot?" without opening the flamegraph.
 */
export class HotspotHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ProfileStore,
    private readonly config: Config,
    private readonly placement: FunctionPlacement,
    private readonly tracker: LineTracker,
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const loaded = this.store.current;
    if (!loaded) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    const line = lineOf(position);
    // Any sampled line, call sites included (their weight is all in callees, so no heat).
    const hot = loaded
      .linesIn(document.uri)
      .find((l) => this.tracker.map(document.uri, l.line) === line);
    const fn = (await this.placement.place(loaded, document)).find((p) => p.defLine === line);
    if (fn) {
      md.appendMarkdown(`**$(flame) ${escape(fn.stat.name)}**\n\n`);
      md.appendMarkdown(this.weights(loaded, fn.stat));
      this.appendCallers(md, loaded, fn.stat);
    } else if (hot) {
      md.appendMarkdown(`**$(flame) line ${line}**\n\n`);
      md.appendMarkdown(this.weights(loaded, hot));
      const key = loaded.functionAtLine(hot.file, hot.line);
      const stat = key === undefined ? undefined : loaded.functionByKey(key);
      if (stat) {
        md.appendMarkdown(`\n\nIn **${escape(stat.name)}** (${this.share(loaded, stat)})`);
        this.appendCallers(md, loaded, stat);
      }
    } else {
      return undefined;
    }
    md.appendMarkdown(`\n\n---\n\n${escape(loaded.profile.meta.name)} · ${this.valueName(loaded)}`);
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  private weights(loaded: LoadedProfile, w: Weighted): string {
    const total = loaded.attribution.total;
    const type = loaded.profile.valueTypes[loaded.valueIndex];
    return (
      `| | share | weight |\n|---|---:|---:|\n` +
      `| self | ${percent(w.self, total)} | ${formatWeight(w.self, type)} |\n` +
      `| total | ${percent(w.total, total)} | ${formatWeight(w.total, type)} |\n`
    );
  }

  private share(loaded: LoadedProfile, stat: FunctionStat): string {
    return `${percent(stat.total, loaded.attribution.total)} total`;
  }

  private appendCallers(md: vscode.MarkdownString, loaded: LoadedProfile, stat: FunctionStat) {
    const callers = callersOf(loaded.profile, loaded.attribution, stat.key).slice(0, TOP_CALLERS);
    if (callers.length === 0) return;
    md.appendMarkdown(`\n\n**Top callers**\n\n`);
    for (const c of callers) {
      const pct = percent(c.total, loaded.attribution.total);
      md.appendMarkdown(`- ${escape(nameOfKey(c.key))} — ${pct}\n`);
    }
  }

  private valueName(loaded: LoadedProfile): string {
    const t = loaded.profile.valueTypes[loaded.valueIndex];
    const heat = this.config.settings.heatThreshold;
    return `${t.type} (${t.unit}); heat from ${heat}%`;
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);
}
