// fast-check arbitraries for fuzz inputs: a seed fixture with 1-4 stacked mutations, or raw
// random bytes, under a file name that may or may not match the content.
import fc from 'fast-check';
import { applyMutation, type Mutation } from './mutations';
import type { Seed } from './seeds';

export interface FuzzCase {
  /** Index into the seed list, or -1 for random bytes. */
  readonly seed: number;
  readonly mutations: readonly Mutation[];
  readonly random?: Uint8Array | readonly number[];
  /** File name given to the importer; null keeps the seed's own. */
  readonly name: string | null;
}

const pos = fc.nat();

// Lines a parser might trip on: extreme numbers, separators only, half-headers of each format.
const trickyLine = fc.constantFrom(
  '',
  ' ',
  ';',
  ';;; 5',
  'a;b -3',
  'a;b NaN',
  'a;b 1e400',
  'a;b 99999999999999999999999',
  'x 0',
  '\t',
  '\r',
  '{',
  '[]',
  '# austin: 3',
  'cmd 123 [000] 1.000: 1 cycles:',
  'cmd 123/456 99999999999.999999: 4294967296 cpu-clock: ',
  '\t ffffffffffffffff [unknown] ([unknown])',
  '\t 0 f+0x1 (/lib.so)',
  'Thread 0x1 (idle): "MainThread"',
  'f (a.py:0);g (b.py:-1) 1',
  'f (a.py:99999999999) 1',
  '\u0000\u0001\u0002',
  '\ufeff',
  '\ud800',
);

const garbageLine = fc.oneof(
  { weight: 3, arbitrary: trickyLine },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

const extremeNumber = fc.constantFrom(
  '0',
  '-1',
  '-0',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '99999999999999999999',
  '1e308',
  '1e400',
  'NaN',
  '0x10',
  '',
);

const jsonValue = fc.constantFrom<unknown>(
  null,
  -1,
  0,
  1e308,
  2 ** 31,
  'x',
  '',
  true,
  [],
  {},
  [-1],
  [1e9],
  { type: 'O', frame: -5, at: -1 },
);

const base: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constant('truncate' as const), pos),
  fc.tuple(
    fc.constant('flip' as const),
    fc.array(fc.tuple(pos, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
  ),
  fc.tuple(
    fc.constant('setByte' as const),
    pos,
    fc.constantFrom(0, 0x0a, 0x20, 0x3b, 0x7f, 0x80, 0xff),
  ),
  fc.tuple(
    fc.constant('swapLines' as const),
    fc.array(fc.tuple(pos, pos), { minLength: 1, maxLength: 6 }),
  ),
  fc.tuple(fc.constant('dupLine' as const), pos, fc.integer({ min: 1, max: 50 })),
  fc.tuple(fc.constant('deleteLines' as const), fc.array(pos, { minLength: 1, maxLength: 6 })),
  fc.tuple(fc.constant('insertLine' as const), pos, garbageLine),
  fc.tuple(fc.constant('number' as const), pos, extremeNumber),
  fc.tuple(fc.constant('jsonValue' as const), pos, jsonValue),
);

const wrapper: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(
    fc.constant('utf16' as const),
    fc.constantFrom('le' as const, 'be' as const),
    fc.boolean(),
  ),
  fc.constant(['gzip'] as const),
  fc.constant(['gunzip'] as const),
  fc.tuple(fc.constant('inner' as const), fc.array(base, { minLength: 1, maxLength: 3 })),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: base },
  { weight: 1, arbitrary: wrapper },
);

const fileName = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'profile.txt',
      'p.folded',
      'p.collapsed',
      'p.raw.txt',
      'p.perf.txt',
      'p.perf',
      'p.speedscope.json',
      'p.json',
      'p.pb.gz',
      'p.pprof',
      'p.prof',
      'noext',
      'p.bin',
    ),
  },
);

/**
 * Cases for one target: three in four start from the target's own fixtures (`preferred`),
 * the rest from any fixture or random bytes.
 */
export function fuzzCase(seedCount: number, preferred: readonly number[]): fc.Arbitrary<FuzzCase> {
  const anySeed = fc.integer({ min: 0, max: seedCount - 1 });
  const ownSeed = preferred.length > 0 ? fc.constantFrom(...preferred) : anySeed;
  const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });
  const mutated = (seed: fc.Arbitrary<number>): fc.Arbitrary<FuzzCase> =>
    fc.record({
      seed,
      // One in three mutates inside the gzip wrapper, so pprof corruption reaches the decoder.
      mutations: fc.oneof(
        { weight: 2, arbitrary: mutations },
        { weight: 1, arbitrary: mutations.map((ms): Mutation[] => [['inner', ms]]) },
      ),
      name: fileName,
    });
  const random = fc.record({
    seed: fc.constant(-1),
    mutations: fc.constant([] as Mutation[]),
    random: fc.uint8Array({ maxLength: 4096 }),
    name: fileName,
  });
  return fc.oneof(
    { weight: 12, arbitrary: mutated(ownSeed) },
    { weight: 3, arbitrary: mutated(anySeed) },
    { weight: 1, arbitrary: random },
  );
}

/** The case with plain arrays instead of typed arrays, for JSON and IPC. */
export function portable(c: FuzzCase): FuzzCase {
  return c.random ? { ...c, random: Array.from(c.random) } : c;
}

export function materialise(c: FuzzCase, seeds: readonly Seed[]): { name: string; bytes: Buffer } {
  if (c.seed < 0) return { name: c.name ?? 'random.bin', bytes: Buffer.from(c.random ?? []) };
  const seed = seeds[c.seed];
  return { name: c.name ?? seed.name, bytes: c.mutations.reduce(applyMutation, seed.bytes) };
}
