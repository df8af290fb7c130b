import * as fs from 'node:fs';
import * as path from 'node:path';
import { BATCH, BatchHeader, batchCrcValid, readBatchHeader } from './record-batch.codec';

/** Bytes of log between two sparse index entries. */
export const INDEX_INTERVAL_BYTES = 4096;
/** One index entry: relative offset int32, position int32, max timestamp so far int64. */
const INDEX_ENTRY_BYTES = 16;

/** Byte storage behind a segment: a file or a growable buffer. */
interface SegmentBytes {
  readonly size: number;
  append(chunks: readonly Buffer[], total: number): void;
  /** Bytes [position, position+length) (clamped to size). May be a view: never mutate it. */
  read(position: number, length: number): Buffer;
  truncate(size: number): void;
  flush(): Promise<void>;
  close(): void;
  remove(): void;
}

class MemoryBytes implements SegmentBytes {
  private buf = Buffer.allocUnsafe(64 * 1024);
  size = 0;

  append(chunks: readonly Buffer[], total: number): void {
    if (this.size + total > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.size + total) cap *= 2;
      const next = Buffer.allocUnsafe(cap);
      this.buf.copy(next, 0, 0, this.size);
      this.buf = next;
    }
    for (const c of chunks) {
      c.copy(this.buf, this.size);
      this.size += c.length;
    }
  }

  /** Views stay valid: bytes are only ever appended, and growth copies into a new buffer. */
  read(position: number, length: number): Buffer {
    return this.buf.subarray(position, Math.min(this.size, position + length));
  }

  truncate(size: number): void {
    this.size = Math.min(this.size, size);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    /* nothing to release */
  }

  remove(): void {
    this.buf = Buffer.alloc(0);
    this.size = 0;
  }
}

class FileBytes implements SegmentBytes {
  private fd: number;
  size: number;

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    this.size = fs.fstatSync(this.fd).size;
  }

  append(chunks: readonly Buffer[], total: number): void {
    let written = 0;
    if (chunks.length === 1) {
      written = fs.writeSync(this.fd, chunks[0], 0, chunks[0].length, this.size);
    } else {
      written = fs.writevSync(this.fd, chunks as Buffer[], this.size);
    }
    // writeSync on a regular file writes everything or throws; a short write leaves a torn tail
    // that the next recovery truncates.
    if (written !== total) throw new Error(`short write to ${this.file}: ${written} of ${total}`);
    this.size += total;
  }

  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(this.size, position + length) - position);
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = fs.readSync(this.fd, out, got, n - got, position + got);
      if (r === 0) break;
      got += r;
    }
    return got === n ? out : out.subarray(0, got);
  }

  truncate(size: number): void {
    fs.ftruncateSync(this.fd, size);
    this.size = size;
  }

  flush(): Promise<void> {
    const fd = this.fd;
    if (fd < 0) return Promise.resolve();
    return new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  }

  close(): void {
    if (this.fd >= 0) {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }

  remove(): void {
    this.close();
    fs.rmSync(this.file, { force: true });
  }
}

/** Bytes read at a time when a segment is checked at startup. */
const SCAN_WINDOW_BYTES = 1024 * 1024;

/** Where a segment stops being valid, found when it is opened. */
export interface SegmentDamage {
  kind: 'torn' | 'corrupt';
  reason: string;
  /** Byte position of the first bad batch (the valid bytes end here). */
  position: number;
  /** Offset the first bad batch would have had. */
  offset: number;
}

/** Result of locating `offset` in a segment. */
export interface SegmentRead {
  records: Buffer;
  /** Offset after the last batch returned. */
  nextOffset: number;
  /** True when the last batch of the segment was returned (the read may go on in the next one). */
  toEnd: boolean;
}

