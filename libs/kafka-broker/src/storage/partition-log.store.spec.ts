import { appendValues, batchRanges } from '../../test/support/log-helpers';
import { buildRecordBatch } from '../../test/support/record-batch.builder';
import { PartitionLog } from './partition-log.store';
import { validateRecords } from './record-batch.codec';

describe('PartitionLog (in-memory)', () => {
  const config = { segmentBytes: 2048, flushMode: 'os' as const };

  it('assigns contiguous offsets and reads whole batches from any offset inside them', () => {
    const log = PartitionLog.inMemory(config);
    expect(appendValues(log, ['a', 'b', 'c']).baseOffset).toBe(0);
    expect(appendValues(log, ['d']).baseOffset).toBe(3);
    expect(appendValues(log, ['e', 'f']).baseOffset).toBe(4);
    expect(log.logEndOffset).toBe(6);
    expect(batchRanges(log.read(0, 1 << 20, true).records)).toEqual([[0, 2], [3, 3], [4, 5]]);
    expect(batchRanges(log.read(2, 1 << 20, true).records)).toEqual([[0, 2], [3, 3], [4, 5]]);
    expect(batchRanges(log.read(3, 1 << 20, true).records)).toEqual([[3, 3], [4, 5]]);
    expect(batchRanges(log.read(5, 1 << 20, true).records)).toEqual([[4, 5]]);
    expect(log.read(6, 1 << 20, true)).toEqual({ errorCode: 0, records: null });
    expect(log.read(7, 1 << 20, true).errorCode).toBe(1);
    expect(log.read(-1, 1 << 20, true).errorCode).toBe(1);
  });

  it('trims to whole batches under maxBytes but always returns one batch when asked', () => {
    const log = PartitionLog.inMemory(config);
    for (let i = 0; i < 5; i++) appendValues(log, ['x'.repeat(100)]);
    const one = log.read(0, 10, true).records as Buffer;
    expect(batchRanges(one)).toEqual([[0, 0]]);
    expect(log.read(0, 10, false).records).toBeNull();
    const size = one.length;
    expect(batchRanges(log.read(0, size * 2 + 5, false).records)).toEqual([[0, 0], [1, 1]]);
  });

  it('rolls segments, reads across them and applies size retention on whole segments', () => {
    const log = PartitionLog.inMemory({ ...config, retentionBytes: 3000 });
    for (let i = 0; i < 40; i++) appendValues(log, [`v${i}-${'y'.repeat(200)}`]);
    expect(log.segmentCount).toBeGreaterThan(3);
    expect(batchRanges(log.read(0, 1 << 20, true).records).map((r) => r[0])).toEqual(Array.from({ length: 40 }, (_, i) => i));
    log.applyRetention();
    expect(log.sizeBytes).toBeLessThanOrEqual(3000 + 2048);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(log.read(0, 100, true).errorCode).toBe(1);
    expect(batchRanges(log.read(log.logStartOffset, 1 << 20, true).records)[0][0]).toBe(log.logStartOffset);
    expect(log.logEndOffset).toBe(40);
  });

  it('applies age retention using record timestamps', () => {
    const log = PartitionLog.inMemory({ ...config, retentionMs: 60_000 });
    const now = Date.now();
    for (let i = 0; i < 20; i++) appendValues(log, ['z'.repeat(300)], { baseTimestamp: now - 3_600_000 });
    for (let i = 0; i < 3; i++) appendValues(log, ['fresh'], { baseTimestamp: now });
    log.applyRetention(now);
    expect(log.logStartOffset).toBeGreaterThan(0);
    const left = batchRanges(log.read(log.logStartOffset, 1 << 20, true).records);
    expect(left[left.length - 1][0]).toBe(22);
    // Everything old: the active segment is rolled and dropped too.
    const old = PartitionLog.inMemory({ ...config, retentionMs: 1000 });
    appendValues(old, ['a'], { baseTimestamp: now - 10_000 });
    old.applyRetention(now);
    expect(old.logStartOffset).toBe(1);
    expect(old.logEndOffset).toBe(1);
  });

  it('finds offsets by timestamp, inside uncompressed batches', () => {
    const log = PartitionLog.inMemory(config);
    appendValues(log, ['a', 'b'], { baseTimestamp: 1000 });
    const v = validateRecords(buildRecordBatch([{ value: 'c' }, { value: 'd', timestampDelta: 50 }], { baseTimestamp: 2000 }));
    if (v.ok) log.append(v.views, v.batches, 1);
    expect(log.offsetForTimestamp(0)).toBe(0);
    expect(log.offsetForTimestamp(1000)).toBe(0);
    expect(log.offsetForTimestamp(1001)).toBe(2);
    expect(log.offsetForTimestamp(2010)).toBe(3);
    expect(log.offsetForTimestamp(2051)).toBe(-1);
  });

  it('idempotent producer: duplicates answer the original offset, gaps and old epochs are refused', () => {
    const log = PartitionLog.inMemory(config);
    const p = { producerId: 42, producerEpoch: 0 };
    expect(appendValues(log, ['a', 'b'], { ...p, baseSequence: 0 })).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(appendValues(log, ['c'], { ...p, baseSequence: 2 })).toMatchObject({ errorCode: 0, baseOffset: 2 });
    expect(appendValues(log, ['a', 'b'], { ...p, baseSequence: 0 })).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(appendValues(log, ['c'], { ...p, baseSequence: 2 })).toMatchObject({ errorCode: 0, baseOffset: 2 });
    expect(log.logEndOffset).toBe(3);
    expect(appendValues(log, ['x'], { ...p, baseSequence: 9 }).errorCode).toBe(45);
    expect(appendValues(log, ['x'], { producerId: 43, producerEpoch: 0, baseSequence: 1 }).errorCode).toBe(45);
    expect(appendValues(log, ['n'], { producerId: 42, producerEpoch: 1, baseSequence: 0 })).toMatchObject({ errorCode: 0, baseOffset: 3 });
    expect(appendValues(log, ['o'], { producerId: 42, producerEpoch: 0, baseSequence: 3 }).errorCode).toBe(47);
    expect(log.logEndOffset).toBe(4);
  });

  it('sequences wrap at int32 max', () => {
    const log = PartitionLog.inMemory(config);
    const p = { producerId: 7, producerEpoch: 0 };
    appendValues(log, ['a'], { ...p, baseSequence: 0 });
    // Pretend the producer has advanced to just below the wrap point.
    (log.producers as unknown as { producers: Map<number, { epoch: number; recent: unknown[] }> }).producers.set(7, {
      epoch: 0,
      recent: [{ firstSeq: 0x7ffffffe, lastSeq: 0x7ffffffe, baseOffset: 0 }],
    });
    expect(appendValues(log, ['b', 'c'], { ...p, baseSequence: 0x7fffffff }).errorCode).toBe(0);
    expect(appendValues(log, ['d'], { ...p, baseSequence: 1 }).errorCode).toBe(0);
  });

  it('compaction (in memory): the last record per key survives in closed segments, offsets kept, tombstones by age', () => {
    // segment.bytes 1: every batch gets its own segment.
    const log = PartitionLog.inMemory({ ...config, segmentBytes: 1, compact: true, deleteRetentionMs: 60_000 });
    const put = (key: string, value: string | null, ts = Date.now()) => {
      const v = validateRecords(buildRecordBatch([{ key, value }], { baseTimestamp: ts }));
      if (!v.ok) throw new Error('bad batch');
      return log.append(v.views, v.batches, 1).baseOffset;
    };
    put('a', '1');
    put('b', '1');
    put('a', '2');
    put('c', null, Date.now() - 120_000); // an old tombstone: removed
    put('b', null); // a recent tombstone: kept
    put('d', 'last'); // in the active segment: never compacted
    expect(log.segmentCount).toBe(6);
    const result = log.compact();
    expect(result.recordsAfter).toBeLessThan(result.recordsBefore);
    const records = log.read(0, 1 << 20, true).records as Buffer;
    expect(batchRanges(records).map((r) => r[0])).toEqual([2, 4, 5]);
    // A fetch from inside a removed range gets the next surviving batch.
    expect(batchRanges(log.read(1, 1 << 20, true).records).map((r) => r[0])).toEqual([2, 4, 5]);
    expect(batchRanges(log.read(3, 1 << 20, true).records).map((r) => r[0])).toEqual([4, 5]);
    expect(log.logEndOffset).toBe(6);
  });

  it('DeleteRecords raises the log start offset; reads below it are out of range', () => {
    const log = PartitionLog.inMemory({ ...config, segmentBytes: 200 });
    for (let i = 0; i < 10; i++) appendValues(log, [`v${i}-${'z'.repeat(60)}`]);
    expect(log.deleteRecordsBefore(4)).toEqual({ errorCode: 0, lowWatermark: 4 });
    expect(log.deleteRecordsBefore(2)).toEqual({ errorCode: 0, lowWatermark: 4 });
    expect(log.deleteRecordsBefore(11).errorCode).toBe(1);
    expect(log.read(3, 1 << 20, true).errorCode).toBe(1);
    expect(batchRanges(log.read(4, 1 << 20, true).records)[0]).toEqual([4, 4]);
    expect(log.deleteRecordsBefore(-1)).toEqual({ errorCode: 0, lowWatermark: 10 });
    expect(log.segmentCount).toBe(1);
    expect(appendValues(log, ['after']).baseOffset).toBe(10);
  });
});
