import * as zlib from 'node:zlib';
import { crc32c } from './crc32c.util';
import { LogSegment } from './log-segment.store';
import { ATTR, BATCH, BatchHeader } from './record-batch.codec';
import { Codec, RecordView, encodeRecords, recordsSection, walkRecords } from './records.codec';

export interface CompactionPolicy {
  /** Tombstones (null values) older than this are removed; younger ones are kept. */
  deleteRetentionMs: number;
  /** Segments holding records younger than this are not compacted yet. */
  minCompactionLagMs: number;
}

export interface CompactionResult {
  segments: number;
  recordsBefore: number;
  recordsAfter: number;
  /** Batches that could not be read (snappy, lz4, zstd) and were kept as they are. */
  opaqueBatches: number;
}

const keyOf = (k: Buffer) => k.toString('latin1');

/** The records of a stored batch, or null when its codec cannot be decompressed here (or it cannot be read). */
function readRecords(h: BatchHeader, batch: Buffer): RecordView[] | null {
  try {
    const section = recordsSection(batch, h.attributes, BATCH.HEADER_SIZE);
    if (!section) return null;
    const out: RecordView[] = [];
    walkRecords(section, 0, section.length, h.recordCount, (r) => out.push(r), false);
    return out;
  } catch {
    // Stored before validation existed, or damaged: keep it whole rather than guess.
    return null;
  }
}

/** A record's timestamp as consumers see it (LogAppendTime batches: the batch's max timestamp). */
function timestampOf(h: BatchHeader, r: RecordView): number {
  return h.attributes & ATTR.TIMESTAMP_TYPE ? h.maxTimestamp : h.baseTimestamp + r.timestampDelta;
}

/**
 * Rebuilds a batch with only `kept` records: same base offset, last offset delta, timestamps,
 * producer fields and attributes (gzip batches are compressed again), new count and CRC — the
 * shape Kafka's cleaner writes, so offsets never move.
 */
function rebuild(h: BatchHeader, original: Buffer, kept: RecordView[]): Buffer {
  let section = encodeRecords(kept);
  if ((h.attributes & 0x07) === Codec.gzip) section = zlib.gzipSync(section);
  const out = Buffer.allocUnsafe(BATCH.HEADER_SIZE + section.length);
  original.copy(out, 0, 0, BATCH.HEADER_SIZE);
  section.copy(out, BATCH.HEADER_SIZE);
  out.writeInt32BE(out.length - BATCH.LOG_OVERHEAD, BATCH.LENGTH);
  out.writeInt32BE(kept.length, BATCH.RECORD_COUNT);
  out.writeUInt32BE(crc32c(out.subarray(BATCH.ATTRIBUTES)), BATCH.CRC);
  return out;
}

/**
 * Log compaction (cleanup.policy=compact), as Kafka's cleaner does it: over the closed segments
 * (never the active one, and not segments with records younger than min.compaction.lag.ms), only
 * the last record of each key is kept; tombstones (null value) are kept until they are older than
 * delete.retention.ms, then removed; records without a key are removed. Offsets are kept, so the
 * log gets gaps. Batches compressed with snappy, lz4 or zstd cannot be read here: they are kept
 * whole and their keys do not count.
 */
export function compactSegments(closed: readonly LogSegment[], policy: CompactionPolicy, now: number): CompactionResult {
  const result: CompactionResult = { segments: 0, recordsBefore: 0, recordsAfter: 0, opaqueBatches: 0 };
  const eligible: LogSegment[] = [];
  for (const seg of closed) {
    if (seg.maxTimestamp >= 0 && now - seg.maxTimestamp < policy.minCompactionLagMs) break;
    eligible.push(seg);
  }
  if (eligible.length === 0) return result;
  // Pass 1: the offset of the last record of every key.
  const latest = new Map<string, number>();
  for (const seg of eligible) {
    seg.forEachBatch((h, batch) => {
      const records = readRecords(h, batch);
      if (!records) return;
      for (const r of records) if (r.key) latest.set(keyOf(r.key), h.baseOffset + r.offsetDelta);
    });
  }
  // Pass 2: rewrite each segment with what survives.
  for (const seg of eligible) {
    const out: Buffer[] = [];
    let changed = false;
    seg.forEachBatch((h, batch) => {
      const records = readRecords(h, batch);
      if (!records) {
        result.opaqueBatches++;
        out.push(Buffer.from(batch));
        return;
      }
      result.recordsBefore += records.length;
      const kept = records.filter((r) => {
        if (!r.key) return false;
        if (latest.get(keyOf(r.key)) !== h.baseOffset + r.offsetDelta) return false;
        return r.value !== null || now - timestampOf(h, r) < policy.deleteRetentionMs;
      });
      result.recordsAfter += kept.length;
      if (kept.length === records.length) out.push(Buffer.from(batch));
      else {
        changed = true;
        if (kept.length > 0) out.push(rebuild(h, batch, kept));
      }
    });
    if (changed) {
      seg.rewrite(out);
      result.segments++;
    }
  }
  return result;
}
