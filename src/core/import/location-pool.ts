/**
 * The frames of each location of a pprof or OTLP profile, interned once and kept in one flat
 * Int32Array: frames of location i are pool[start[i] .. start[i] + count[i]), start -1 = not
 * interned yet. The importers' hot loops read the three arrays directly.
 */
export abstract class LocationPool {
  readonly start: Int32Array;
  readonly count: Int32Array;
  pool = new Int32Array(1024);
  private poolLength = 0;

  constructor(locations: number) {
    this.start = new Int32Array(locations).fill(-1);
    this.count = new Int32Array(locations);
  }

  /** Records the frame ids of location `loc`, growing the pool by doubling. */
  protected store(loc: number, ids: readonly number[]): void {
    if (this.poolLength + ids.length > this.pool.length) {
      const grown = new Int32Array(Math.max(this.pool.length * 2, this.poolLength + ids.length));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.start[loc] = this.poolLength;
    this.count[loc] = ids.length;
    this.pool.set(ids, this.poolLength);
    this.poolLength += ids.length;
  }
}
