import assert from 'node:assert/strict';
import { Profile as PprofProfile, StringTable } from 'pprof-format';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { importProfile } from '../../src/core/import/index';
import { bytesSource } from '../../src/core/source';

// Wire-level cases for the hand-written protobuf reader (src/core/import/pprof/protobuf-reader.ts):
// varints of every length, negative int64, large ids, and repeated fields split over entries.

describe('pprof importer: int64 values and uint64 ids at the edges', () => {
  // Every varint length from 1 to 10 bytes, negative values (delta profiles), and ids above
  // 2^32; pprof-format encodes them, BigInt says what each must read back as.
  const edges = '0 1 127 128 300 2147483648 4294967301 9007199254740991 -1 -128 -1099511627776';
  const values = [...edges.split(' ').map(BigInt), 2n ** 63n - 1n, -(2n ** 63n)];
  it('reads each value exactly as BigInt.asIntN(64) rounded to a double', async () => {
    const st = new StringTable();
    const ids = values.map((_, i) => 2n ** 33n + BigInt(i));
    const encoded = new PprofProfile({
      sampleType: [{ type: st.dedup('delta'), unit: st.dedup('count') }],
      function: ids.map((id, i) => ({ id, name: st.dedup(`f${i}`) })),
      location: ids.map((id) => ({ id, line: [{ functionId: id, line: 1 }] })),
      sample: ids.map((id, i) => ({ locationId: [id], value: [values[i]] })),
      stringTable: st,
    }).encode();
    const p = await importProfile(bytesSource('edges.pb', encoded));
    const got = [...Array(p.nodeCount).keys()]
      .filter((n) => n > 0)
      .map((n) => [p.frames[p.nodeFrame[n]].name, p.nodeSelf[0][n]]);
    assert.deepEqual(
      got,
      values.map((v, i) => [`f${i}`, Number(BigInt.asIntN(64, v))]),
    );
  });
});

describe('pprof importer: hand-encoded repeated fields', () => {
  // protobuf: a repeated field may arrive split over several packed and unpacked entries, all
  // to be concatenated; the sample below lists its leaf-first locations 1, 2, 3 that way.
  const len = (field: number, bytes: number[]): number[] => [
    (field << 3) | 2,
    bytes.length,
    ...bytes,
  ];
  const str = (text: string): number[] => len(6, [...Buffer.from(text)]);
  const profile = Buffer.from([
    ...['', 'samples', 'count', 'a', 'b', 'c'].flatMap(str),
    ...len(1, [0x08, 1, 0x10, 2]),
    ...[1, 2, 3].flatMap((id) => len(5, [0x08, id, 0x10, id + 2])),
    ...[1, 2, 3].flatMap((id) => len(4, [0x08, id, ...len(4, [0x08, id])])),
    ...len(2, [...len(1, [1]), 0x08, 2, ...len(1, [3]), 0x10, 7]),
    ...len(2, [...len(1, [1, 2, 3]), ...len(2, [5])]),
  ]);

  it('concatenates split location lists and reads packed and unpacked values', async () => {
    const p = await importProfile(bytesSource('split.pb', profile));
    assert.equal(toCollapsed(p), 'c;b;a 12\n');
    assert.equal(p.meta.sampleRecords, 2);
  });
});
