import * as zlib from 'node:zlib';

/**
 * Records inside a RecordBatch v2 (after the 61-byte header, possibly compressed):
 *   length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
 *   keyLength varint, key, valueLength varint, value, headerCount varint,
 *   headers: keyLength varint, key, valueLength varint, value.
 * Lengths of -1 mean null (a null header key is invalid).
 */

/** Compression codec ids (attributes & 0x07). */
export const Codec = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

export interface RecordView {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: Buffer; value: Buffer | null }[];
}

/** Thrown by the walker; the message follows Kafka's wording where Kafka has one. */
export class InvalidRecordError extends Error {}

/** Largest decompressed size accepted for one batch (a gzip bomb is refused, not inflated). */
const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    public end: number,
  ) {}

  /** Zig-zag varint, at most 5 bytes (32 bits). */
  varint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw new InvalidRecordError('Incorrect declared batch size, premature EOF reached');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      shift += 7;
    }
    throw new InvalidRecordError('Varint is too long, the most significant bit in the 5th byte is set');
  }

  /** Zig-zag varlong (at most 10 bytes), as a JS number (exact within 2^53). */
  varlong(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new InvalidRecordError('Incorrect declared batch size, premature EOF reached');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      shift += 7;
    }
    throw new InvalidRecordError('Varlong is too long, most significant bit in the 10th byte is set');
  }

  int8(): number {
    if (this.pos >= this.end) throw new InvalidRecordError('Incorrect declared batch size, premature EOF reached');
    return this.buf[this.pos++];
  }

  /** A length-prefixed field (null for a negative length); must fit inside `limit`. */
  field(limit: number, what: string): Buffer | null {
    const len = this.varint();
    if (len < 0) return null;
    if (this.pos + len > limit) throw new InvalidRecordError(`Invalid record size: ${what} of ${len} bytes goes past the end of the record`);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/**
 * Walks `count` records in `buf[start, end)` and checks their framing as Kafka's DefaultRecord
 * does: every length inside its record, each record's fields filling exactly its declared size,
 * no bytes left after the last record, a valid header count and no null header key. Also
 * checks that offset deltas run 0..count-1 (Kafka rewrites batches that break this; this broker
 * does not rewrite batches, so it refuses them). `visit` sees each record (keys and values are
 * views into `buf`).
 */
export function walkRecords(
  buf: Buffer,
  start: number,
  end: number,
  count: number,
  visit?: (r: RecordView, index: number) => void,
  /** false for stored batches: compaction leaves gaps, so deltas need only increase. */
  strictOffsets = true,
): void {
  let lastDelta = -1;
  const c = new Cursor(buf, start, end);
  for (let i = 0; i < count; i++) {
    if (c.pos >= end) throw new InvalidRecordError('Incorrect declared batch size, premature EOF reached');
    const size = c.varint();
    const recordStart = c.pos;
    const recordEnd = recordStart + size;
    if (size < 0 || recordEnd > end) throw new InvalidRecordError(`Invalid record size: expected to read ${size} bytes in record payload, but only ${end - recordStart} remain`);
    const rc = c;
    rc.end = recordEnd;
    rc.int8(); // attributes (unused in v2)
    const timestampDelta = rc.varlong();
    const offsetDelta = rc.varint();
    if (strictOffsets ? offsetDelta !== i : offsetDelta <= lastDelta) {
      throw new InvalidRecordError(`Record ${i} has offset delta ${offsetDelta}; offset deltas must run 0..${count - 1}`);
    }
    lastDelta = offsetDelta;
    const key = rc.field(recordEnd, 'key');
    const value = rc.field(recordEnd, 'value');
    const headerCount = rc.varint();
    if (headerCount < 0) throw new InvalidRecordError(`Found invalid number of record headers ${headerCount}`);
    const headers: { key: Buffer; value: Buffer | null }[] = [];
    for (let h = 0; h < headerCount; h++) {
      const hk = rc.field(recordEnd, 'header key');
      if (hk === null) throw new InvalidRecordError('Invalid negative header key size');
      const hv = rc.field(recordEnd, 'header value');
      if (visit) headers.push({ key: hk, value: hv });
    }
    if (rc.pos !== recordEnd) {
      throw new InvalidRecordError(`Invalid record size: expected to read ${size} bytes in record payload, but instead read ${rc.pos - recordStart}`);
    }
    visit?.({ offsetDelta, timestampDelta, key, value, headers }, i);
    c.end = end;
  }
  if (c.pos !== end) throw new InvalidRecordError('Incorrect declared batch size, records still remaining in file');
}

/**
 * The produce-path check of {@link walkRecords} without building anything: the same rules, a
 * tight loop over the bytes (the broker validates every record it stores). Returns the first
 * problem as Kafka words it, or null.
 */
export function checkRecords(buf: Buffer, start: number, end: number, count: number, requireKeys: boolean): string | null {
  let pos = start;
  // Reads a zig-zag varint at `pos` (at most 5 bytes, not past `limit`); NaN when malformed.
  let limit = end;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (pos >= limit) return Number.NaN;
      const b = buf[pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return (result & 1) === 0 ? result / 2 : -(result + 1) / 2;
      mul *= 128;
    }
    return Number.NaN;
  };
  for (let i = 0; i < count; i++) {
    if (pos >= end) return 'Incorrect declared batch size, premature EOF reached';
    limit = end;
    const size = varint();
    if (Number.isNaN(size)) return 'Invalid record size: malformed length varint';
    const recordEnd = pos + size;
    if (size < 0 || recordEnd > end) return `Invalid record size: expected to read ${size} bytes in record payload, but only ${end - pos} remain`;
    limit = recordEnd;
    if (pos >= limit) return 'Invalid record size: empty record';
    pos++; // attributes
    // timestamp delta: a varlong of at most 10 bytes
    let n = 0;
    while (pos < limit && buf[pos] >= 0x80 && n < 9) {
      pos++;
      n++;
    }
    if (pos >= limit || buf[pos] >= 0x80) return 'Invalid record size: malformed timestamp delta';
    pos++;
    const offsetDelta = varint();
    if (offsetDelta !== i) return Number.isNaN(offsetDelta) ? 'Invalid record: malformed offset delta' : `Record ${i} has offset delta ${offsetDelta}; offset deltas must run 0..${count - 1}`;
    const keyLen = varint();
    if (Number.isNaN(keyLen)) return 'Invalid record: malformed key length';
    if (keyLen >= 0) {
      if (pos + keyLen > limit) return `Invalid record size: key of ${keyLen} bytes goes past the end of the record`;
      pos += keyLen;
    } else if (requireKeys) {
      return 'Compacted topic cannot accept message without key';
    }
    const valueLen = varint();
    if (Number.isNaN(valueLen)) return 'Invalid record: malformed value length';
    if (valueLen >= 0) {
      if (pos + valueLen > limit) return `Invalid record size: value of ${valueLen} bytes goes past the end of the record`;
      pos += valueLen;
    }
    const headerCount = varint();
    if (Number.isNaN(headerCount)) return 'Invalid record: malformed header count';
    if (headerCount < 0) return `Found invalid number of record headers ${headerCount}`;
    for (let h = 0; h < headerCount; h++) {
      const hk = varint();
      if (Number.isNaN(hk)) return 'Invalid record: malformed header key length';
      if (hk < 0) return 'Invalid negative header key size';
      if (pos + hk > limit) return `Invalid record size: header key of ${hk} bytes goes past the end of the record`;
      pos += hk;
      const hv = varint();
      if (Number.isNaN(hv)) return 'Invalid record: malformed header value length';
      if (hv >= 0) {
        if (pos + hv > limit) return `Invalid record size: header value of ${hv} bytes goes past the end of the record`;
        pos += hv;
      }
    }
    if (pos !== recordEnd) return `Invalid record size: expected to read ${size} bytes in record payload, but instead read ${pos - recordEnd + size}`;
  }
  if (pos !== end) return 'Incorrect declared batch size, records still remaining in file';
  return null;
}

