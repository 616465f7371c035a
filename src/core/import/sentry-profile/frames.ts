import type { Frame, FrameKind } from '../../model';

// Sentry's frame shapes. Sample format v1 and v2 (`profile.frames[]`) are getsentry/vroom
// internal/frame/frame.go `Frame`: `function`, `module`, `package`, `filename`, `abs_path`,
// `lineno`, `colno`, `in_app`, `instruction_addr`, `platform`. The flamegraph response
// (internal/speedscope/speedscope.go `Frame`) is `name`, `file`, `path`, `line`, `col`, `image`,
// `inline`, `is_application` (our local server adds `module` and `fingerprint`).

type Json = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function positive(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Python frames are Python code; a frame with an instruction address is native. */
function kindOf(platform: string, f: Json, file: string | undefined): FrameKind {
  if (text(f.instruction_addr) !== '') return 'native';
  if (platform === 'python' || /\.pyw?$/i.test(file ?? '')) return 'python';
  return 'other';
}

/**
 * vroom's rule for frames the SDK sent without `in_app` (frame.go `SetInApp`), for the two
 * platforms whose SDKs this extension reads: Node — not `node:` and not under `node_modules`;
 * Python — not under site-packages/dist-packages or /usr/local, not `sentry_sdk`, not the
 * standard library. vroom knows the standard library by a list of module names
 * (python_std_lib.go); here it is the interpreter's own `lib/pythonX.Y/` folder and its
 * `<frozen …>` modules, which is where those modules live. Other platforms: no verdict.
 */
export function vroomInApp(platform: string, f: Json): boolean | undefined {
  const path = text(f.abs_path);
  if (platform === 'node') return !path.startsWith('node:') && !path.includes('node_modules');
  if (platform !== 'python') return undefined;
  if (/[/\\](site|dist)-packages[/\\]/.test(path) || path.startsWith('/usr/local/')) return false;
  const module = text(f.module).split('.')[0];
  if (module === 'sentry_sdk') return false;
  const file = path || text(f.filename);
  if (/^<frozen /.test(file) || /[/\\]lib[/\\]python\d+(\.\d+)?[/\\]/.test(file)) return false;
  return true;
}

/**
 * A sample-format frame (v1/v2). The file is `abs_path` (the path on the recording machine,
 * which the path mapping resolves by suffix), else `filename`; Node's anonymous functions come
 * with an empty `function` and are named `<anonymous>` as V8 names them.
 */
export function sampleFrame(json: unknown, platform: string): Frame {
  const f = (typeof json === 'object' && json !== null ? json : {}) as Json;
  const file = text(f.abs_path) || text(f.filename) || undefined;
  const addr = text(f.instruction_addr);
  const name = text(f.function) || (addr ? `unknown (${addr})` : '<anonymous>');
  const module = text(f.module) || text(f.package) || undefined;
  const framePlatform = text(f.platform) || platform;
  const inApp = typeof f.in_app === 'boolean' ? f.in_app : vroomInApp(framePlatform, f);
  return {
    name,
    file,
    line: positive(f.lineno),
    col: positive(f.colno),
    module,
    kind: kindOf(framePlatform, f, file),
    ...(inApp !== undefined ? { inApp } : {}),
  };
}

/** A frame of the flamegraph response (vroom's speedscope frame). */
export function flamegraphFrame(json: unknown, platform: string): Frame {
  const f = (typeof json === 'object' && json !== null ? json : {}) as Json;
  const file = text(f.path) || text(f.file) || undefined;
  const module = text(f.module) || text(f.image) || undefined;
  return {
    name: text(f.name) || '<anonymous>',
    file,
    line: positive(f.line),
    col: positive(f.col),
    module,
    // A joined flamegraph of several projects (src/sentry/flamegraph-merge.ts) puts each
    // part's platform on its frames.
    kind: kindOf(text(f.platform) || platform, f, file),
    ...(f.inline === true ? { inlined: true } : {}),
    ...(typeof f.is_application === 'boolean' ? { inApp: f.is_application } : {}),
  };
}
