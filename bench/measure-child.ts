// Runs ONE measurement in a fresh process so peak RSS belongs to that parser alone.
// Usage: node out/bench/measure-child.js <ours|pprof-format|json-parse> <file>
// Prints one JSON line: { seconds, maxRssMB, detail }.
import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import { importProfileFile } from '../src/core/import';

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  let detail: unknown;
  if (mode === 'ours') {
    const profile = await importProfileFile(file);
    detail = {
      format: profile.meta.format,
      samples: profile.meta.sampleRecords,
      frames: profile.frames.length,
      nodes: profile.nodeCount,
    };
  } else if (mode === 'pprof-format') {
    // The reference the issue names: npm pprof-format's generated decoder.
    const { Profile } = await import('pprof-format');
    let bytes: Uint8Array = readFileSync(file);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const p = Profile.decode(bytes);
    detail = { samples: p.sample.length };
  } else if (mode === 'json-parse') {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    detail = { profiles: doc.profiles.length };
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, maxRssMB, detail }) + '\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
