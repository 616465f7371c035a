import type { Frame, FrameKind } from '../../model';

/**
 * The parts of a callchain line `<hex ip> sym+0xoff (dso)` that do not depend on its srcline
 * (docs/formats.md §3.2). Parsed once per distinct `sym+off (dso)` text and cached.
 */
export interface FrameSite {
  readonly name: string;
  readonly module: string | undefined;
  readonly kind: FrameKind;
  readonly inlined: boolean;
}

/**
 * Index where `sym (dso)` starts after the address, or -1 if the text from `start` is not
 * `<spaces><hex><space>…` (a stack line perf would not print, e.g. inferno's
 * THIS_IS_A_WEIRD_LINE).
 */
export function symbolStart(line: string, start: number): number {
  let i = start;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const hexStart = i;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) break;
  }
  if (i === hexStart || i >= line.length || line.charCodeAt(i) !== 32) return -1;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i < line.length ? i : -1;
}

/**
 * `sym+0x1f (dso)`: the dso is the LAST parenthesised group, since C++/Java symbols contain
 * spaces and parentheses; `(inlined)` replaces the dso for inlined frames, and with
 * `-F +srcline` an inlined frame has no dso at all (its srcline says `(inlined)`).
 */
export function parseSite(text: string): FrameSite {
  let sym = text;
  let dso: string | undefined;
  if (text.endsWith(')')) {
    const suffix = text.endsWith(' (deleted))') ? 11 : 1;
    const open = text.lastIndexOf(' (', text.length - suffix - 1);
    if (open >= 0) {
      sym = text.slice(0, open);
      dso = text.slice(open + 2, text.length - 1);
    }
  }
  const name = sym.replace(/\+0x[0-9a-fA-F]+$/, '');
  if (dso === 'inlined') return { name, module: undefined, kind: 'native', inlined: true };
  return { name, module: dso, kind: isKernelDso(dso) ? 'kernel' : 'native', inlined: false };
}

/** `[kernel.kallsyms]`, a (versioned) vmlinux image or a kernel module, as inferno decides. */
function isKernelDso(dso: string | undefined): boolean {
  if (dso === undefined) return false;
  if (dso.includes('kernel.kallsyms')) return true;
  const base = dso.slice(dso.lastIndexOf('/') + 1);
  return base.startsWith('vmlinux') || /\.ko(\.[a-z]+)?$/.test(base);
}

/**
 * A `-F +srcline` line (`  file:line`, `  file:line (inlined)`) applied to a site. `??:0` and
 * `[kernel.kallsyms][addr]` mean "unknown". File names may contain spaces (`main app.c:42`).
 */
export function withSrcline(site: FrameSite, srcline: string): Frame {
  let text = srcline.trim();
  let inlined = site.inlined;
  if (text.endsWith(' (inlined)')) {
    inlined = true;
    text = text.slice(0, -10);
  }
  let file: string | undefined;
  let line: number | undefined;
  const colon = text.lastIndexOf(':');
  if (!text.startsWith('??') && !text.startsWith('[') && colon > 0) {
    const num = text.slice(colon + 1);
    if (/^\d+$/.test(num)) {
      file = text.slice(0, colon);
      line = Number(num) || undefined;
    }
  }
  return { name: site.name, module: site.module, kind: site.kind, inlined, file, line };
}