/**
 * One segment of a partition log: batches with base offsets in [baseOffset, nextOffset), stored
 * back to back exactly as produced (baseOffset rewritten). A sparse in-memory index (mirrored to
 * `<base>.index` for durable segments) maps relative offsets to byte positions every
 * {@link INDEX_INTERVAL_BYTES}; lookups scan batch headers forward from the nearest entry.
 *
 * Invariant: every byte in [0, size) is part of a complete batch whose CRC was valid when it was
 * appended or recovered; batches are in strictly increasing offset order.
 */
export class LogSegment {
  private idxRel = new Int32Array(64);
  private idxPos = new Int32Array(64);
  private idxTs = new Float64Array(64);
  private idxCount = 0;
  private bytesSinceIndex = 0;
  private indexFd = -1;
  nextOffset: number;
  maxTimestamp = -1;
  /** Wall-clock time of the last append (or file mtime after recovery). */
  lastAppendMs: number;
  /** Wall-clock time of the first append (segment.ms rolls the active segment after it). */
  firstAppendMs = -1;

  private constructor(
    readonly baseOffset: number,
    private bytes: SegmentBytes,
    private readonly dir: string | null,
  ) {
    this.nextOffset = baseOffset;
    this.lastAppendMs = Date.now();
  }

  static inMemory(baseOffset: number): LogSegment {
    return new LogSegment(baseOffset, new MemoryBytes(), null);
  }

  /** Creates an empty durable segment in `dir`. */
  static create(dir: string, baseOffset: number): LogSegment {
    const seg = new LogSegment(baseOffset, new FileBytes(LogSegment.logPath(dir, baseOffset)), dir);
    seg.bytes.truncate(0);
    seg.openIndex(true);
    return seg;
  }

  /**
   * Opens an existing durable segment and validates every batch in it (length, magic, offset
   * order, CRC-32C), whatever its age. The first bad batch and everything after it are truncated;
   * `damage` says where and why ('torn': the file ends inside a batch, as after a crash;
   * 'corrupt': a complete batch that fails its checks, e.g. a CRC mismatch). `onBatch` sees every
   * valid batch header.
   */
  static recover(dir: string, baseOffset: number, onBatch?: (h: BatchHeader) => void): { segment: LogSegment; truncatedBytes: number; damage: SegmentDamage | null } {
    const file = LogSegment.logPath(dir, baseOffset);
    const seg = new LogSegment(baseOffset, new FileBytes(file), dir);
    seg.lastAppendMs = fs.statSync(file).mtimeMs;
    const damage = seg.scan(onBatch);
    if (!seg.isEmpty) seg.firstAppendMs = seg.lastAppendMs;
    const validEnd = damage ? damage.position : seg.bytes.size;
    const truncatedBytes = seg.bytes.size - validEnd;
    if (truncatedBytes > 0) seg.bytes.truncate(validEnd);
    seg.rewriteIndex();
    return { segment: seg, truncatedBytes, damage };
  }

  /** Deletes the files of these segments (not opened); returns how many existed. */
  static removeFiles(dir: string, baseOffsets: readonly number[]): number {
    let n = 0;
    for (const base of baseOffsets) {
      if (fs.existsSync(LogSegment.logPath(dir, base))) n++;
      fs.rmSync(LogSegment.logPath(dir, base), { force: true });
      fs.rmSync(LogSegment.indexPath(dir, base), { force: true });
    }
    return n;
  }

  static logPath(dir: string, baseOffset: number): string {
    return path.join(dir, `${String(baseOffset).padStart(20, '0')}.log`);
  }

  static indexPath(dir: string, baseOffset: number): string {
    return path.join(dir, `${String(baseOffset).padStart(20, '0')}.index`);
  }

  get size(): number {
    return this.bytes.size;
  }

  get isEmpty(): boolean {
    return this.bytes.size === 0;
  }

