// Draws media/icon.png (128x128, the Marketplace icon): a small flamegraph under a lens on a
// dark rounded square. No image library: shapes are sampled 4x4 per pixel for anti-aliasing and
// the PNG is written with zlib. Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const out = process.argv[2] ?? new URL('../media/icon.png', import.meta.url).pathname;

// Flamegraph bars, bottom row first: [x0, x1, row, colour]. Rows are 14 px tall.
const bars = [
  [18, 110, 0, [0xd9, 0x3a, 0x1e]],
  [18, 76, 1, [0xe8, 0x55, 0x1c]],
  [78, 110, 1, [0xf0, 0x8a, 0x24]],
  [18, 60, 2, [0xf5, 0x6e, 0x1f]],
  [62, 76, 2, [0xf7, 0xb2, 0x3b]],
  [26, 56, 3, [0xfa, 0x96, 0x2a]],
  [30, 46, 4, [0xfc, 0xc8, 0x4a]],
];
const BASE = 104;
const ROW = 14;

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour of one sub-sample, or undefined outside the icon. */
function shade(x, y) {
  if (!inRoundRect(x, y, 0, 0, SIZE, SIZE, 22)) return undefined;
  let c = [0x1f, 0x23, 0x2b];
  for (const [x0, x1, row, col] of bars) {
    const y1 = BASE - row * ROW;
    if (inRoundRect(x, y, x0, y1 - ROW + 1.5, x1, y1, 2.5)) c = col;
  }
  // The lens: a ring over the hot stack and a handle towards the lower right.
  const d = Math.hypot(x - 66, y - 52);
  if (d >= 22 && d <= 29) c = [0xee, 0xf1, 0xf5];
  else if (d < 22) c = c.map((v) => Math.min(255, Math.round(v * 1.15 + 18)));
  const t = ((x - 86) * 1 + (y - 72) * 1) / 2;
  const perp = Math.abs(x - 86 - (y - 72)) / Math.SQRT2;
  if (t >= 0 && t <= 22 && perp <= 6) c = [0xee, 0xf1, 0xf5];
  return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        acc[0] += c[0];
        acc[1] += c[1];
        acc[2] += c[2];
        acc[3] += 1;
      }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    const n = acc[3] || 1;
    raw[o] = Math.round(acc[0] / n);
    raw[o + 1] = Math.round(acc[1] / n);
    raw[o + 2] = Math.round(acc[2] / n);
    raw[o + 3] = Math.round((acc[3] / (SS * SS)) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
