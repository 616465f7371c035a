import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ImportCancelled } from '../../src/core/errors';
import { bytesSource, fileSource } from '../../src/core/source';
import { forEachLine, readLines } from '../../src/core/text/lines';
import { chunkedSource, PROFILES } from './text-import-support';

async function linesOf(source: Parameters<typeof forEachLine>[0]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  await forEachLine(source, {}, (line, lineNo) => out.push([lineNo, line]));
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('line reader', () => {
  it('splits LF and CRLF lines, keeps empty lines and numbers them from 1', async () => {
    const lines = await linesOf(bytesSource('x.txt', utf8('a b 1\r\n\nc;d 2\n')));
    assert.deepEqual(lines, [
      [1, 'a b 1'],
      [2, ''],
      [3, 'c;d 2'],
    ]);
  });

  it('returns a last line that has no newline', async () => {
    const lines = await linesOf(bytesSource('x.txt', utf8('first\nlast\r')));
    assert.deepEqual(lines, [
      [1, 'first'],
      [2, 'last'],
    ]);
  });

  it('joins lines and multi-byte characters cut by chunk boundaries', async () => {
    const text = 'ünïcode;frame 1\r\n😀;b 22\nshort\n' + 'x'.repeat(5000) + ' 3';
    const bytes = utf8(text);
    const expected = text.split('\n').map((l) => l.replace(/\r$/, ''));
    for (const size of [1, 2, 3, 7, 4096]) {
      const lines = await linesOf(chunkedSource('x.txt', bytes, size));
      assert.deepEqual(
        lines.map(([, l]) => l),
        expected,
        `chunk size ${size}`,
      );
    }
  });

  it('decodes UTF-16 LE and BE by their byte-order mark (speedscope test data)', async () => {
    const plain = await linesOf(
      await fileSource(join(PROFILES, 'collapsed/speedscope-simple.txt')),
    );
    for (const name of ['speedscope-simple-utf16-le.txt', 'speedscope-simple-utf16-be.txt']) {
      const bytes = readFileSync(join(PROFILES, 'collapsed', name));
      for (const size of [1, 3, 1 << 20]) {
        assert.deepEqual(await linesOf(chunkedSource(name, bytes, size)), plain, `${name}/${size}`);
      }
    }
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a;b 1\n')]);
    assert.deepEqual(await linesOf(chunkedSource('bom.txt', bytes, 2)), [[1, 'a;b 1']]);
  });

  it('reads inputs shorter than a byte-order mark', async () => {
    assert.deepEqual(await linesOf(bytesSource('x.txt', utf8('7'))), [[1, '7']]);
    assert.deepEqual(await linesOf(bytesSource('x.txt', new Uint8Array())), []);
  });

  it('reports progress per chunk up to the full size', async () => {
    const bytes = utf8('a;b 1\n'.repeat(100));
    const seen: [number, number | undefined][] = [];
    await forEachLine(
      chunkedSource('x.txt', bytes, 64),
      { onProgress: (r, t) => seen.push([r, t]) },
      () => {},
    );
    assert.equal(seen.length, Math.ceil(bytes.length / 64));
    assert.deepEqual(seen[seen.length - 1], [bytes.length, bytes.length]);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0]);
  });

  it('stops with ImportCancelled when the signal fires, even if the source ignores it', async () => {
    const bytes = utf8('a;b 1\n'.repeat(1000));
    const controller = new AbortController();
    let linesSeen = 0;
    await assert.rejects(
      forEachLine(
        chunkedSource('x.txt', bytes, 100),
        { signal: controller.signal, onProgress: () => controller.abort() },
        () => linesSeen++,
      ),
      ImportCancelled,
    );
    assert.ok(linesSeen < 1000, `read ${linesSeen} lines after the abort`);
  });

  it('offers the same lines as an async iterable', async () => {
    const source = await fileSource(join(PROFILES, 'collapsed/speedscope-simple-crlf.txt'));
    const lines: string[] = [];
    for await (const line of readLines(source)) lines.push(line);
    assert.deepEqual(
      lines,
      (await linesOf(source)).map(([, l]) => l),
    );
    assert.deepEqual(lines, ['a;b;c 1', 'a;b;c 1', 'a;b;d 4', 'a;b;c 3', 'a;b 5']);
  });
});
