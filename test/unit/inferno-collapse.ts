import type { Frame, Profile } from '../../src/core/model';

/**
 * Test-only: our perf profile written in inferno's `collapse-perf` conventions, so inferno's
 * expected outputs (test/fixtures/profiles/perf-script/*.expected-collapsed*.txt) can be compared
 * line for line. What inferno does that our model deliberately does not (we keep names as perf
 * printed them and put threads, kinds and modules in fields instead):
 * - the root frame is the command name (`comm`, spaces turned into `_`);
 * - `[unknown]` symbols become `[<dso basename>]` (`[[kernel.kallsyms]]`, `[libjvm.so]`);
 * - a trailing C++ argument list is cut (`operator()` → `operator`), `;` becomes `:`;
 * - legacy Rust symbols are demangled (`GcBox$LT$T$GT$::new::h…` → `GcBox<T>::new`);
 * - Java JIT frames from a perf map: a leading `L` is dropped from class paths and the
 *   `a->b->c` inline chains become frames, the inlined ones annotated `_[i]`;
 * - with --kernel / --jit, kernel frames get `_[k]` and JIT (perf map, jitdump) frames `_[j]`.
 */
export interface InfernoMode {
  kernel?: boolean;
  jit?: boolean;
}

export function toInfernoCollapsed(profile: Profile, mode: InfernoMode = {}): string {
  const sums = new Map<string, number>();
  const self = profile.nodeSelf[profile.defaultValue];
  const paths: string[] = new Array(profile.nodeCount);
  paths[0] = '';
  for (let n = 1; n < profile.nodeCount; n++) {
    const parent = profile.nodeParent[n];
    const frame = profile.frames[profile.nodeFrame[n]];
    let prefix = paths[parent];
    if (parent === 0) prefix = comm(profile.threads[profile.nodeThread[n]].name);
    const names = frame.kind === 'other' ? [] : infernoNames(frame, mode);
    paths[n] = [prefix, ...names].join(';');
  }
  for (let n = 1; n < profile.nodeCount; n++) {
    if (self[n] !== 0) sums.set(paths[n], (sums.get(paths[n]) ?? 0) + self[n]);
  }
  return [...sums.entries()]
    .map(([stack, w]) => `${stack} ${w}\n`)
    .sort()
    .join('');
}

/** Thread names are `comm pid/tid` (perf-script importer); inferno's root is the comm. */
function comm(threadName: string): string {
  return threadName.replace(/ \d+(\/\d+)?$/, '').replace(/ /g, '_');
}

function infernoNames(frame: Frame, mode: InfernoMode): string[] {
  const dso = frame.module;
  const base = dso?.slice(dso.lastIndexOf('/') + 1);
  const isJit = dso !== undefined && /\/tmp\/perf-\d+\.map$|jitted-\d+-\d+\.so$/.test(dso);
  let names: string[];
  if (frame.name === '[unknown]' && base !== undefined && dso !== '[unknown]') {
    names = [`[${base}]`];
  } else if (isJit && frame.name.includes('->')) {
    names = frame.name.split('->').map((n, i) => (i > 0 ? `${tidyJava(n)}_[i]` : tidyJava(n)));
  } else {
    names = [isJit ? tidyJava(frame.name) : tidy(frame.name)];
  }
  const suffix = mode.kernel && frame.kind === 'kernel' ? '_[k]' : mode.jit && isJit ? '_[j]' : '';
  if (suffix) names[names.length - 1] += suffix;
  return names;
}

function tidy(name: string): string {
  let out = name;
  if (out.endsWith(')')) {
    let depth = 0;
    for (let i = out.length - 1; i >= 0; i--) {
      if (out[i] === ')') depth++;
      else if (out[i] === '(' && --depth === 0) {
        out = out.slice(0, i);
        break;
      }
    }
  }
  return demangleRustLegacy(out).replace(/;/g, ':');
}

const RUST_ESCAPES: Record<string, string> = {
  SP: '@',
  BP: '*',
  RF: '&',
  LT: '<',
  GT: '>',
  LP: '(',
  RP: ')',
  C: ',',
};

function demangleRustLegacy(name: string): string {
  if (!/\$(SP|BP|RF|LT|GT|LP|RP|C|u[0-9a-f]{2})\$/.test(name)) return name;
  return name
    .replace(/::h[0-9a-f]{16}$/, '')
    .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C)\$/g, (_, k: string) => RUST_ESCAPES[k])
    .replace(/\$u([0-9a-f]{2})\$/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\.\./g, '::');
}

function tidyJava(name: string): string {
  return (name.includes('/') ? name.replace(/^L/, '') : name).replace(/;/g, ':');
}
