import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { collapsedImporter } from '../../src/core/import/collapsed';
import type { Importer } from '../../src/core/import/importer';
import { perfScriptImporter } from '../../src/core/import/perf-script';
import { pySpyRawImporter } from '../../src/core/import/py-spy-raw';
import type { Profile } from '../../src/core/model';
import { decodeHead } from '../../src/core/source';
import { chunkedSource, fixturesIn, PROFILES } from './text-import-support';

// The byte path (UTF-8 input) and the text path (the same text as UTF-16, which is decoded
// line by line as before) are two independent readers: every profile must come out identical,
// node numbering, timeline, skipped lines and warnings included (docs/DESIGN.md, "Text import
// by bytes").

function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The whole profile as comparable JSON: typed arrays as plain arrays. */
function dump(p: Profile | null): string {
  return JSON.stringify(p, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v,
  );
}

async function both(importer: Importer, name: string, bytes: Buffer, chunk: number) {
  const text = decodeHead(bytes);
  const viaBytes = await importer.importProfile(chunkedSource(name, bytes, chunk), {});
  const viaText = await importer.importProfile(chunkedSource(name, utf16(text), chunk * 2), {});
  return { viaBytes, viaText };
}

async function assertSame(
  importer: Importer,
  name: string,
  bytes: Buffer,
): Promise<Profile | null> {
  // 7-byte chunks put chunk ends inside lines, CRLFs and characters; 1 MiB is the file reader's.
  for (const chunk of [7, 1 << 20]) {
    const { viaBytes, viaText } = await both(importer, name, bytes, chunk);
    assert.equal(dump(viaBytes), dump(viaText), `${name} in ${chunk}-byte chunks`);
    if (viaBytes) assert.equal(toCollapsed(viaBytes), toCollapsed(viaText!));
  }
  return (await both(importer, name, bytes, 1 << 20)).viaBytes;
}

const CASES: [string, Importer][] = [
  ['perf-script', perfScriptImporter],
  ['perf-own', perfScriptImporter],
  ['collapsed', collapsedImporter],
  ['pyspy-own', pySpyRawImporter],
];

describe('text import by bytes equals import by decoded lines', () => {
  for (const [folder, importer] of CASES) {
    for (const rel of fixturesIn(folder)) {
      if (folder === 'pyspy-own' && !rel.endsWith('.raw.txt')) continue;
      it(`${rel}`, async () => {
        await assertSame(importer, rel.split('/').pop()!, readFileSync(join(PROFILES, rel)));
      });
    }
  }

  it('a 3 MB perf file with CRLF, broken UTF-8, a BOM, non-ASCII comms and changing headers', async () => {
    const parts = fixturesIn('perf-own')
      .concat(fixturesIn('perf-script'))
      .filter((rel) => rel.endsWith('.txt') && !rel.includes('expected'))
      .map((rel) => readFileSync(join(PROFILES, rel), 'utf8').replace(/\s*$/, '\n\n'));
    let text = '';
    for (let copy = 0; text.length < 3e6; copy++) {
      for (const part of parts) {
        // Per copy: another cpu, a wider time, a renamed comm; every third copy CRLF.
        let p = part.replace(
          /\[(\d{3})\]/g,
          (_m, cpu: string) => `[${String((Number(cpu) + copy) % 1000).padStart(3, '0')}]`,
        );
        if (copy % 4 === 1)
          p = p.replace(/ (\d+)\.(\d{6}):/g, (_m, s: string, f: string) => ` 1${s}.${f}:`);
        if (copy % 5 === 2) p = p.replace(/^hot /gm, 'hôt ');
        if (copy % 3 === 0) p = p.replace(/\n/g, '\r\n');
        text += p;
      }
    }
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      // A broken sequence inside a symbol: both readers must see U+FFFD there.
      Buffer.from(text.replace('mix+0x14', 'mi\u0000x+0x14'), 'utf8'),
    ]);
    bytes[bytes.indexOf(0)] = 0xe2;
    const profile = await assertSame(perfScriptImporter, 'big.perf.txt', bytes);
    assert.ok(profile && profile.meta.sampleRecords > 10000, 'the file has many samples');
    assert.ok(
      profile.frames.some((f) => f.name.includes('\ufffd')),
      'the broken symbol is U+FFFD',
    );
  });

  it('folded stacks with shared prefixes, empty frames, fractions and broken lines in 1 MB chunks', async () => {
    const parts = fixturesIn('collapsed')
      .filter((rel) => !rel.includes('utf16'))
      .map((rel) => readFileSync(join(PROFILES, rel), 'utf8').replace(/\n?$/, '\n'));
    let text = '';
    for (let copy = 0; text.length < 3e6; copy++) {
      for (const part of parts) {
        let p = part;
        // Prefixes that end inside a frame (`main` vs `mainloop`), `;;`, and a fractional count.
        if (copy % 2 === 1) p = p.replace(/^([^;\n]+);/gm, '$1loop;;');
        if (copy % 3 === 1) p = p.replace(/ (\d+)$/gm, ' $1.5');
        if (copy % 4 === 3) p = p.replace(/\n/g, '\r\n');
        text += p;
      }
    }
    const profile = await assertSame(collapsedImporter, 'big.folded', Buffer.from(text, 'utf8'));
    assert.ok(profile && profile.meta.sampleRecords > 0);
  });
});
