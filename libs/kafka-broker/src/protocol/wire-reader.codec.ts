/**
 * Thrown when a request cannot be decoded (truncated, negative lengths, garbage).
 * The connection that sent it is closed; the broker itself never crashes on it.
 */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Bounds-checked cursor over one Kafka request body. Every read checks the remaining length
 * first, so a truncated or lying frame raises {@link ProtocolError} instead of reading garbage.
 * Byte fields are returned as `subarray` views of the frame (no copy): callers that keep them
 * beyond the request must copy.
 */
export class WireReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new ProtocolError(`truncated: need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`);
    }
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** int64 as a JS number; offsets and timestamps stay well inside 2^53. */
  int64(): number {
    this.need(8);
    const v = Number(this.buf.readBigInt64BE(this.pos));
    this.pos += 8;
    return v;
  }

  int64Big(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Unsigned LEB128 varint (at most 5 bytes, 32 bits). */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      this.need(1);
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    throw new ProtocolError('varint too long');
  }

  /** Zig-zag signed varint (32 bits). */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zig-zag signed varlong (up to 64 bits, returned as a JS number). */
  varlong(): number {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      this.need(1);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        const v = (result >> 1n) ^ -(result & 1n);
        return Number(v);
      }
      shift += 7n;
    }
    throw new ProtocolError('varlong too long');
  }

  private utf8(len: number): string {
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  string(): string {
    const len = this.int16();
    if (len < 0) throw new ProtocolError('null where a string is required');
    return this.utf8(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    return this.utf8(len);
  }

  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolError('null where a compact string is required');
    return s;
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    return this.utf8(n - 1);
  }

  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolError('null where bytes are required');
    return b;
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    this.need(len);
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    if (n === 0) return null;
    this.need(n - 1);
    const b = this.buf.subarray(this.pos, this.pos + n - 1);
    this.pos += n - 1;
    return b;
  }

  /**
   * Array with an int32 length. Each element needs at least one byte, so a count larger than the
   * remaining bytes is rejected before any allocation (defends against 2^31 element claims).
   */
  array<T>(item: (r: WireReader) => T): T[] {
    const n = this.int32();
    if (n < 0) throw new ProtocolError('null where an array is required');
    return this.items(n, item);
  }

  nullableArray<T>(item: (r: WireReader) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    return this.items(n, item);
  }

  compactArray<T>(item: (r: WireReader) => T): T[] | null {
    const n = this.uvarint();
    if (n === 0) return null;
    return this.items(n - 1, item);
  }

  private items<T>(n: number, item: (r: WireReader) => T): T[] {
    if (n > this.remaining) throw new ProtocolError(`array count ${n} exceeds remaining bytes`);
    const out: T[] = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }

  /** Skips a tagged-field section (flexible versions). */
  tagBuffer(): void {
    const n = this.uvarint();
    if (n > this.remaining) throw new ProtocolError('tag count exceeds remaining bytes');
    for (let i = 0; i < n; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.need(size);
      this.pos += size;
    }
  }
}
