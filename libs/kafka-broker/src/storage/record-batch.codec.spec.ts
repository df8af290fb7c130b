import { buildRecordBatch } from '../../test/support/record-batch.builder';
import { BATCH, readBatchHeader, setBaseOffset, validateRecords } from './record-batch.codec';

describe('record batch codec', () => {
  const batch = () => buildRecordBatch([{ key: 'k', value: 'v1' }, { value: 'v2', timestampDelta: 5 }], { baseTimestamp: 1000 });
  const errorOf = (b: Buffer, policy = {}) => {
    const v = validateRecords(b, policy);
    return v.ok ? 'ok' : v.error;
  };

  it('reads the header fields', () => {
    const h = readBatchHeader(batch());
    expect(h).toMatchObject({ baseOffset: 0, magic: 2, lastOffsetDelta: 1, baseTimestamp: 1000, maxTimestamp: 1005, producerId: -1, recordCount: 2 });
    expect(h.size).toBe(batch().length);
  });

  it('rejects a flipped bit anywhere in the CRC range, and more than one batch per partition (as Kafka)', () => {
    expect(errorOf(Buffer.concat([batch(), batch()]))).toBe('invalid-record');
    const b = batch();
    for (let i = BATCH.ATTRIBUTES; i < b.length; i += 3) {
      const bad = Buffer.from(b);
      bad[i] ^= 0x10;
      expect(validateRecords(bad).ok).toBe(false);
    }
    const crc = Buffer.from(b);
    crc[crc.length - 1] ^= 1;
    expect(validateRecords(crc)).toMatchObject({ ok: false, error: 'corrupt', message: expect.stringMatching(/Record is corrupt/) });
  });

  it('rejects truncated batches, bad lengths, old magic and empty data', () => {
    const b = batch();
    expect(errorOf(b.subarray(0, b.length - 1))).toBe('corrupt');
    expect(errorOf(b.subarray(0, 30))).toBe('corrupt');
    expect(errorOf(Buffer.alloc(0))).toBe('invalid-record');
    const badLen = Buffer.from(b);
    badLen.writeInt32BE(-5, BATCH.LENGTH);
    expect(errorOf(badLen)).toBe('corrupt');
    const old = Buffer.from(b);
    old.writeInt8(1, BATCH.MAGIC);
    expect(errorOf(old)).toBe('magic');
  });

  it('checks message.max.bytes (log overhead included) before the CRC', () => {
    const b = batch();
    expect(errorOf(b, { maxBatchBytes: b.length })).toBe('ok');
    expect(errorOf(b, { maxBatchBytes: b.length - 1 })).toBe('too-large');
    b[b.length - 1] ^= 1;
    expect(errorOf(b, { maxBatchBytes: b.length - 1 })).toBe('too-large');
  });

  it('refuses batches whose CRC is right but whose content is inconsistent (INVALID_RECORD, as Kafka)', () => {
    const recs = [{ key: 'a', value: '1' }, { key: 'b', value: '2' }];
    const msg = (b: Buffer) => {
      const v = validateRecords(b);
      return v.ok ? 'ok' : `${v.error}: ${v.message}`;
    };
    expect(msg(buildRecordBatch(recs, { recordCount: 3 }))).toMatch(/invalid-record: Inconsistent batch offset range/);
    expect(msg(buildRecordBatch(recs, { recordCount: 3, lastOffsetDelta: 2 }))).toMatch(/invalid-record: Incorrect declared batch size, premature EOF/);
    expect(msg(buildRecordBatch(recs, { recordCount: 1, lastOffsetDelta: 0 }))).toMatch(/invalid-record: Incorrect declared batch size, records still remaining/);
    expect(msg(buildRecordBatch(recs, { recordCount: 0, lastOffsetDelta: -1 }))).toMatch(/invalid-record/);
    expect(msg(buildRecordBatch(recs, { offsetDeltas: [0, 5] }))).toMatch(/invalid-record: Record 1 has offset delta 5/);
    // Record length claiming more than the batch holds; a varint that never ends; negative header count.
    expect(msg(buildRecordBatch(recs, { rawRecords: Buffer.from([0x7e, 0, 0, 0]) , recordCount: 2 }))).toMatch(/invalid-record: Invalid record size/);
    expect(msg(buildRecordBatch([{ value: 'x' }], { rawRecords: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]) }))).toMatch(/invalid-record: Invalid record size: malformed length varint/);
    expect(msg(buildRecordBatch([{ value: 'x' }], { rawRecords: Buffer.from([0x0a, 0, 0, 0, 1, 1, 0x03]) }))).toMatch(/invalid-record/);
    // Control, transactional and LogAppendTime batches; an idempotent producer without a sequence.
    expect(errorOf(buildRecordBatch(recs, { attributes: 0x20 }))).toBe('invalid-record');
    expect(errorOf(buildRecordBatch(recs, { attributes: 0x10 }))).toBe('transactional');
    expect(errorOf(buildRecordBatch(recs, { attributes: 0x08 }))).toBe('invalid-timestamp');
    expect(errorOf(buildRecordBatch(recs, { producerId: 5, producerEpoch: 0, baseSequence: -1 }))).toBe('invalid-record');
  });

  it('walks gzip batches too, and requires keys on compacted topics', () => {
    expect(errorOf(buildRecordBatch([{ key: 'a', value: '1' }, { value: '2' }], { gzip: true }))).toBe('ok');
    expect(errorOf(buildRecordBatch([{ key: 'a', value: '1' }, { value: '2' }], { gzip: true, recordCount: 3, lastOffsetDelta: 2 }))).toBe('invalid-record');
    expect(errorOf(buildRecordBatch([{ key: 'a', value: '1' }], { gzip: true, rawRecords: Buffer.from('not gzip') }))).toBe('invalid-record');
    const keyless = buildRecordBatch([{ key: 'a', value: '1' }, { value: '2' }]);
    expect(errorOf(keyless, { requireKeys: true })).toBe('invalid-record');
    expect(errorOf(buildRecordBatch([{ key: 'a', value: null }]), { requireKeys: true })).toBe('ok');
  });

  it('rewriting the base offset keeps the CRC valid', () => {
    const b = batch();
    setBaseOffset(b, 123456789);
    expect(readBatchHeader(b).baseOffset).toBe(123456789);
    expect(validateRecords(b).ok).toBe(true);
  });
});
