import type { ProfileBuilder } from '../../builder';
import type { FrameKind } from '../../model';
import { LocationPool } from '../location-pool';
import type { OtlpDictionary } from './otlp-tables';

/** The eBPF profiler's location attribute naming the unwinder that produced a frame. */
export const FRAME_TYPE_KEY = 'profile.frame.type';

// Values of `profile.frame.type` (OpenTelemetry semantic conventions, profile attributes).
// Compiled code is native; CPython frames are Python source; other interpreters and JITs
// (jvm, v8js, php, ruby, perl, dotnet, beam, luajit) are real source frames of another
// language, so they are neither "python" nor machine code.
const KIND_BY_FRAME_TYPE: Record<string, FrameKind> = {
  native: 'native',
  go: 'native',
  rust: 'native',
  kernel: 'kernel',
  cpython: 'python',
};

/**
 * Turns dictionary Locations into builder frames, once per location and only for locations some
 * sample uses. Like pprof, a Location with N lines is N frames, innermost first (all but the
 * last inlined), and one without lines is its address in its mapping: `0x7f3a1012abcd (libc.so.6)`.
 */
export class OtlpFrames extends LocationPool {
  constructor(
    private readonly d: OtlpDictionary,
    private readonly builder: ProfileBuilder,
    /** Throws the ImportError for a broken reference (the caller knows the sample's offset). */
    private readonly broken: (reason: string) => never,
  ) {
    super(d.locMapping.length);
  }

  get locationCount(): number {
    return this.start.length;
  }

  /** Interns the frames of location `loc` (if not done yet). `loc` must be in range. */
  intern(loc: number): void {
    if (this.start[loc] >= 0) return;
    const d = this.d;
    const s = d.strings;
    const mapping = d.locMapping[loc];
    if (mapping >= d.mapFile.length && mapping !== 0) {
      this.broken(
        `location ${loc} refers to mapping ${mapping}, but mapping_table has ${d.mapFile.length} entries`,
      );
    }
    const module = mapping > 0 ? s.get(d.mapFile[mapping]) || undefined : undefined;
    const frameType = this.frameType(loc);
    const kernelModule = module !== undefined && module.startsWith('[kernel');
    const typed = frameType === undefined ? undefined : (KIND_BY_FRAME_TYPE[frameType] ?? 'other');
    const address = `0x${d.locAddress[loc]}`;
    const first = d.locLineStart[loc];
    const last = d.locLineStart[loc + 1];
    const ids: number[] = [];
    if (first === last) {
      // Unsymbolized (the eBPF profiler symbolizes native frames later, or never).
      const name = module === undefined ? address : `${address} (${module})`;
      const kind: FrameKind = typed ?? (kernelModule ? 'kernel' : 'native');
      ids.push(this.builder.internFrame({ name, module, kind }));
    }
    for (let l = first; l < last; l++) {
      const fn = d.lineFunction[l];
      if (fn >= d.fnName.length && fn !== 0) {
        this.broken(
          `location ${loc} refers to function ${fn}, but function_table has ${d.fnName.length} entries`,
        );
      }
      const known = fn > 0 && fn < d.fnName.length;
      const name = (known && (s.get(d.fnName[fn]) || s.get(d.fnSystemName[fn]))) || address;
      const file = (known && s.get(d.fnFile[fn])) || undefined;
      const line = d.lineLine[l];
      const col = d.lineColumn[l];
      const kind: FrameKind =
        typed ?? (kernelModule ? 'kernel' : file?.endsWith('.py') ? 'python' : 'native');
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

  private frameType(loc: number): string | undefined {
    const d = this.d;
    for (let a = d.locAttrStart[loc]; a < d.locAttrStart[loc + 1]; a++) {
      const attr = d.locAttrs[a];
      if (attr < d.attrKey.length && d.strings.get(d.attrKey[attr]) === FRAME_TYPE_KEY) {
        return d.attrValue[attr];
      }
    }
    return undefined;
  }
}
