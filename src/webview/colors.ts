/**
 * Colours come from the VS Code theme (the `--vscode-*` CSS variables VS Code sets on the
 * webview's root), so the graph matches every theme. Frame fills get a hue from a hash of the
 * frame's file (or module / name prefix when there is no file): the same file always has the same
 * colour, across views, reloads and machines. Frames outside the workspace are desaturated so
 * "my code" stands out. In high-contrast themes fills become the background and every rect gets
 * the contrast border, so text stays readable at full contrast.
 */
export interface Palette {
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  readonly background: string;
  readonly foreground: string;
  readonly textOnFill: string;
  readonly border: string | undefined;
  readonly selection: string;
  readonly highlight: string;
  readonly match: string;
  readonly font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

export function readPalette(): Palette {
  const cls = document.body.classList;
  const kind = cls.contains('vscode-high-contrast-light')
    ? 'high-contrast-light'
    : cls.contains('vscode-high-contrast')
      ? 'high-contrast'
      : cls.contains('vscode-light')
        ? 'light'
        : 'dark';
  const style = getComputedStyle(document.documentElement);
  const dark = kind === 'dark' || kind === 'high-contrast';
  const foreground = cssVar(style, '--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  const hc = kind.startsWith('high-contrast');
  const family = cssVar(style, '--vscode-font-family', 'system-ui, sans-serif');
  return {
    kind,
    background: cssVar(style, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    foreground,
    textOnFill: hc ? foreground : dark ? '#f0f0f0' : '#1a1a1a',
    border: hc ? cssVar(style, '--vscode-contrastBorder', foreground) : undefined,
    selection: cssVar(style, '--vscode-focusBorder', '#0078d4'),
    highlight: cssVar(style, '--vscode-editorWarning-foreground', '#cca700'),
    match: cssVar(style, '--vscode-editor-findMatchBorder', hc ? foreground : '#e2a21e'),
    font: `12px ${family}`,
  };
}

/** FNV-1a: a small, stable string hash (the same hue on every machine). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** What decides a frame's hue: its file, else the part of the name before `::`, `.` or `(`. */
export function colourKey(name: string, file: string | undefined): string {
  if (file !== undefined) return file;
  const m = /^[^:.(\s]+/.exec(name);
  return m ? m[0] : name;
}

export function frameFill(p: Palette, key: string, inWorkspace: boolean): string {
  if (p.kind === 'high-contrast' || p.kind === 'high-contrast-light') return p.background;
  const hue = hashString(key) % 360;
  const sat = inWorkspace ? 65 : 18;
  const light = p.kind === 'dark' ? (inWorkspace ? 34 : 30) : inWorkspace ? 74 : 80;
  return `hsl(${hue} ${sat}% ${light}%)`;
}

/**
 * Differential flamegraph fill: red for a function whose self share grew (slower), blue for one
 * that shrank (faster), grey when unchanged; stronger with the size of the change (saturating
 * at 20 points, square-root scaled so a 1-point change is already visible).
 */
export function diffFill(p: Palette, delta: number): string {
  if (p.kind === 'high-contrast' || p.kind === 'high-contrast-light') return p.background;
  const t = Math.min(1, Math.sqrt(Math.abs(delta) / 20));
  const hue = delta > 0 ? 0 : 215;
  const sat = Math.abs(delta) < 0.05 ? 0 : Math.round(25 + 60 * t);
  const light = p.kind === 'dark' ? Math.round(26 + 16 * t) : Math.round(86 - 22 * t);
  return `hsl(${hue} ${sat}% ${light}%)`;
}
