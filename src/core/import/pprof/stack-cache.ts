const MAX_ENTRIES = 1 << 21;

/**
 * Remembers the leaf node of each distinct (encoded location-id list, thread) pair, so a pprof
 * sample whose stack was seen before costs one hash and one byte comparison instead of a
 * prefix-tree walk. Real profiles repeat stacks a lot (Go CPU profiles: tens of thousands of
 * samples over a few thousand stacks). Keys are byte ranges of the decoded buffer itself, which
 * stays alive for the whole import, so no per-sample copy is made. Equal bytes imply equal
 * location ids; different encodings of the same ids merely miss the cache.
 */
export class StackCache {
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private lengths = new Int32Array(1024);
  private threads = new Int32Array(1024);
  private nodes = new Int32Array(1024);
  private size = 0;
  /** Hash of the last `find` (so `add` does not hash again). */
  private lastHash = 0;

  constructor(private readonly buf: Uint8Array) {}

  /** The leaf node stored for bytes [start, end) on `thread`, or -1. */
  find(start: number, end: number, thread: number): number {
    const buf = this.buf;
    let h = 0x811c9dc5 ^ thread;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    this.lastHash = h;
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] !== h || this.lengths[e] !== len || this.threads[e] !== thread) continue;
      const other = this.starts[e];
      let i = 0;
      while (i < len && buf[start + i] === buf[other + i]) i++;
      if (i === len) return this.nodes[e];
    }
  }

  /** Stores `node` for the key of the last `find` call (which must have missed). */
  add(start: number, end: number, thread: number, node: number): void {
    // Profiles where nearly every stack is new gain nothing from a bigger table; stop growing.
    if (this.size >= MAX_ENTRIES) return;
    const e = this.size++;
    if (e >= this.nodes.length) this.growEntries();
    this.hashes[e] = this.lastHash;
    this.starts[e] = start;
    this.lengths[e] = end - start;
    this.threads[e] = thread;
    this.nodes[e] = node;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(e);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[e] & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.size; e++) this.place(e);
  }

  private growEntries(): void {
    const n = this.nodes.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.hashes = grow(this.hashes, new Int32Array(n));
    this.starts = grow(this.starts, new Float64Array(n));
    this.lengths = grow(this.lengths, new Int32Array(n));
    this.threads = grow(this.threads, new Int32Array(n));
    this.nodes = grow(this.nodes, new Int32Array(n));
  }
}
