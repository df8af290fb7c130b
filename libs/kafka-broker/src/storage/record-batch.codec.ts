import { crc32c } from './crc32c.util';

/**
 * RecordBatch v2 header layout (byte offsets). The broker never decodes records on the produce
 * path: it verifies the CRC, rewrites `baseOffset` (outside the CRC range) and stores the bytes.
 */
export const BATCH = {
  BASE_OFFSET: 0,
  LENGTH: 8,
  PARTITION_LEADER_EPOCH: 12,
  MAGIC: 16,
  CRC: 17,
  ATTRIBUTES: 21,
  LAST_OFFSET_DELTA: 23,
  BASE_TIMESTAMP: 27,
  MAX_TIMESTAMP: 35,
  PRODUCER_ID: 43,
  PRODUCER_EPOCH: 51,
  BASE_SEQUENCE: 53,
  RECORD_COUNT: 57,
  HEADER_SIZE: 61,
  /** baseOffset + batchLength: the part not counted in batchLength. */
  LOG_OVERHEAD: 12,
} as const;

export interface BatchHeader {
  baseOffset: number;
  /** Total bytes of the batch including the 12-byte log overhead. */
  size: number;
  magic: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export type BatchValidation =
  | { ok: true; batches: BatchHeader[]; views: Buffer[] }
  | { ok: false; error: 'corrupt' | 'magic' | 'empty' | 'too-large' };

/** Reads the header fields of the batch that starts at `pos` (no CRC check). */
export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  return {
    baseOffset: Number(buf.readBigInt64BE(pos + BATCH.BASE_OFFSET)),
    size: buf.readInt32BE(pos + BATCH.LENGTH) + BATCH.LOG_OVERHEAD,
    magic: buf.readInt8(pos + BATCH.MAGIC),
    attributes: buf.readInt16BE(pos + BATCH.ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(pos + BATCH.LAST_OFFSET_DELTA),
    baseTimestamp: Number(buf.readBigInt64BE(pos + BATCH.BASE_TIMESTAMP)),
    maxTimestamp: Number(buf.readBigInt64BE(pos + BATCH.MAX_TIMESTAMP)),
    producerId: Number(buf.readBigInt64BE(pos + BATCH.PRODUCER_ID)),
    producerEpoch: buf.readInt16BE(pos + BATCH.PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BATCH.BASE_SEQUENCE),
    recordCount: buf.readInt32BE(pos + BATCH.RECORD_COUNT),
  };
}

/** True when the CRC-32C stored in the batch matches bytes 21..end. */
export function batchCrcValid(batch: Buffer): boolean {
  if (batch.length < BATCH.HEADER_SIZE) return false;
  return crc32c(batch.subarray(BATCH.ATTRIBUTES)) === batch.readUInt32BE(BATCH.CRC);
}

/**
 * Splits the `records` field of a produce request into RecordBatch v2 batches and validates each:
 * complete, magic 2, CRC correct, record count and offset delta consistent. Any failure rejects
 * the whole partition's data (nothing is appended).
 */
export function validateRecords(records: Buffer, maxBatchBytes = Number.POSITIVE_INFINITY): BatchValidation {
  if (records.length === 0) return { ok: false, error: 'empty' };
  const batches: BatchHeader[] = [];
  const views: Buffer[] = [];
  let pos = 0;
  while (pos < records.length) {
    if (records.length - pos < BATCH.MAGIC + 1) return { ok: false, error: 'corrupt' };
    const magic = records.readInt8(pos + BATCH.MAGIC);
    if (magic !== 2) return { ok: false, error: 'magic' };
    if (records.length - pos < BATCH.HEADER_SIZE) return { ok: false, error: 'corrupt' };
    const length = records.readInt32BE(pos + BATCH.LENGTH);
    const size = length + BATCH.LOG_OVERHEAD;
    if (length < BATCH.HEADER_SIZE - BATCH.LOG_OVERHEAD || pos + size > records.length) {
      return { ok: false, error: 'corrupt' };
    }
    // As Kafka: the size is checked before the CRC (message.max.bytes counts the 12-byte log overhead).
    if (size > maxBatchBytes) return { ok: false, error: 'too-large' };
    const view = records.subarray(pos, pos + size);
    if (!batchCrcValid(view)) return { ok: false, error: 'corrupt' };
    const header = readBatchHeader(view);
    if (header.recordCount <= 0 || header.lastOffsetDelta < 0 || header.lastOffsetDelta > 0x7ffffffe) {
      return { ok: false, error: 'corrupt' };
    }
    batches.push(header);
    views.push(view);
    pos += size;
  }
  return { ok: true, batches, views };
}

/** Overwrites the base offset of a batch in place (not covered by the CRC). */
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), BATCH.BASE_OFFSET);
}

/** True when the batch's compression bits (attributes & 0x7) are 0. */
export function isUncompressed(attributes: number): boolean {
  return (attributes & 0x07) === 0;
}