  /**
   * Scans every batch from the start, reading the file in large windows. Returns null when all
   * of it is valid, else the first damage found (the valid bytes end at its position).
   */
  private scan(onBatch?: (h: BatchHeader) => void): SegmentDamage | null {
    let pos = 0;
    const size = this.bytes.size;
    let win: Buffer = Buffer.alloc(0);
    let winStart = 0;
    const view = (at: number, n: number): Buffer => {
      if (at < winStart || at + n > winStart + win.length) {
        win = this.bytes.read(at, Math.max(n, SCAN_WINDOW_BYTES));
        winStart = at;
      }
      return win.subarray(at - winStart, at - winStart + n);
    };
    while (pos < size) {
      const damage = (kind: SegmentDamage['kind'], reason: string): SegmentDamage => ({ kind, reason, position: pos, offset: this.nextOffset });
      if (size - pos < BATCH.HEADER_SIZE) return damage('torn', 'the file ends inside a batch header');
      const head = view(pos, BATCH.HEADER_SIZE);
      const length = head.readInt32BE(BATCH.LENGTH);
      const batchSize = length + BATCH.LOG_OVERHEAD;
      if (length < BATCH.HEADER_SIZE - BATCH.LOG_OVERHEAD) return damage('corrupt', `invalid batch length ${length}`);
      if (pos + batchSize > size) return damage('torn', `the file ends inside a batch of ${batchSize} bytes`);
      if (head.readInt8(BATCH.MAGIC) !== 2) return damage('corrupt', `magic byte ${head.readInt8(BATCH.MAGIC)}`);
      const h = readBatchHeader(head);
      h.size = batchSize;
      if (h.baseOffset < this.nextOffset || h.lastOffsetDelta < 0) return damage('corrupt', `offset ${h.baseOffset} out of order (expected at least ${this.nextOffset})`);
      const whole = view(pos, batchSize);
      if (!batchCrcValid(whole)) {
        return damage('corrupt', `CRC mismatch (stored ${whole.readUInt32BE(BATCH.CRC).toString(16).padStart(8, '0')}) in the batch at offset ${h.baseOffset}`);
      }
      this.noteBatch(h, pos, false);
      onBatch?.(h);
      pos += batchSize;
    }
    return null;
  }

  private openIndex(truncate: boolean): void {
    if (!this.dir) return;
    const file = LogSegment.indexPath(this.dir, this.baseOffset);
    this.indexFd = fs.openSync(file, truncate ? 'w' : 'a');
  }

  /** Rewrites the index file from the in-memory entries (after recovery). */
  private rewriteIndex(): void {
    if (!this.dir) return;
    const buf = Buffer.allocUnsafe(this.idxCount * INDEX_ENTRY_BYTES);
    for (let i = 0; i < this.idxCount; i++) this.encodeIndexEntry(buf, i * INDEX_ENTRY_BYTES, i);
    if (this.indexFd >= 0) fs.closeSync(this.indexFd);
    const file = LogSegment.indexPath(this.dir, this.baseOffset);
    fs.writeFileSync(file, buf);
    this.indexFd = fs.openSync(file, 'a');
  }

  private encodeIndexEntry(buf: Buffer, at: number, i: number): void {
    buf.writeInt32BE(this.idxRel[i], at);
    buf.writeInt32BE(this.idxPos[i], at + 4);
    buf.writeDoubleBE(this.idxTs[i], at + 8);
  }

