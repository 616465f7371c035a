import { ProfileBuilder } from '../builder';
import { ImportError, throwIfAborted } from '../errors';
import type { Frame, Profile } from '../model';
import { readAll, sniffEncoding } from '../source';
import type { Importer, ImportOptions } from './importer';
import { toFrame as speedscopeFrame } from './speedscope/frames';
import { TimelineCollector } from './speedscope/timeline';

// `py-spy record --format chrometrace` (py-spy src/chrometrace.rs): a JSON array of Chrome
// trace events. py-spy compares each sample's stack with the thread's previous one and writes
// `E` for the frames that left and `B` for the frames that came, all at the sample's time in
// microseconds since the start, then `E` for every frame still open at the end. args carry
// `filename` and `line` (null without line numbers). py-spy after 0.4.3 also writes `M`
// `thread_name` events (args.name `"<thread id>: <name>"`) and renumbers tids from 0.
// Chrome's `{"traceEvents": [...]}` wrapper is read too; phases other than B, E and M are
// counted as skipped.

const EVENTS_HEAD = /^\[\s*\{|^\{\s*"traceEvents"\s*:/;
const PHASE = /"ph"\s*:\s*"[BEXM]"/;
const BATCH = 1 << 16;

interface TraceEvent {
  ph?: unknown;
  name?: unknown;
  ts?: unknown;
  pid?: unknown;
  tid?: unknown;
  args?: { filename?: unknown; line?: unknown; name?: unknown } | null;
}

/**
 * Chrome trace events with B/E phases (py-spy's third output format). The time a frame is the
 * innermost open one on its thread is its self time, in microseconds as in `ts`; each
 * (pid, tid) is a thread.
 */
export const chrometraceImporter: Importer = {
  format: 'chrometrace',

  detectName(fileName) {
    return /\.chrometrace\.json$/i.test(fileName) ? true : undefined;
  },

  detectContent(_head, headText) {
    const text = headText.trimStart();
    if (!text.startsWith('[') && !text.startsWith('{')) return false;
    return EVENTS_HEAD.test(text) && PHASE.test(text) ? true : undefined;
  },

  async importProfile(source, options) {
    const events = parseEvents(await readText(source, options));
    if (events === null) return null;
    return buildProfile(events, source.name, options.signal);
  },
};

async function readText(
  source: Parameters<Importer['importProfile']>[0],
  options: ImportOptions,
): Promise<string> {
  const bytes = await readAll(source, options.signal, (read) =>
    options.onProgress?.(read, source.size),
  );
  if (bytes.length === 0) throw new ImportError('chrometrace', 'the file is empty');
  const { encoding, bomLength } = sniffEncoding(bytes);
  if (encoding !== 'utf-8') return '';
  try {
    return bytes.toString('utf8', bomLength);
  } catch (err) {
    // V8 strings stop at ~512 MB (2^29 characters); JSON.parse needs the text as one string.
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(
      'chrometrace',
      `the file is too large to parse as one JSON text (${message})`,
    );
  }
}

/** The event list, or null when the text is not a Chrome trace. */
function parseEvents(text: string): TraceEvent[] | null {
  const start = text.trimStart();
  if (!EVENTS_HEAD.test(start)) return null;
  let json: unknown;
  try {
    json = JSON.parse(start);
  } catch (err) {
    // py-spy writes the whole array at exit; a cut file is an interrupted recording.
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    throw new ImportError(
      'chrometrace',
      `the trace is not valid JSON (${message}); was the recording interrupted? Record it again.`,
      at ? { offset: Number(at[1]) } : undefined,
    );
  }
  const list = Array.isArray(json) ? json : (json as { traceEvents?: unknown } | null)?.traceEvents;
  if (!Array.isArray(list)) return null;
  if (!list.some((e) => isEvent(e) && (e.ph === 'B' || e.ph === 'E'))) {
    if (list.length > 0 && !list.some(isEvent)) return null;
    throw new ImportError(
      'chrometrace',
      'the trace has no B/E (begin/end) events, so it holds no stacks. Record it with ' +
        '`py-spy record --format chrometrace` (other Chrome trace phases are not read).',
    );
  }
  return list as TraceEvent[];
}

function isEvent(e: unknown): e is TraceEvent {
  return typeof e === 'object' && e !== null && typeof (e as TraceEvent).ph === 'string';
}

/** One (pid, tid): its events in file order, and its name from an `M` thread_name event. */
interface Track {
  pid: number | undefined;
  tid: number | undefined;
  key: string;
  name?: string;
  events: number[];
}

async function buildProfile(
  events: TraceEvent[],
  name: string,
  signal?: AbortSignal,
): Promise<Profile> {
  const builder = new ProfileBuilder({
    format: 'chrometrace',
    name,
    valueTypes: [{ type: 'time', unit: 'microseconds' }],
    keepTimeline: true,
  });
  const tracks = new Map<string, Track>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!isEvent(e)) {
      builder.skip(`event ${i} is not an object with a "ph" phase`);
      continue;
    }
    const pid = integer(e.pid);
    const tid = integer(e.tid);
    const key = `${String(e.pid)}\u0000${String(e.tid)}`;
    let track = tracks.get(key);
    if (!track) {
      track = { pid, tid, key, events: [] };
      tracks.set(key, track);
    }
    if (e.ph === 'M') {
      if (e.name === 'thread_name' && typeof e.args?.name === 'string') track.name = e.args.name;
    } else if (e.ph === 'B' || e.ph === 'E') track.events.push(i);
    else builder.skip(`event ${i} has phase ${JSON.stringify(e.ph)}, which is not read`);
  }
  const timeline = new TimelineCollector();
  let begins = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const track of tracks.values()) {
    if (track.events.length === 0) continue;
    const thread = builder.internThread(track.key, threadInfo(track));
    // Chrome traces need not be sorted; py-spy's are per thread. A stable sort keeps an E and
    // a B of the same sample in file order.
    const order = sortedByTime(events, track.events);
    const stackNodes: number[] = [];
    const stackNames: string[] = [];
    let at = Number(events[order[0]].ts);
    timeline.startRun();
    for (let k = 0; k < order.length; k++) {
      if (k % BATCH === BATCH - 1) {
        throwIfAborted(signal);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const i = order[k];
      const e = events[i];
      const ts = e.ts as number;
      if (ts > at) {
        const node = stackNodes.length > 0 ? stackNodes[stackNodes.length - 1] : 0;
        if (stackNodes.length > 0) builder.addWeight(node, ts - at);
        timeline.push(node, at * 1000);
        at = ts;
      }
      first = Math.min(first, ts);
      last = Math.max(last, ts);
      const frameName = typeof e.name === 'string' ? e.name : '';
      if (e.ph === 'B') {
        const parent = stackNodes.length > 0 ? stackNodes[stackNodes.length - 1] : 0;
        const frame = builder.internFrame(toFrame(frameName || '(unnamed)', e.args));
        stackNodes.push(builder.childNode(parent, frame, thread));
        stackNames.push(frameName);
        begins++;
      } else if (stackNodes.length === 0) {
        throw eventError(i, `ends ${JSON.stringify(frameName)} but no frame is open on its thread`);
      } else {
        const open = stackNames[stackNames.length - 1];
        if (frameName !== '' && frameName !== open) {
          throw eventError(
            i,
            `ends ${JSON.stringify(frameName)} but the innermost open frame is ` +
              `${JSON.stringify(open)} (B/E events must nest)`,
          );
        }
        stackNodes.pop();
        stackNames.pop();
      }
    }
    if (stackNodes.length > 0) {
      builder.warn(
        `${stackNodes.length} frame(s) still open at the end of ${threadInfo(track).name}; ` +
          "their time ends at the thread's last event",
      );
    }
  }
  timeline.flush(builder);
  builder.countSamples(begins);
  builder.setTool('py-spy');
  if (Number.isFinite(first)) builder.setTiming(undefined, (last - first) * 1000);
  return builder.build();
}

/** The track's event indices ordered by `ts` (stable); throws on an event without a time. */
function sortedByTime(events: TraceEvent[], indices: number[]): number[] {
  let sorted = true;
  for (let k = 0; k < indices.length; k++) {
    const ts = events[indices[k]].ts;
    if (typeof ts !== 'number' || !Number.isFinite(ts)) {
      throw eventError(indices[k], 'has no numeric "ts" time');
    }
    if (k > 0 && ts < (events[indices[k - 1]].ts as number)) sorted = false;
  }
  if (sorted) return indices;
  return [...indices].sort((a, b) => (events[a].ts as number) - (events[b].ts as number));
}

function eventError(index: number, what: string): ImportError {
  return new ImportError(
    'chrometrace',
    `event ${index} ${what}. The trace is not one py-spy wrote whole; record it again.`,
  );
}

function integer(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}

/** py-spy's frame rules, shared with its speedscope output (process/thread roots, line 0). */
function toFrame(name: string, args: TraceEvent['args']): Frame {
  return speedscopeFrame({ name, file: args?.filename, line: args?.line }, 0, true);
}

/** `Process 3093 Thread 140223222516608 "MainThread"`, as py-spy names speedscope profiles. */
function threadInfo(track: Track): { name: string; pid?: number; tid?: number } {
  // py-spy's thread_name is "<python thread id>: <name>".
  const m = track.name ? /^(\d+): ?(.*)$/.exec(track.name) : null;
  const shownTid = m ? m[1] : track.tid !== undefined ? String(track.tid) : undefined;
  const threadName = m ? m[2] : track.name;
  const parts: string[] = [];
  if (track.pid !== undefined) parts.push(`Process ${track.pid}`);
  if (shownTid !== undefined) parts.push(`Thread ${shownTid}`);
  if (threadName) parts.push(`"${threadName}"`);
  const tid = m ? Number(m[1]) : track.tid;
  return {
    name: parts.join(' ') || 'all',
    pid: track.pid,
    tid: tid !== undefined && Number.isSafeInteger(tid) ? tid : undefined,
  };
}
