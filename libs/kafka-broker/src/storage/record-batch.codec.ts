import { crc32c } from './crc32c.util';
import { InvalidRecordError, checkRecords, recordsSection } from './records.codec';

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

/** Why a produce's records were refused; the dispatcher maps it to Kafka's error code. */
export type BatchError =
  /** Framing or CRC: CORRUPT_MESSAGE (2). */
  | 'corrupt'
  /** Not RecordBatch v2: UNSUPPORTED_FOR_MESSAGE_FORMAT (43). */
  | 'magic'
  /** Over message.max.bytes / max.message.bytes: MESSAGE_TOO_LARGE (10). */
  | 'too-large'
  /** Structurally inconsistent batch or records: INVALID_RECORD (87), as Kafka since 2.5. */
  | 'invalid-record'
  /** A producer-set LogAppendTime: INVALID_TIMESTAMP (32). */
  | 'invalid-timestamp'
  /** A transactional batch (no transactions here): INVALID_TXN_STATE (48). */
  | 'transactional';

export type BatchValidation = { ok: true; batches: BatchHeader[]; views: Buffer[] } | { ok: false; error: BatchError; message: string };

export interface RecordsPolicy {
  /** message.max.bytes (topic: max.message.bytes), log overhead included. */
  maxBatchBytes?: number;
  /** Compacted topics: every record needs a key. */
  requireKeys?: boolean;
}

/** Attribute bits of a batch. */
export const ATTR = { TIMESTAMP_TYPE: 0x08, TRANSACTIONAL: 0x10, CONTROL: 0x20 } as const;

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
 * Validates the `records` field of one partition of a produce request as Kafka's
 * ProduceRequest/LogValidator do: exactly one RecordBatch v2, complete, within the size limit
 * (checked before the CRC), CRC-32C correct, count and last offset delta consistent, no control
 * or transactional batch, a sequence for an idempotent producer, no LogAppendTime set by the
 * producer; then every record (decompressing gzip): framing, lengths, header counts, offset
 * deltas 0..count-1, and a key on compacted topics. Snappy, lz4 and zstd batches are checked up
 * to their header only (no decompressor here). Any failure refuses the partition's data.
 */
export function validateRecords(records: Buffer, policy: RecordsPolicy = {}): BatchValidation {
  const fail = (error: BatchError, message: string): BatchValidation => ({ ok: false, error, message });
  if (records.length === 0) return fail('invalid-record', 'Produce requests must have at least one record batch');
  if (records.length < BATCH.MAGIC + 1) return fail('corrupt', 'Record batch is truncated');
  const magic = records.readInt8(BATCH.MAGIC);
  if (magic !== 2) return fail('magic', `Produce requests are only allowed to contain record batches with magic version 2, got ${magic}`);
  if (records.length < BATCH.HEADER_SIZE) return fail('corrupt', 'Record batch is truncated');
  const length = records.readInt32BE(BATCH.LENGTH);
  const size = length + BATCH.LOG_OVERHEAD;
  if (length < BATCH.HEADER_SIZE - BATCH.LOG_OVERHEAD) return fail('corrupt', `Record size ${length} is less than the minimum record overhead`);
  if (size > records.length) return fail('corrupt', `Record batch of ${size} bytes is larger than the ${records.length} bytes sent`);
  if (size < records.length) return fail('invalid-record', 'Produce requests must have exactly one record batch per partition');
  const max = policy.maxBatchBytes ?? Number.POSITIVE_INFINITY;
  if (size > max) return fail('too-large', `The record batch size is ${size} bytes which exceeds the maximum configured value of ${max}`);
  if (!batchCrcValid(records)) return fail('corrupt', `Record is corrupt (stored crc = ${records.readUInt32BE(BATCH.CRC)})`);
  const h = readBatchHeader(records);
  if (h.lastOffsetDelta < 0) return fail('invalid-record', `Batch has an invalid offset range: last offset delta ${h.lastOffsetDelta}`);
  if (h.recordCount <= 0) return fail('invalid-record', `Invalid reported count for record batch: ${h.recordCount}`);
  if (h.lastOffsetDelta + 1 !== h.recordCount) {
    return fail('invalid-record', `Inconsistent batch offset range [0, ${h.lastOffsetDelta}] and count of records ${h.recordCount}`);
  }
  if (h.attributes & ATTR.CONTROL) return fail('invalid-record', 'Clients are not allowed to write control records');
  if (h.attributes & ATTR.TRANSACTIONAL) return fail('transactional', 'Transactional batches are refused: this broker does not support transactions');
  if (h.producerId >= 0 && h.baseSequence < 0) return fail('invalid-record', `Invalid sequence number ${h.baseSequence} in record batch with producerId ${h.producerId}`);
  if (h.attributes & ATTR.TIMESTAMP_TYPE) return fail('invalid-timestamp', 'Producer should not set timestamp type to LogAppendTime');
  try {
    const section = recordsSection(records, h.attributes, BATCH.HEADER_SIZE);
    const problem = section && checkRecords(section, 0, section.length, h.recordCount, policy.requireKeys === true);
    if (problem) return fail('invalid-record', problem);
  } catch (err) {
    if (err instanceof InvalidRecordError) return fail('invalid-record', err.message);
    throw err;
  }
  return { ok: true, batches: [h], views: [records] };
}

/** Overwrites the base offset of a batch in place (not covered by the CRC). */
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), BATCH.BASE_OFFSET);
}

/** True when the batch's compression bits (attributes & 0x7) are 0. */
export function isUncompressed(attributes: number): boolean {
  return (attributes & 0x07) === 0;
}
