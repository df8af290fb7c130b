import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../protocol/error-codes.constants';
import { WireReader } from '../protocol/wire-reader.codec';
import { LogSegment } from './log-segment.store';
import { ProducerStateTable } from './producer-state.store';
import { crc32c } from './crc32c.util';
import { CompactionResult, compactSegments } from './log-compactor.util';
import { ATTR, BATCH, BatchHeader, isUncompressed, setBaseOffset } from './record-batch.codec';

export type FlushMode = 'every-batch' | 'interval' | 'os';

export interface PartitionLogConfig {
  /** Roll to a new segment when the active one would grow past this many bytes (segment.bytes). */
  segmentBytes: number;
  /** Delete oldest segments while the partition holds more than this (undefined = unlimited). */
  retentionBytes?: number;
  /** Delete segments whose newest record is older than this (undefined = forever). */
  retentionMs?: number;
  flushMode: FlushMode;
  /** segment.ms: roll the active segment once its first append is older (undefined = never). */
  segmentMs?: number;
  /** cleanup.policy contains delete (default true): retention by time and size applies. */
  deleteByRetention?: boolean;
  /** cleanup.policy contains compact: the cleaner keeps the last record of each key. */
  compact?: boolean;
  /** message.timestamp.type=LogAppendTime: batches are stamped with the append time. */
  logAppendTime?: boolean;
  deleteRetentionMs?: number;
  minCompactionLagMs?: number;
}

export interface AppendResult {
  errorCode: number;
  baseOffset: number;
  /** Resolves when the data is durable as the flush policy requires for acks=-1 (null: now). */
  durable: Promise<void> | null;
}

export type ReadResult =
  | { errorCode: 0; records: Buffer | null }
  | { errorCode: typeof ErrorCode.OFFSET_OUT_OF_RANGE; records: null };

const PRODUCER_SNAPSHOT = 'producer-state.json';
/** Kafka's log-start-offset checkpoint, per partition: raised by DeleteRecords. */
const LOG_START_FILE = 'log-start-offset.json';

/**
 * The log of one partition: an ordered list of segments, the last one active. Offsets are
 * assigned here, batches are stored as produced, idempotent-producer sequences are checked here.
 *
 * Invariants: segments are contiguous (each base offset = the previous segment's next offset;
 * compaction leaves gaps inside segments, never between them); logStartOffset ≥ the first
 * segment's base (DeleteRecords raises it inside a segment); high watermark = log end offset
 * (single replica).
 */
export class PartitionLog {
  private segments: LogSegment[];
  private startOffset: number;
  private readonly dirty = new Set<LogSegment>();
  private inFlight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private intervalWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  private constructor(
    private readonly dir: string | null,
    private config: PartitionLogConfig,
    segments: LogSegment[],
    readonly producers: ProducerStateTable,
    startOffset = 0,
  ) {
    this.segments = segments;
    this.startOffset = Math.min(Math.max(startOffset, segments[0].baseOffset), this.active.nextOffset);
  }

  /** Applies new topic configs (AlterConfigs) from now on. */
  reconfigure(config: PartitionLogConfig): void {
    this.config = this.dir ? config : { ...config, flushMode: 'os' };
  }

  get logAppendTime(): boolean {
    return this.config.logAppendTime === true;
  }

  static inMemory(config: PartitionLogConfig): PartitionLog {
    return new PartitionLog(null, { ...config, flushMode: 'os' }, [LogSegment.inMemory(0)], new ProducerStateTable());
  }

