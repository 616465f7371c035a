// Heat while comparing: a hot line whose function's self share changed by a point or more is
// drawn in the regression (red) or improvement (blue) colour instead of the plain heat colour,
// stronger for bigger changes. The baseline overlay hands heat.ts's hot lines to CompareHeat,
// which draws the changed ones and gives back the rest.
import * as vscode from 'vscode';
import type { HeatLine } from '../heat';
import { lineStart } from '../lines';
import type { LoadedProfile } from '../loaded-profile';
import type { CompareState } from './compare-state';
import { DIFF_BUCKETS, diffBucket, formatPoints } from './compare-text';

export interface CompareHeatLine {
  readonly line: number;
  readonly bucket: number;
  readonly kind: 'regression' | 'improvement';
  readonly text: string;
}

/**
 * The comparison colours: two sets of decoration types made with the overlay and disposed with
 * it, and what was drawn per document (for tests).
 */
export class CompareHeat implements vscode.Disposable {
  private readonly types = {
    regression: makeTypes('Regression'),
    improvement: makeTypes('Improvement'),
  };
  private readonly applied = new Map<string, CompareHeatLine[]>();

  constructor(private readonly state: CompareState) {}

  /**
   * Draws the changed hot lines of `editor` in the comparison colours (clearing them when no
   * comparison applies) and returns the lines left for the plain heat.
   */
  apply(
    editor: vscode.TextEditor,
    loaded: LoadedProfile | undefined,
    lines: readonly HeatLine[],
  ): readonly HeatLine[] {
    const active = this.state.for(loaded);
    const options = { regression: perBucket(), improvement: perBucket() };
    const drawn: CompareHeatLine[] = [];
    const rest: HeatLine[] = [];
    for (const h of lines) {
      const key = active && loaded!.functionAtLine(h.stat.file, h.stat.line);
      const row = key === undefined ? undefined : active!.byKey.get(key);
      const bucket = row && diffBucket(row.delta);
      if (!row || bucket === undefined || h.line > editor.document.lineCount) {
        rest.push(h);
        continue;
      }
      const kind = row.delta > 0 ? 'regression' : 'improvement';
      const text = `${h.text} · ${row.name} ${formatPoints(row.delta)} vs baseline`;
      options[kind][bucket].push({
        range: lineStart(h.line),
        renderOptions: { after: { contentText: text } },
      });
      drawn.push({ line: h.line, bucket, kind, text });
    }
    this.types.regression.forEach((t, i) => editor.setDecorations(t, options.regression[i]));
    this.types.improvement.forEach((t, i) => editor.setDecorations(t, options.improvement[i]));
    const uri = editor.document.uri.toString();
    if (drawn.length > 0) this.applied.set(uri, drawn);
    else this.applied.delete(uri);
    return rest;
  }

  /** The comparison heat drawn now on `uri` (for tests). */
  heatFor(uri: vscode.Uri): readonly CompareHeatLine[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  dispose(): void {
    for (const t of [...this.types.regression, ...this.types.improvement]) t.dispose();
    this.applied.clear();
  }
}

function makeTypes(kind: 'Regression' | 'Improvement'): vscode.TextEditorDecorationType[] {
  return Array.from({ length: DIFF_BUCKETS }, (_, i) =>
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor(`hotspotLens.diff${kind}Background${i + 1}`),
      overviewRulerColor: new vscode.ThemeColor(`hotspotLens.diff${kind}OverviewRuler`),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      after: { color: new vscode.ThemeColor('hotspotLens.heatForeground'), margin: '0 0 0 2em' },
    }),
  );
}

function perBucket(): vscode.DecorationOptions[][] {
  return Array.from({ length: DIFF_BUCKETS }, () => []);
}