/**
 * The records section of a batch, decompressed when needed. Returns null for codecs this broker
 * cannot decompress (snappy, lz4, zstd: no codec in Node without native modules).
 */
export function recordsSection(batch: Buffer, attributes: number, headerSize: number): Buffer | null {
  const body = batch.subarray(headerSize);
  switch (attributes & 0x07) {
    case Codec.none:
      return body;
    case Codec.gzip:
      try {
        return zlib.gunzipSync(body, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
      } catch (err) {
        throw new InvalidRecordError(`Failed to decompress record stream: ${(err as Error).message}`);
      }
    default:
      return null;
  }
}

function zigzagVarint(out: number[], n: number): void {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Encodes records (uncompressed) with the given offset deltas, as Kafka's DefaultRecord does. */
export function encodeRecords(records: readonly RecordView[]): Buffer {
  const parts: Buffer[] = [];
  for (const r of records) {
    const head: number[] = [0];
    zigzagVarint(head, r.timestampDelta);
    zigzagVarint(head, r.offsetDelta);
    const body: Buffer[] = [];
    const lenOf = (b: Buffer | null) => {
      const x: number[] = [];
      zigzagVarint(x, b === null ? -1 : b.length);
      return Buffer.from(x);
    };
    body.push(Buffer.from(head), lenOf(r.key));
    if (r.key) body.push(r.key);
    body.push(lenOf(r.value));
    if (r.value) body.push(r.value);
    const hc: number[] = [];
    zigzagVarint(hc, r.headers.length);
    body.push(Buffer.from(hc));
    for (const h of r.headers) {
      body.push(lenOf(h.key), h.key, lenOf(h.value));
      if (h.value) body.push(h.value);
    }
    const content = Buffer.concat(body);
    const size: number[] = [];
    zigzagVarint(size, content.length);
    parts.push(Buffer.from(size), content);
  }
  return Buffer.concat(parts);
}
