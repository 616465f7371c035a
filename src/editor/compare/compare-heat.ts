// Heat while comparing: a hot line whose function's self share changed by a point or more is
// drawn in the regression (red) or improvement (blue) colour instead of the plain heat colour,
// stronger for bigger changes. heat.ts hands every editor's hot lines to applyCompareHeat and
// draws the ones it returns.
import * as vscode from 'vscode';
import type { HeatLine } from '../heat';
import type { LoadedProfile } from '../loaded-profile';
import { compareState } from './compare-state';
import { DIFF_BUCKETS, diffBucket, formatPoints } from './compare-text';

export interface CompareHeatLine {
  readonly line: number;
  readonly bucket: number;
  readonly kind: 'regression' | 'improvement';
  readonly text: string;
}

let types:
  | {
      regression: vscode.TextEditorDecorationType[];
      improvement: vscode.TextEditorDecorationType[];
    }
  | undefined;
const applied = new Map<string, CompareHeatLine[]>();

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

/** Creates the two sets of decoration types; until then applyCompareHeat draws nothing. */
export function initCompareHeat(): vscode.Disposable {
  types = { regression: makeTypes('Regression'), improvement: makeTypes('Improvement') };
  const mine = types;
  return {
    dispose: () => {
      for (const t of [...mine.regression, ...mine.improvement]) t.dispose();
      if (types === mine) types = undefined;
      applied.clear();
    },
  };
}

/**
 * Draws the changed hot lines of `editor` in the comparison colours (clearing them when no
 * comparison applies) and returns the lines left for the plain heat.
 */
export function applyCompareHeat(
  editor: vscode.TextEditor,
  loaded: LoadedProfile | undefined,
  lines: readonly HeatLine[],
): readonly HeatLine[] {
  if (!types) return lines;
  const active = compareState.for(loaded);
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
      range: new vscode.Range(h.line - 1, 0, h.line - 1, 0),
      renderOptions: { after: { contentText: text } },
    });
    drawn.push({ line: h.line, bucket, kind, text });
  }
  types.regression.forEach((t, i) => editor.setDecorations(t, options.regression[i]));
  types.improvement.forEach((t, i) => editor.setDecorations(t, options.improvement[i]));
  const uri = editor.document.uri.toString();
  if (drawn.length > 0) applied.set(uri, drawn);
  else applied.delete(uri);
  return rest;
}

/** The comparison heat drawn now on `uri` (for tests). */
export function compareHeatFor(uri: vscode.Uri): readonly CompareHeatLine[] {
  return applied.get(uri.toString()) ?? [];
}

function perBucket(): vscode.DecorationOptions[][] {
  return Array.from({ length: DIFF_BUCKETS }, () => []);
}
