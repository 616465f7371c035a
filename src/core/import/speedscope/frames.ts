import type { ProfileBuilder } from '../../builder';
import type { Frame, FrameKind, ThreadInfo, ValueType } from '../../model';

// speedscope's file format (src/lib/file-format-spec.ts): `shared.frames[]` is
// `{name, file?, line?, col?}` and every stack is a list of indices into it.

/** py-spy's --subprocesses/--threads roots: `process 18305:"python3 x.py"`, `thread (18305)`. */
const PROCESS_FRAME = /^process \d+:/;
const THREAD_FRAME = /^thread \(/;

/**
 * Converts one `shared.frames` entry; py-spy writes `line: 0` and `col: null` for "unknown".
 * In py-spy files, frames with a line or a pseudo-file (`<frozen importlib._bootstrap>`,
 * `<string>`) are Python code; its native frames (--native) carry a shared object and line 0.
 */
export function toFrame(json: unknown, index: number, pySpy = false): Frame {
  const f = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const name = typeof f.name === 'string' ? f.name : `(frame ${index} has no name)`;
  const file = typeof f.file === 'string' && f.file !== '' ? f.file : undefined;
  const line = positive(f.line);
  const col = positive(f.col);
  if (file === undefined && line === undefined) {
    if (PROCESS_FRAME.test(name)) return { name, kind: 'process' };
    if (THREAD_FRAME.test(name)) return { name, kind: 'thread' };
  }
  const python =
    file !== undefined &&
    (/\.pyw?$/i.test(file) || (pySpy && (line !== undefined || /^<.*>$/.test(file))));
  const kind: FrameKind = file === undefined ? 'other' : python ? 'python' : 'native';
  return { name, file, line, col, kind };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Interns `shared.frames` entries into the builder on first use. */
export class FrameTable {
  private readonly ids: Int32Array;

  constructor(
    private readonly frames: readonly unknown[],
    private readonly builder: ProfileBuilder,
    private readonly pySpy: boolean,
  ) {
    this.ids = new Int32Array(frames.length).fill(-1);
  }

  get length(): number {
    return this.frames.length;
  }

  /** Builder frame id of a (validated) index. */
  id(index: number): number {
    let id = this.ids[index];
    if (id < 0) {
      id = this.builder.internFrame(toFrame(this.frames[index], index, this.pySpy));
      this.ids[index] = id;
    }
    return id;
  }

  /** The frame's name, for error messages. */
  describe(index: number): string {
    const f = this.frames[index] as { name?: unknown } | undefined;
    return `${index} (${typeof f?.name === 'string' ? JSON.stringify(f.name) : 'unnamed'})`;
  }
}

/** `Thread 16785 "worker"`, `Thread 0x16DF7B000 "…"`, `Process 1 Thread 2 "…"` (py-spy). */
export function threadInfo(name: string): ThreadInfo {
  const m = /^(?:Process (\d+) )?Thread (0x[0-9a-fA-F]+|\d+)\b/.exec(name);
  if (!m) return { name };
  const tid = Number(m[2]);
  return {
    name,
    pid: m[1] !== undefined ? Number(m[1]) : undefined,
    tid: Number.isSafeInteger(tid) ? tid : undefined,
  };
}

const NANOS_PER_UNIT: Record<string, number> = {
  nanoseconds: 1,
  microseconds: 1e3,
  milliseconds: 1e6,
  seconds: 1e9,
};

/** Factor from the profile's unit to nanoseconds, or undefined when the unit is not time. */
export function nanosPerUnit(unit: string): number | undefined {
  return NANOS_PER_UNIT[unit];
}

/** py-spy's weights are sampling intervals in seconds: CPU (or wall, with --idle) time. */
export function valueTypeOf(unit: string, pySpy: boolean): ValueType {
  return { type: pySpy ? 'cpu' : 'weight', unit };
}