  /**
   * Opens (or creates) the durable log in `dir`, recovering it: every segment is read and every
   * batch's CRC checked; the log ends before the first torn or corrupt batch (later segments are
   * deleted, as Kafka's recovery does), with a log line saying where and why. Producer state comes
   * from the last snapshot plus the batches after it.
   */
  static open(dir: string, config: PartitionLogConfig, log: (line: string) => void = () => undefined): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const bases = fs
      .readdirSync(dir)
      .filter((f) => /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    let producers = new ProducerStateTable();
    let snapshotOffset = Number.POSITIVE_INFINITY;
    try {
      const snap = JSON.parse(fs.readFileSync(path.join(dir, PRODUCER_SNAPSHOT), 'utf8')) as {
        offset: number;
        producers: unknown;
      };
      producers = ProducerStateTable.fromJSON(snap.producers);
      snapshotOffset = Number(snap.offset);
    } catch {
      snapshotOffset = Number.NEGATIVE_INFINITY;
    }
    if (bases.length === 0) {
      return new PartitionLog(dir, config, [LogSegment.create(dir, 0)], producers);
    }
    const segments: LogSegment[] = [];
    for (let i = 0; i < bases.length; i++) {
      const last = i === bases.length - 1;
      // Segments that may hold batches after the producer snapshot are replayed from their start.
      const replay = last || bases[i + 1] > snapshotOffset;
      const { segment, truncatedBytes, damage } = LogSegment.recover(
        dir,
        bases[i],
        replay
          ? (h) => {
              if (h.baseOffset >= snapshotOffset) producers.record(h, h.baseOffset);
            }
          : undefined,
      );
      const prev = segments[segments.length - 1];
      if (prev && segment.baseOffset > prev.nextOffset) {
        // The tail of a compacted segment was cleaned away: it ends where the next one starts.
        prev.nextOffset = segment.baseOffset;
      }
      if (prev && segment.baseOffset < prev.nextOffset) {
        // Overlapping segments cannot both be right: keep what is consistent, drop the rest.
        segment.remove();
        const dropped = LogSegment.removeFiles(dir, bases.slice(i + 1));
        log(`recovered ${dir}: dropped segments from ${bases[i]}, which overlaps the one before (${dropped} later segment(s) too)`);
        break;
      }
      segments.push(segment);
      if (!damage) continue;
      // Kafka's recovery: the log ends before the first bad batch; later segments are deleted.
      const later = LogSegment.removeFiles(dir, bases.slice(i + 1));
      const what =
        damage.kind === 'torn' && last
          ? `truncated ${truncatedBytes} torn bytes at the tail of segment ${bases[i]} (${damage.reason})`
          : `${damage.reason} in segment ${bases[i]} at byte ${damage.position}: the partition now ends at offset ${damage.offset}; ` +
            `${truncatedBytes} byte(s) of that segment${later > 0 ? ` and ${later} later segment(s)` : ''} deleted`;
      log(`recovered ${dir}: ${what}`);
      break;
    }
    let startOffset = 0;
    try {
      startOffset = Number((JSON.parse(fs.readFileSync(path.join(dir, LOG_START_FILE), 'utf8')) as { offset: number }).offset) || 0;
    } catch {
      startOffset = 0;
    }
    return new PartitionLog(dir, config, segments, producers, startOffset);
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    return Math.max(this.startOffset, this.segments[0].baseOffset);
  }

  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  /** Single replica, no transactions: high watermark = last stable offset = log end. */
  get highWatermark(): number {
    return this.active.nextOffset;
  }

