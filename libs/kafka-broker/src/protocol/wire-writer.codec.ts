const CHUNK = 16 * 1024;

/**
 * Builds one response as a list of buffers. Small fields go into a scratch buffer; large payloads
 * (record batches) are appended by reference with {@link WireWriter.raw}, so fetch responses never
 * copy log data. {@link WireWriter.frame} prepends the int32 size.
 */
export class WireWriter {
  private chunks: Buffer[] = [];
  private cur: Buffer;
  private pos = 0;
  private flushedBytes = 0;

  constructor(initial = 256) {
    this.cur = Buffer.allocUnsafe(initial);
  }

  /** Total bytes written so far. */
  get length(): number {
    return this.flushedBytes + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.cur.length) return;
    this.flushCur();
    this.cur = Buffer.allocUnsafe(Math.max(CHUNK, n));
  }

  private flushCur(): void {
    if (this.pos > 0) {
      this.chunks.push(this.cur.subarray(0, this.pos));
      this.flushedBytes += this.pos;
      this.cur = this.cur.subarray(this.pos);
      this.pos = 0;
    }
  }

  int8(v: number): this {
    this.ensure(1);
    this.cur.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.cur.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.cur.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: number | bigint): this {
    this.ensure(8);
    this.cur.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  uvarint(v: number): this {
    this.ensure(5);
    let n = v >>> 0;
    while (n >= 0x80) {
      this.cur[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.cur[this.pos++] = n;
    return this;
  }

  string(s: string): this {
    const len = Buffer.byteLength(s);
    this.int16(len);
    this.ensure(len);
    this.pos += this.cur.write(s, this.pos, 'utf8');
    return this;
  }

  nullableString(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.int16(-1);
    return this.string(s);
  }

  compactString(s: string): this {
    const len = Buffer.byteLength(s);
    this.uvarint(len + 1);
    this.ensure(len);
    this.pos += this.cur.write(s, this.pos, 'utf8');
    return this;
  }

  compactNullableString(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.uvarint(0);
    return this.compactString(s);
  }

  bytes(b: Buffer): this {
    this.int32(b.length);
    return this.raw(b);
  }

  nullableBytes(b: Buffer | null | undefined): this {
    if (b === null || b === undefined) return this.int32(-1);
    return this.bytes(b);
  }

  /** Appends a buffer by reference when large, by copy when small. */
  raw(b: Buffer): this {
    if (b.length <= 512) {
      this.ensure(b.length);
      b.copy(this.cur, this.pos);
      this.pos += b.length;
    } else {
      this.flushCur();
      this.chunks.push(b);
      this.flushedBytes += b.length;
    }
    return this;
  }

  array<T>(items: readonly T[], write: (w: this, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, write: (w: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    return this.array(items, write);
  }

  compactArray<T>(items: readonly T[], write: (w: this, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) write(this, item);
    return this;
  }

  /** Empty tagged-field section. */
  tagBuffer(): this {
    return this.uvarint(0);
  }

  /** The written buffers, without a size prefix. */
  buffers(): Buffer[] {
    this.flushCur();
    return this.chunks;
  }

  /** The buffers of a complete frame: int32 size prefix followed by the content. */
  frame(): Buffer[] {
    const body = this.buffers();
    const size = Buffer.allocUnsafe(4);
    size.writeInt32BE(this.flushedBytes, 0);
    return [size, ...body];
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.buffers());
  }
}
