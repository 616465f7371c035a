import type { ProfileBuilder } from '../../builder';
import type { LocationFrames } from './pprof-frames';
import type { PprofTables } from './pprof-tables';

/** What a label key tells about the thread: its display name or its id. */
export const NOT_THREAD = 0;
export const THREAD_NAME = 1;
export const THREAD_ID = 2;

// Producers disagree on the key: pprof labels `thread`/`thread_id`/`thread_name`, DataDog
// `thread id`/`thread name`, some agents `tid`.
const KEYS: Record<string, number> = {
  thread: THREAD_NAME,
  thread_name: THREAD_NAME,
  'thread name': THREAD_NAME,
  thread_id: THREAD_ID,
  'thread id': THREAD_ID,
  tid: THREAD_ID,
};

/**
 * Maps the thread labels of a sample to a builder thread. Samples without such labels go to
 * one "all" thread, created only if such a sample exists. Lookups use numeric keys so a
 * labelled sample costs no string building.
 */
export class ThreadLabels {
  /** Per string index: NOT_THREAD, THREAD_NAME or THREAD_ID. */
  readonly keyKind: Uint8Array;
  private readonly byStrings = new Map<number, number>();
  private readonly byNumber = new Map<number, number>();
  private readonly byBoth = new Map<string, number>();
  private unlabelled = -1;

  constructor(
    t: PprofTables,
    private readonly frames: LocationFrames,
    private readonly builder: ProfileBuilder,
  ) {
    this.keyKind = new Uint8Array(t.strStart.length);
    const buf = t.reader.buf;
    for (let i = 0; i < t.strStart.length; i++) {
      const len = t.strEnd[i] - t.strStart[i];
      // Only decode short strings that start with 't': the keys above.
      if (len >= 3 && len <= 11 && buf[t.strStart[i]] === 0x74) {
        this.keyKind[i] = KEYS[frames.string(i)] ?? NOT_THREAD;
      }
    }
  }

  /** `name`/`id` are string indices (0 = none); `num` is a numeric id (NaN = none). */
  thread(name: number, id: number, num: number): number {
    if (name === 0 && id === 0 && Number.isNaN(num)) {
      if (this.unlabelled < 0) this.unlabelled = this.builder.internThread('', { name: 'all' });
      return this.unlabelled;
    }
    if (Number.isNaN(num)) {
      return this.lookup(this.byStrings, name * (this.keyKind.length + 1) + id, name, id, num);
    }
    if (name === 0 && id === 0) return this.lookup(this.byNumber, num, name, id, num);
    return this.lookup(this.byBoth, `${name},${id},${num}`, name, id, num);
  }

  private lookup<K>(map: Map<K, number>, key: K, name: number, id: number, num: number): number {
    let thread = map.get(key);
    if (thread === undefined) {
      thread = this.intern(name, id, num);
      map.set(key, thread);
    }
    return thread;
  }

  private intern(name: number, id: number, num: number): number {
    const nameText = name === 0 ? '' : this.frames.string(name);
    const idText = id === 0 ? '' : this.frames.string(id);
    let tid: number | undefined = Number.isInteger(num) ? num : undefined;
    if (tid === undefined && /^\d+$/.test(idText)) tid = Number(idText);
    const shown = nameText || `thread ${idText || String(num)}`;
    return this.builder.internThread(`${nameText}\u0000${idText}\u0000${num}`, {
      name: shown,
      tid,
    });
  }
}
