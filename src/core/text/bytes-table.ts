/**
 * A hash table keyed by byte strings (a line or a frame's text as it sits in the file's chunk),
 * so a text importer can find what it already parsed without decoding the bytes first. Keys
 * are copied into one arena; a hit is a hash plus a byte comparison and allocates nothing.
 */
export class BytesTable<V> {
  private slots = new Int32Array(1024).fill(-1);
  private hashes: Int32Array = new Int32Array(256);
  private offsets: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private arena = new Uint8Array(16 * 1024);
  private arenaLength = 0;
  private readonly values: V[] = [];

  get size(): number {
    return this.values.length;
  }

  get(bytes: Uint8Array, start: number, end: number): V | undefined {
    const e = this.find(bytes, start, end);
    return e < 0 ? undefined : this.values[e];
  }

  /** The entry index of a key (0, 1, … in insertion order), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s];
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.lengths[e] === length && this.equals(e, bytes, start)) {
        return e;
      }
    }
  }

  /** True when entry `e`'s key is `bytes[start, end)`: checks a guessed entry without hashing. */
  matches(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    return this.lengths[e] === end - start && this.equals(e, bytes, start);
  }

  value(e: number): V {
    return this.values[e];
  }

  /** Adds a key that `get` just did not find (the caller's miss path). */
  set(bytes: Uint8Array, start: number, end: number, value: V): void {
    const h = hashBytes(bytes, start, end);
    const e = this.values.length;
    if (e === this.hashes.length) this.growEntries();
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      grown.set(this.arena.subarray(0, this.arenaLength));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    this.hashes[e] = h;
    this.offsets[e] = this.arenaLength;
    this.lengths[e] = length;
    this.arenaLength += length;
    this.values.push(value);
    if ((e + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(e);
  }

  private equals(e: number, bytes: Uint8Array, start: number): boolean {
    const arena = this.arena;
    const offset = this.offsets[e];
    // From the end: in perf lines and frame texts the differences are mostly at the tail
    // (same indent and address width, different symbol and dso).
    for (let i = this.lengths[e] - 1; i >= 0; i--) {
      if (arena[offset + i] !== bytes[start + i]) return false;
    }
    return true;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[e] & mask;
    while (this.slots[s] >= 0) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let e = 0; e < this.values.length; e++) this.place(e);
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.hashes = grow(this.hashes);
    this.offsets = grow(this.offsets);
    this.lengths = grow(this.lengths);
  }
}

/**
 * FNV-1a over the length, the first 32 and the last 16 bytes: enough to tell apart the keys
 * these tables hold (addresses lead a perf line, symbol and dso end it), and a long key costs no
 * more than a short one. Equal keys always hash alike; the comparison in `get` decides.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 16777619);
  // Two bytes per multiply: half the work of byte-wise FNV, and the table compares keys anyway.
  if (end - start <= 48) {
    let i = start;
    for (; i + 1 < end; i += 2) h = Math.imul(h ^ (bytes[i] | (bytes[i + 1] << 8)), 16777619);
    if (i < end) h = Math.imul(h ^ bytes[i], 16777619);
  } else {
    for (let i = start; i < start + 32; i += 2) {
      h = Math.imul(h ^ (bytes[i] | (bytes[i + 1] << 8)), 16777619);
    }
    for (let i = end - 16; i < end; i += 2) {
      h = Math.imul(h ^ (bytes[i] | (bytes[i + 1] << 8)), 16777619);
    }
  }
  return h ^ (h >>> 15);
}
