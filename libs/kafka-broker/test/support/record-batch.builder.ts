import * as zlib from 'node:zlib';

// kafkajs's own CRC-32C: independent of the broker's implementation.
const crc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;

export interface TestRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, string>;
  timestampDelta?: number;
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function varint(n: number): Buffer {
  let v = zigzag(n);
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

function bytesField(b: Buffer | string | null | undefined): Buffer {
  if (b === null || b === undefined) return varint(-1);
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([varint(buf.length), buf]);
}

export interface BatchOptions {
  baseOffset?: number;
  baseTimestamp?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  /** Overrides (to build inconsistent batches whose CRC is nevertheless right). */
  recordCount?: number;
  lastOffsetDelta?: number;
  offsetDeltas?: number[];
  attributes?: number;
  /** Replaces the encoded records section. */
  rawRecords?: Buffer;
  gzip?: boolean;
}

/**
 * Builds a RecordBatch v2 (uncompressed, or gzip) with a correct CRC-32C, independently of the
 * broker's codec. The overrides build batches that are consistent for the CRC but not inside.
 */
export function buildRecordBatch(records: TestRecord[], opts: BatchOptions = {}): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? Date.now();
  const encoded = records.map((r, i) => {
    const headers = Object.entries(r.headers ?? {});
    const body = Buffer.concat([
      Buffer.from([0]),
      varint(r.timestampDelta ?? 0),
      varint(opts.offsetDeltas?.[i] ?? i),
      bytesField(r.key),
      bytesField(r.value),
      varint(headers.length),
      ...headers.flatMap(([k, v]) => [bytesField(k), bytesField(v)]),
    ]);
    return Buffer.concat([varint(body.length), body]);
  });
  let recordsBuf = opts.rawRecords ?? Buffer.concat(encoded);
  if (opts.gzip) recordsBuf = zlib.gzipSync(recordsBuf);
  const maxDelta = Math.max(0, ...records.map((r) => r.timestampDelta ?? 0));
  const batch = Buffer.alloc(61 + recordsBuf.length);
  batch.writeBigInt64BE(BigInt(opts.baseOffset ?? 0), 0);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt32BE(0, 12);
  batch.writeInt8(2, 16);
  batch.writeInt16BE((opts.attributes ?? 0) | (opts.gzip ? 1 : 0), 21);
  batch.writeInt32BE(opts.lastOffsetDelta ?? records.length - 1, 23);
  batch.writeBigInt64BE(BigInt(baseTimestamp), 27);
  batch.writeBigInt64BE(BigInt(baseTimestamp + maxDelta), 35);
  batch.writeBigInt64BE(BigInt(opts.producerId ?? -1), 43);
  batch.writeInt16BE(opts.producerEpoch ?? -1, 51);
  batch.writeInt32BE(opts.baseSequence ?? -1, 53);
  batch.writeInt32BE(opts.recordCount ?? records.length, 57);
  recordsBuf.copy(batch, 61);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
