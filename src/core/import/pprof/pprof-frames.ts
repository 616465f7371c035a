import type { ProfileBuilder } from '../../builder';
import type { FrameKind } from '../../model';
import { LocationPool } from '../location-pool';
import { IdIndex, type PprofTables } from './pprof-tables';

/**
 * Turns pprof Locations into builder frames, lazily (only locations some sample uses become
 * frames) and once per location. A Location with N `line` entries expands to N frames,
 * innermost first: `line[0]` is the innermost inlined function and the last entry is the real
 * function the address belongs to (profile.proto), so all but the last are marked `inlined`.
 */
export class LocationFrames extends LocationPool {
  readonly locations: IdIndex;
  private readonly functions: IdIndex;
  private readonly mappings: IdIndex;
  private readonly text: Buffer;
  private readonly strings: (string | undefined)[];
  private badString = false;

  constructor(
    private readonly t: PprofTables,
    private readonly builder: ProfileBuilder,
  ) {
    super(t.locId.length);
    const buf = t.reader.buf;
    this.text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.strings = new Array<string | undefined>(t.strStart.length);
    this.locations = new IdIndex(t.locId);
    this.functions = new IdIndex(t.fnId);
    this.mappings = new IdIndex(t.mapId);
  }

  /** Strings are decoded leniently (invalid UTF-8 becomes U+FFFD) and only when used. */
  string(index: number): string {
    let s = this.strings[index];
    if (s === undefined) {
      if (index >= this.t.strStart.length) {
        if (!this.badString) this.builder.warn(`string index ${index} is out of range`);
        this.badString = true;
        return '';
      }
      s = this.text.toString('utf8', this.t.strStart[index], this.t.strEnd[index]);
      this.strings[index] = s;
    }
    return s;
  }

  /** Interns the frames of location index `loc` (if not done yet). */
  intern(loc: number): void {
    if (this.start[loc] >= 0) return;
    const t = this.t;
    const mapIndex = this.mappings.get(t.locMapping[loc]);
    const module = mapIndex >= 0 ? this.string(t.mapFile[mapIndex]) || undefined : undefined;
    const kernel = module !== undefined && module.startsWith('[kernel');
    const address = `0x${t.locAddress[loc]}`;
    const first = t.locLineStart[loc];
    const last = t.locLineStart[loc + 1];
    const ids: number[] = [];
    if (first === last) {
      // Unsymbolized (Parca agent, native profiles): only an address in a mapping.
      const name = module === undefined ? address : `${address} (${module})`;
      ids.push(this.builder.internFrame({ name, module, kind: kernel ? 'kernel' : 'native' }));
    }
    for (let l = first; l < last; l++) {
      const fn = this.functions.get(t.lineFunction[l]);
      const name =
        fn < 0 ? address : this.string(t.fnName[fn]) || this.string(t.fnSystemName[fn]) || address;
      const file = fn < 0 ? undefined : this.string(t.fnFile[fn]) || undefined;
      const line = t.lineLine[l];
      const col = t.lineColumn[l];
      const kind: FrameKind = kernel ? 'kernel' : file?.endsWith('.py') ? 'python' : 'native';
      ids.push(
        this.builder.internFrame({
          name,
          file,
          line: line > 0 && line < 2 ** 31 ? line : undefined,
          col: col > 0 && col < 2 ** 31 ? col : undefined,
          module,
          kind,
          inlined: l < last - 1 ? true : undefined,
        }),
      );
    }
    this.store(loc, ids);
  }
}
