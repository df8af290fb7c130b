import { ProtocolError, WireReader } from './wire-reader.codec';
import { WireWriter } from './wire-writer.codec';

describe('WireReader / WireWriter', () => {
  it('round-trips every field type', () => {
    const big = Buffer.alloc(2000, 7);
    const w = new WireWriter(8)
      .int8(-3)
      .int16(-300)
      .int32(-70000)
      .int64(1234567890123)
      .string('héllo')
      .nullableString(null)
      .bytes(Buffer.from([1, 2]))
      .nullableBytes(null)
      .raw(big)
      .uvarint(300)
      .compactString('abc')
      .compactNullableString(null)
      .array([1, 2, 3], (x, n) => x.int32(n))
      .tagBuffer();
    const buf = w.toBuffer();
    expect(w.length).toBe(buf.length);
    const r = new WireReader(buf);
    expect([r.int8(), r.int16(), r.int32(), r.int64(), r.string(), r.nullableString()]).toEqual([-3, -300, -70000, 1234567890123, 'héllo', null]);
    expect(r.bytes()).toEqual(Buffer.from([1, 2]));
    expect(r.nullableBytes()).toBeNull();
    r.pos += big.length;
    expect(r.uvarint()).toBe(300);
    expect(r.compactString()).toBe('abc');
    expect(r.compactNullableString()).toBeNull();
    expect(r.array((x) => x.int32())).toEqual([1, 2, 3]);
    r.tagBuffer();
    expect(r.remaining).toBe(0);
  });

  it('frames carry the size prefix', () => {
    const frame = Buffer.concat(new WireWriter().int32(5).frame());
    expect(frame).toEqual(Buffer.from([0, 0, 0, 4, 0, 0, 0, 5]));
  });

  it('throws ProtocolError on truncation, lying lengths and huge array counts', () => {
    expect(() => new WireReader(Buffer.from([0])).int16()).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0, 5, 65])).string()).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0xff, 0xff])).string()).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0, 0, 0, 9, 1])).bytes()).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).array((x) => x.int8())).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint()).toThrow(ProtocolError);
    expect(() => new WireReader(Buffer.from([0x05, 0x01, 0x02])).tagBuffer()).toThrow(ProtocolError);
    expect(new WireReader(Buffer.from([0xff, 0xff, 0xff, 0xff])).nullableArray((x) => x.int8())).toBeNull();
  });

  it('decodes zig-zag varints and varlongs', () => {
    expect(new WireReader(Buffer.from([0x01])).varint()).toBe(-1);
    expect(new WireReader(Buffer.from([0x02])).varint()).toBe(1);
    expect(new WireReader(Buffer.from([0xac, 0x02])).varint()).toBe(150);
    expect(new WireReader(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f])).varint()).toBe(2147483647);
    const varlong = (v: bigint): Buffer => {
      let z = (v << 1n) ^ (v >> 63n);
      z = BigInt.asUintN(64, z);
      const out: number[] = [];
      while (z >= 0x80n) {
        out.push(Number(z & 0x7fn) | 0x80);
        z >>= 7n;
      }
      out.push(Number(z));
      return Buffer.from(out);
    };
    for (const v of [0n, -1n, 1741900000000n, -1741900000000n, 2n ** 52n]) {
      expect(new WireReader(varlong(v)).varlong()).toBe(Number(v));
    }
  });
});
