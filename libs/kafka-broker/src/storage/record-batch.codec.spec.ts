import { buildRecordBatch } from '../../test/support/record-batch.builder';
import { BATCH, readBatchHeader, setBaseOffset, validateRecords } from './record-batch.codec';

describe('record batch codec', () => {
  const batch = () => buildRecordBatch([{ key: 'k', value: 'v1' }, { value: 'v2', timestampDelta: 5 }], { baseTimestamp: 1000 });

  it('reads the header fields', () => {
    const h = readBatchHeader(batch());
    expect(h).toMatchObject({ baseOffset: 0, magic: 2, lastOffsetDelta: 1, baseTimestamp: 1000, maxTimestamp: 1005, producerId: -1, recordCount: 2 });
    expect(h.size).toBe(batch().length);
  });

  it('accepts several concatenated batches and rejects a flipped bit anywhere in the CRC range', () => {
    const two = Buffer.concat([batch(), batch()]);
    const ok = validateRecords(two);
    expect(ok.ok && ok.batches.length).toBe(2);
    const b = batch();
    for (let i = BATCH.ATTRIBUTES; i < b.length; i += 3) {
      const bad = Buffer.from(b);
      bad[i] ^= 0x10;
      expect(validateRecords(bad).ok).toBe(false);
    }
  });

  it('rejects truncated batches, bad lengths, old magic and empty data', () => {
    const b = batch();
    expect(validateRecords(b.subarray(0, b.length - 1))).toEqual({ ok: false, error: 'corrupt' });
    expect(validateRecords(b.subarray(0, 30))).toEqual({ ok: false, error: 'corrupt' });
    expect(validateRecords(Buffer.alloc(0))).toEqual({ ok: false, error: 'empty' });
    const badLen = Buffer.from(b);
    badLen.writeInt32BE(-5, BATCH.LENGTH);
    expect(validateRecords(badLen).ok).toBe(false);
    const old = Buffer.from(b);
    old.writeInt8(1, BATCH.MAGIC);
    expect(validateRecords(old)).toEqual({ ok: false, error: 'magic' });
  });

  it('rewriting the base offset keeps the CRC valid', () => {
    const b = batch();
    setBaseOffset(b, 123456789);
    expect(readBatchHeader(b).baseOffset).toBe(123456789);
    expect(validateRecords(b).ok).toBe(true);
  });
});
