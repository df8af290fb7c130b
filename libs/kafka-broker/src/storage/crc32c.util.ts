/**
 * CRC-32C (Castagnoli), as used by RecordBatch v2. Uses the SIMD/SSE4.2 implementation of
 * `@node-rs/crc32` (prebuilt binaries shipped in registry packages) and falls back to a
 * slice-by-8 table implementation where no binary matches the platform.
 */
type Crc32cFn = (data: Buffer) => number;

const POLY = 0x82f63b78;

function buildTables(): Uint32Array[] {
  const tables: Uint32Array[] = [];
  const t0 = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[i] = c >>> 0;
  }
  tables.push(t0);
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1];
    const cur = new Uint32Array(256);
    for (let i = 0; i < 256; i++) cur[i] = (prev[i] >>> 8) ^ t0[prev[i] & 0xff];
    tables.push(cur);
  }
  return tables;
}

let tables: Uint32Array[] | undefined;

/** Table-driven CRC-32C (slice-by-8). Exported for tests and as the fallback. */
export function crc32cJs(data: Buffer): number {
  tables ??= buildTables();
  const [t0, t1, t2, t3, t4, t5, t6, t7] = tables;
  let crc = 0xffffffff;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  while (i < end8) {
    const a = (crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
    crc =
      t7[a & 0xff] ^
      t6[(a >>> 8) & 0xff] ^
      t5[(a >>> 16) & 0xff] ^
      t4[a >>> 24] ^
      t3[data[i + 4]] ^
      t2[data[i + 5]] ^
      t1[data[i + 6]] ^
      t0[data[i + 7]];
    i += 8;
  }
  while (i < n) crc = t0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function loadNative(): Crc32cFn | undefined {
  try {
    const mod = require('@node-rs/crc32') as { crc32c: (input: Buffer, initial?: number) => number };
    if (mod.crc32c(Buffer.from('123456789')) >>> 0 === 0xe3069283) {
      return (data) => mod.crc32c(data) >>> 0;
    }
  } catch {
    // no prebuilt binary for this platform: use the table implementation
  }
  return undefined;
}

/** CRC-32C of `data` as an unsigned 32-bit integer. */
export const crc32c: Crc32cFn = loadNative() ?? crc32cJs;