  get sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /**
   * Appends validated batches (CRC already checked). Offsets are assigned contiguously from the
   * log end; duplicates of one of a producer's last five batches return the original offset and
   * are not stored. Nothing is written when any batch fails its sequence check.
   */
  append(views: readonly Buffer[], headers: readonly BatchHeader[], acks: number): AppendResult {
    if (this.closed) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, baseOffset: -1, durable: null };
    let next = this.active.nextOffset;
    const toWrite: Buffer[] = [];
    const toWriteHeaders: BatchHeader[] = [];
    let firstBase = -1;
    const pending = new Map<number, BatchHeader>();
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i];
      const prior = pending.get(h.producerId);
      const check = prior ? this.checkAfterPending(h, prior) : this.producers.check(h);
      if (check.kind === 'error') return { errorCode: check.errorCode, baseOffset: -1, durable: null };
      if (check.kind === 'duplicate') {
        if (firstBase < 0) firstBase = check.baseOffset;
        continue;
      }
      const assigned = { ...h, baseOffset: next };
      if (h.producerId >= 0) pending.set(h.producerId, assigned);
      setBaseOffset(views[i], next);
      if (firstBase < 0) firstBase = next;
      toWrite.push(views[i]);
      toWriteHeaders.push(assigned);
      next += h.lastOffsetDelta + 1;
    }
    if (toWrite.length === 0) return { errorCode: ErrorCode.NONE, baseOffset: firstBase, durable: null };
    let total = 0;
    for (const v of toWrite) total += v.length;
    if (!this.active.isEmpty && (this.active.size + total > this.config.segmentBytes || this.segmentExpired(Date.now()))) this.roll();
    if (this.config.logAppendTime) stampLogAppendTime(toWrite, toWriteHeaders, Date.now());
    this.active.append(toWrite, toWriteHeaders);
    for (const h of toWriteHeaders) this.producers.record(h, h.baseOffset);
    if (this.dir) this.dirty.add(this.active);
    return { errorCode: ErrorCode.NONE, baseOffset: firstBase, durable: this.afterAppend(acks) };
  }

  private checkAfterPending(h: BatchHeader, prior: BatchHeader) {
    if (h.producerEpoch !== prior.producerEpoch) return { kind: 'error' as const, errorCode: ErrorCode.INVALID_PRODUCER_EPOCH };
    const expected = (prior.baseSequence + prior.lastOffsetDelta + 1) % 0x80000000;
    return h.baseSequence === expected
      ? { kind: 'append' as const }
      : { kind: 'error' as const, errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
  }

  private afterAppend(acks: number): Promise<void> | null {
    if (!this.dir) return null;
    switch (this.config.flushMode) {
      case 'every-batch': {
        const p = this.flush();
        if (acks === -1) return p;
        p.catch(() => undefined);
        return null;
      }
      case 'interval':
        if (acks !== -1) return null;
        return new Promise((resolve, reject) => this.intervalWaiters.push({ resolve, reject }));
      default:
        return null;
    }
  }

  /** Periodic flush of the 'interval' policy: flushes and releases the acks=-1 waiters. */
  intervalFlush(): void {
    const waiters = this.intervalWaiters;
    this.intervalWaiters = [];
    this.flush().then(
      () => waiters.forEach((w) => w.resolve()),
      (e: unknown) => waiters.forEach((w) => w.reject(e)),
    );
  }

  /** fdatasync of every segment written since the last flush; concurrent calls coalesce. */
  flush(): Promise<void> {
    if (!this.inFlight) return this.startFlush();
    this.queued ??= this.inFlight.then(
      () => this.runQueued(),
      () => this.runQueued(),
    );
    return this.queued;
  }

  private runQueued(): Promise<void> {
    this.queued = null;
    return this.startFlush();
  }

  private startFlush(): Promise<void> {
    if (this.dirty.size === 0) return Promise.resolve();
    const segs = [...this.dirty];
    this.dirty.clear();
    const p = Promise.all(segs.map((s) => s.flush())).then(() => undefined);
    this.inFlight = p;
    const clear = () => {
      if (this.inFlight === p) this.inFlight = null;
    };
    p.then(clear, clear);
    return p;
  }

  private roll(): void {
    const base = this.active.nextOffset;
    if (this.dir) {
      this.writeProducerSnapshot(base);
      const seg = LogSegment.create(this.dir, base);
      this.segments.push(seg);
    } else {
      this.segments.push(LogSegment.inMemory(base));
    }
  }

  private writeProducerSnapshot(offset: number): void {
    if (!this.dir) return;
    const file = path.join(this.dir, PRODUCER_SNAPSHOT);
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ offset, producers: this.producers.toJSON() }));
    fs.renameSync(tmp, file);
  }

  /**
   * Whole batches from the one containing `offset`, up to `maxBytes` (at least one batch when
   * `atLeastOne`). `offset` = log end gives no records; outside [logStart, logEnd] is out of range.
   */
  read(offset: number, maxBytes: number, atLeastOne: boolean): ReadResult {
    if (offset < this.logStartOffset || offset > this.logEndOffset) {
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, records: null };
    }
    if (offset === this.logEndOffset) return { errorCode: 0, records: null };
    const chunks: Buffer[] = [];
    let remaining = maxBytes;
    let at = offset;
    let i = this.segmentIndexFor(at);
    for (; i < this.segments.length; i++) {
      const r = this.segments[i].read(at, remaining, atLeastOne && chunks.length === 0);
      // Nothing at or after `at` here (compaction may have emptied the segment): go on.
      if (r === null) continue;
      if (r.records.length === 0) break;
      chunks.push(r.records);
      remaining -= r.records.length;
      at = r.nextOffset;
      if (remaining <= 0 || !r.toEnd) break;
    }
    if (chunks.length === 0) return { errorCode: 0, records: null };
    return { errorCode: 0, records: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) };
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].baseOffset <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** ListOffsets by timestamp: first offset whose record timestamp is >= ts, or -1. */
  offsetForTimestamp(ts: number): number {
    for (const seg of this.segments) {
      if (seg.maxTimestamp < ts) continue;
      let found = -1;
      seg.scanFromTimestamp(ts, (h, batch) => {
        if (h.maxTimestamp < ts) return false;
        found = h.baseOffset;
        if (isUncompressed(h.attributes)) {
          const exact = firstRecordAtOrAfter(batch(), h, ts);
          if (exact >= 0) found = exact;
        }
        return true;
      });
      if (found >= 0) return found;
    }
    return -1;
  }

  /** segment.ms: the active segment is older than the topic allows. */
  private segmentExpired(now: number): boolean {
    const { segmentMs } = this.config;
    return segmentMs !== undefined && this.active.firstAppendMs >= 0 && now - this.active.firstAppendMs >= segmentMs;
  }

  /**
   * The log cleaner's pass over this partition, as the topic's configs say: roll the active
   * segment after segment.ms; with cleanup.policy=delete, delete whole segments beyond
   * retention.bytes or older than retention.ms (the active one is rolled when all of it is old);
   * with compact, compact the closed segments. Returns the number of segments deleted.
   */
  applyRetention(now = Date.now()): number {
    if (this.closed) return 0;
    if (!this.active.isEmpty && this.segmentExpired(now)) this.roll();
    let removed = 0;
    const { retentionBytes, retentionMs } = this.config;
    if (this.config.deleteByRetention !== false) {
      if (retentionMs !== undefined) {
        const expired = (s: LogSegment) => !s.isEmpty && now - (s.maxTimestamp >= 0 ? s.maxTimestamp : s.lastAppendMs) > retentionMs;
        if (this.segments.length === 1 && expired(this.active)) this.roll();
        while (this.segments.length > 1 && expired(this.segments[0])) {
          this.removeFirst();
          removed++;
        }
      }
      if (retentionBytes !== undefined) {
        let total = this.sizeBytes;
        while (this.segments.length > 1 && total - this.segments[0].size >= retentionBytes) {
          total -= this.segments[0].size;
          this.removeFirst();
          removed++;
        }
      }
    }
    // Segments wholly below the log start offset (DeleteRecords) go too.
    while (this.segments.length > 1 && this.segments[1].baseOffset <= this.startOffset) {
      this.removeFirst();
      removed++;
    }
    if (this.config.compact && this.segments.length > 1) this.compact(now);
    return removed;
  }

  /** Compacts the closed segments (cleanup.policy=compact). */
  compact(now = Date.now()): CompactionResult {
    const result = compactSegments(this.segments.slice(0, -1), {
      deleteRetentionMs: this.config.deleteRetentionMs ?? 86_400_000,
      minCompactionLagMs: this.config.minCompactionLagMs ?? 0,
    }, now);
    if (result.segments > 0 && this.dir) this.writeProducerSnapshot(this.logEndOffset);
    return result;
  }

  /**
   * DeleteRecords: raises the log start offset to `offset` (-1: the high watermark); records
   * below it are no longer served and whole segments below it are deleted. Returns the new low
   * watermark, or OFFSET_OUT_OF_RANGE for an offset beyond the high watermark.
   */
  deleteRecordsBefore(offset: number): { errorCode: number; lowWatermark: number } {
    const target = offset === -1 ? this.highWatermark : offset;
    if (target < 0 || target > this.highWatermark) return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, lowWatermark: -1 };
    if (target > this.logStartOffset) {
      this.startOffset = target;
      if (this.dir) {
        const file = path.join(this.dir, LOG_START_FILE);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify({ offset: target }));
        fs.renameSync(`${file}.tmp`, file);
      }
      if (target === this.highWatermark && !this.active.isEmpty) this.roll();
      while (this.segments.length > 1 && this.segments[1].baseOffset <= this.startOffset) this.removeFirst();
    }
    return { errorCode: ErrorCode.NONE, lowWatermark: this.logStartOffset };
  }

  private removeFirst(): void {
    const seg = this.segments.shift();
    if (!seg) return;
    this.dirty.delete(seg);
    seg.remove();
  }

  /** Flushes (durable) and closes files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      for (const w of this.intervalWaiters) w.resolve();
      this.intervalWaiters = [];
      if (this.dir) this.writeProducerSnapshot(this.logEndOffset);
      for (const s of this.segments) s.close();
    }
  }

  /** Closes and deletes every file of the log (topic deletion). */
  destroy(): void {
    this.closed = true;
    for (const w of this.intervalWaiters) w.resolve();
    this.intervalWaiters = [];
    for (const s of this.segments) s.remove();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Offset of the first record with timestamp >= ts in an uncompressed batch, or -1. */
function firstRecordAtOrAfter(batch: Buffer, h: BatchHeader, ts: number): number {
  try {
    const r = new WireReader(batch, BATCH.HEADER_SIZE);
    for (let i = 0; i < h.recordCount; i++) {
      const len = r.varint();
      const start = r.pos;
      r.int8();
      const tsDelta = r.varlong();
      const offsetDelta = r.varint();
      if (h.baseTimestamp + tsDelta >= ts) return h.baseOffset + offsetDelta;
      r.pos = start + len;
    }
  } catch {
    return -1;
  }
  return -1;
}

/**
 * message.timestamp.type=LogAppendTime, as Kafka's LogValidator: the timestamp-type attribute is
 * set and the max timestamp becomes the append time (consumers use it for every record of the
 * batch); the CRC is recomputed.
 */
function stampLogAppendTime(views: readonly Buffer[], headers: BatchHeader[], now: number): void {
  for (let i = 0; i < views.length; i++) {
    const b = views[i];
    const attributes = b.readInt16BE(BATCH.ATTRIBUTES) | ATTR.TIMESTAMP_TYPE;
    b.writeInt16BE(attributes, BATCH.ATTRIBUTES);
    b.writeBigInt64BE(BigInt(now), BATCH.MAX_TIMESTAMP);
    b.writeUInt32BE(crc32c(b.subarray(BATCH.ATTRIBUTES)), BATCH.CRC);
    headers[i] = { ...headers[i], attributes, maxTimestamp: now };
  }
}