  private pushIndex(rel: number, pos: number, ts: number): void {
    if (this.idxCount === this.idxRel.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const next = new (a.constructor as { new (n: number): T })(a.length * 2);
        next.set(a);
        return next;
      };
      this.idxRel = grow(this.idxRel);
      this.idxPos = grow(this.idxPos);
      this.idxTs = grow(this.idxTs);
    }
    this.idxRel[this.idxCount] = rel;
    this.idxPos[this.idxCount] = pos;
    this.idxTs[this.idxCount] = ts;
    this.idxCount++;
  }

  /** Records a batch just placed at `pos` in the sparse index and the segment's counters. */
  private noteBatch(h: BatchHeader, pos: number, persist: boolean): void {
    if (h.maxTimestamp > this.maxTimestamp) this.maxTimestamp = h.maxTimestamp;
    if (this.idxCount === 0 || this.bytesSinceIndex >= INDEX_INTERVAL_BYTES) {
      this.pushIndex(h.baseOffset - this.baseOffset, pos, this.maxTimestamp);
      this.bytesSinceIndex = 0;
      if (persist && this.indexFd >= 0) {
        const e = Buffer.allocUnsafe(INDEX_ENTRY_BYTES);
        this.encodeIndexEntry(e, 0, this.idxCount - 1);
        fs.writeSync(this.indexFd, e);
      }
    }
    this.bytesSinceIndex += h.size;
    this.nextOffset = h.baseOffset + h.lastOffsetDelta + 1;
  }

  /**
   * Appends batches whose base offsets were already assigned (contiguous from nextOffset).
   * The bytes are written before the in-memory state moves, so a failed write changes nothing.
   */
  append(views: readonly Buffer[], headers: readonly BatchHeader[]): void {
    let total = 0;
    for (const v of views) total += v.length;
    const start = this.bytes.size;
    this.bytes.append(views, total);
    let pos = start;
    for (let i = 0; i < headers.length; i++) {
      this.noteBatch(headers[i], pos, true);
      pos += headers[i].size;
    }
    this.lastAppendMs = Date.now();
    if (this.firstAppendMs < 0) this.firstAppendMs = this.lastAppendMs;
  }

  /** Calls `visit` with every batch of the segment, in order (bytes are a copy or a view). */
  forEachBatch(visit: (h: BatchHeader, batch: Buffer) => void): void {
    let pos = 0;
    const size = this.bytes.size;
    let win: Buffer = Buffer.alloc(0);
    let winStart = 0;
    while (pos + BATCH.HEADER_SIZE <= size) {
      if (pos < winStart || pos + BATCH.HEADER_SIZE > winStart + win.length) {
        win = this.bytes.read(pos, SCAN_WINDOW_BYTES);
        winStart = pos;
      }
      const batchSize = win.readInt32BE(pos - winStart + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
      if (pos + batchSize > winStart + win.length) {
        win = this.bytes.read(pos, Math.max(batchSize, SCAN_WINDOW_BYTES));
        winStart = pos;
      }
      const batch = win.subarray(pos - winStart, pos - winStart + batchSize);
      const h = readBatchHeader(batch);
      h.size = batchSize;
      visit(h, batch);
      pos += batchSize;
    }
  }

  /**
   * Replaces the segment's content with `batches` (a compacted copy: same offsets, fewer
   * records). The segment keeps its base and next offset. A durable segment is written to a
   * temporary file, fsynced and renamed over the old one, so a crash leaves either version.
   */
  rewrite(batches: readonly Buffer[]): void {
    const keepNext = this.nextOffset;
    const keepMaxTs = this.maxTimestamp;
    let total = 0;
    for (const b of batches) total += b.length;
    if (this.dir) {
      const file = LogSegment.logPath(this.dir, this.baseOffset);
      const tmp = `${file}.cleaned`;
      const fd = fs.openSync(tmp, 'w');
      try {
        if (batches.length > 0) fs.writevSync(fd, batches as Buffer[]);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      this.bytes.close();
      fs.renameSync(tmp, file);
      this.bytes = new FileBytes(file);
    } else {
      const mem = new MemoryBytes();
      mem.append(batches, total);
      this.bytes = mem;
    }
    this.idxCount = 0;
    this.bytesSinceIndex = 0;
    let pos = 0;
    for (const b of batches) {
      const h = readBatchHeader(b);
      h.size = b.length;
      this.noteBatch(h, pos, false);
      pos += b.length;
    }
    this.nextOffset = keepNext;
    this.maxTimestamp = Math.max(this.maxTimestamp, keepMaxTs);
    this.rewriteIndex();
  }

  /** Byte position of the last index entry at or before `offset`. */
  private indexFloor(offset: number): number {
    const rel = offset - this.baseOffset;
    let lo = 0;
    let hi = this.idxCount - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.idxRel[mid] <= rel) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return this.idxCount === 0 ? 0 : this.idxPos[best];
  }

  /**
   * Whole batches starting with the one that contains `offset`, up to `maxBytes` (at least one
   * batch when `atLeastOne`). Returns null when nothing in this segment is at or after `offset`,
   * and empty records when the first batch does not fit in `maxBytes`.
   */
  read(offset: number, maxBytes: number, atLeastOne: boolean): SegmentRead | null {
    const size = this.bytes.size;
    let pos = this.indexFloor(offset);
    // Find the batch containing `offset` by walking headers.
    let first: { pos: number; size: number } | null = null;
    while (pos + BATCH.HEADER_SIZE <= size) {
      const head = this.bytes.read(pos, BATCH.HEADER_SIZE);
      const base = Number(head.readBigInt64BE(BATCH.BASE_OFFSET));
      const batchSize = head.readInt32BE(BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
      const last = base + head.readInt32BE(BATCH.LAST_OFFSET_DELTA);
      if (last >= offset) {
        first = { pos, size: batchSize };
        break;
      }
      pos += batchSize;
    }
    if (!first) return null;
    if (first.size > maxBytes) {
      // The next batch does not fit: an empty read that does not reach the end (the caller stops).
      if (!atLeastOne) return { records: Buffer.alloc(0), nextOffset: offset, toEnd: false };
      const records = this.bytes.read(first.pos, first.size);
      return { records, nextOffset: this.lastOffsetOf(records, 0) + 1, toEnd: first.pos + first.size >= size };
    }
    const chunk = this.bytes.read(first.pos, Math.min(maxBytes, size - first.pos));
    // Trim to whole batches.
    let end = 0;
    let nextOffset = offset;
    while (end + BATCH.HEADER_SIZE <= chunk.length) {
      const batchSize = chunk.readInt32BE(end + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
      if (end + batchSize > chunk.length) break;
      nextOffset = this.lastOffsetOf(chunk, end) + 1;
      end += batchSize;
    }
    return { records: end === chunk.length ? chunk : chunk.subarray(0, end), nextOffset, toEnd: first.pos + end >= size };
  }

  private lastOffsetOf(buf: Buffer, at: number): number {
    return Number(buf.readBigInt64BE(at + BATCH.BASE_OFFSET)) + buf.readInt32BE(at + BATCH.LAST_OFFSET_DELTA);
  }

  /**
   * Calls `visit` for each batch header from the index entry before the first entry whose
   * max-timestamp-so-far reaches `timestamp`, until `visit` returns true.
   */
  scanFromTimestamp(timestamp: number, visit: (h: BatchHeader, batch: () => Buffer) => boolean): boolean {
    let i = 0;
    while (i < this.idxCount && this.idxTs[i] < timestamp) i++;
    let pos = i > 0 ? this.idxPos[i - 1] : 0;
    const size = this.bytes.size;
    while (pos + BATCH.HEADER_SIZE <= size) {
      const head = readBatchHeader(this.bytes.read(pos, BATCH.HEADER_SIZE));
      const at = pos;
      if (visit(head, () => this.bytes.read(at, head.size))) return true;
      pos += head.size;
    }
    return false;
  }

  flush(): Promise<void> {
    return this.bytes.flush();
  }

  close(): void {
    this.bytes.close();
    if (this.indexFd >= 0) {
      fs.closeSync(this.indexFd);
      this.indexFd = -1;
    }
  }

  /** Deletes the segment's files (retention, topic deletion). */
  remove(): void {
    this.close();
    this.bytes.remove();
    if (this.dir) fs.rmSync(LogSegment.indexPath(this.dir, this.baseOffset), { force: true });
  }
}
