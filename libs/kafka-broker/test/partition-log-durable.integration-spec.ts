import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GroupOffsetStore } from '../src/storage/group-offsets.store';
import { PartitionLog, PartitionLogConfig } from '../src/storage/partition-log.store';
import { appendValues, batchRanges } from './support/log-helpers';

describe('durable PartitionLog and GroupOffsetStore', () => {
  let dir: string;
  const config: PartitionLogConfig = { segmentBytes: 4096, flushMode: 'every-batch' };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-log-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const segmentFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort();

  it('persists batches across segments and reopens them identically', async () => {
    const log = PartitionLog.open(dir, config);
    const values = Array.from({ length: 200 }, (_, i) => `value-${i}-${'p'.repeat(i % 50)}`);
    for (let i = 0; i < values.length; i += 2) {
      const r = appendValues(log, values.slice(i, i + 2));
      await r.durable;
    }
    expect(segmentFiles().length).toBeGreaterThan(3);
    const before = log.read(0, 1 << 24, true).records as Buffer;
    await log.close();
    const reopened = PartitionLog.open(dir, config);
    expect(reopened.logEndOffset).toBe(200);
    expect(reopened.read(0, 1 << 24, true).records).toEqual(before);
    // Every offset finds the batch containing it, across segment boundaries.
    for (let o = 0; o < 200; o += 7) expect(batchRanges(reopened.read(o, 1, true).records)[0]).toEqual([o - (o % 2), o - (o % 2) + 1]);
    expect(appendValues(reopened, ['next']).baseOffset).toBe(200);
    await reopened.close();
  });

  it('truncates a torn tail (partial batch) and a corrupt last batch on recovery, never serving them', async () => {
    const log = PartitionLog.open(dir, config);
    for (let i = 0; i < 5; i++) await appendValues(log, [`ok-${i}`]).durable;
    // Simulate a crash: no close(); then damage the tail of the active segment.
    const file = path.join(dir, segmentFiles()[segmentFiles().length - 1]);
    const good = fs.statSync(file).size;
    const torn = Buffer.from(fs.readFileSync(file).subarray(0, 40)); // a partial copy of a batch header
    fs.appendFileSync(file, torn);
    let reopened = PartitionLog.open(dir, config);
    expect(fs.statSync(file).size).toBe(good);
    expect(reopened.logEndOffset).toBe(5);
    await reopened.close();

    // Flip one byte inside the last batch: its CRC fails, it is dropped.
    const data = fs.readFileSync(file);
    data[data.length - 3] ^= 0xff;
    fs.writeFileSync(file, data);
    reopened = PartitionLog.open(dir, config);
    expect(reopened.logEndOffset).toBe(4);
    expect(batchRanges(reopened.read(0, 1 << 20, true).records)).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(appendValues(reopened, ['after']).baseOffset).toBe(4);
    await reopened.close();
  });

  it('keeps idempotent-producer state across a crash and across a clean restart', async () => {
    const p = { producerId: 1000, producerEpoch: 0 };
    const log = PartitionLog.open(dir, { ...config, segmentBytes: 300 });
    for (let s = 0; s < 12; s++) await appendValues(log, [`s${s}-${'q'.repeat(100)}`], { ...p, baseSequence: s }).durable;
    // crash: reopen without close
    const crashed = PartitionLog.open(dir, { ...config, segmentBytes: 300 });
    expect(appendValues(crashed, [`s11-${'q'.repeat(100)}`], { ...p, baseSequence: 11 })).toMatchObject({ errorCode: 0, baseOffset: 11 });
    expect(appendValues(crashed, ['s12'], { ...p, baseSequence: 12 })).toMatchObject({ errorCode: 0, baseOffset: 12 });
    await crashed.close();
    const clean = PartitionLog.open(dir, { ...config, segmentBytes: 300 });
    expect(appendValues(clean, ['s12'], { ...p, baseSequence: 12 })).toMatchObject({ errorCode: 0, baseOffset: 12 });
    expect(appendValues(clean, ['s13'], { ...p, baseSequence: 13 })).toMatchObject({ errorCode: 0, baseOffset: 13 });
    expect(appendValues(clean, ['bad'], { ...p, baseSequence: 20 }).errorCode).toBe(45);
    await clean.close();
  });

  it('deletes old segment files under size retention and keeps serving from the new log start', async () => {
    const log = PartitionLog.open(dir, { ...config, segmentBytes: 1024, retentionBytes: 2048 });
    for (let i = 0; i < 50; i++) await appendValues(log, ['r'.repeat(200)]).durable;
    const before = segmentFiles().length;
    log.applyRetention();
    expect(segmentFiles().length).toBeLessThan(before);
    expect(log.logStartOffset).toBeGreaterThan(0);
    const start = log.logStartOffset;
    await log.close();
    const reopened = PartitionLog.open(dir, { ...config, segmentBytes: 1024 });
    expect(reopened.logStartOffset).toBe(start);
    expect(reopened.logEndOffset).toBe(50);
    await reopened.close();
  });

  it("'interval' flush answers acks=-1 only after the next periodic flush", async () => {
    const log = PartitionLog.open(dir, { ...config, flushMode: 'interval' });
    const r = appendValues(log, ['a'], {}, -1);
    let done = false;
    void r.durable?.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    log.intervalFlush();
    await r.durable;
    expect(done).toBe(true);
    expect(appendValues(log, ['b'], {}, 1).durable).toBeNull();
    await log.close();
  });

  it('group offsets: replayed after a crash, a torn last line is dropped', () => {
    const store = new GroupOffsetStore(dir);
    store.load();
    store.commit('g1', [{ topic: 't', partition: 0, offset: 10, metadata: null }]);
    store.commit('g1', [{ topic: 't', partition: 0, offset: 12, metadata: 'm' }, { topic: 't', partition: 1, offset: 3, metadata: null }]);
    store.recordGroup('g1', { generation: 4, protocolType: 'consumer', protocol: 'range' });
    // crash without close, plus half a line at the tail
    fs.appendFileSync(path.join(dir, 'groups', 'offsets.log'), '1234abcd {"t":"c","g":"g1","e":[["t",0,99');
    const again = new GroupOffsetStore(dir);
    again.load();
    expect(again.get('g1', 't', 0)).toEqual({ offset: 12, metadata: 'm' });
    expect(again.get('g1', 't', 1)).toEqual({ offset: 3, metadata: null });
    expect(again.groupRecord('g1')).toEqual({ generation: 4, protocolType: 'consumer', protocol: 'range' });
    again.commit('g1', [{ topic: 't', partition: 0, offset: 13, metadata: null }]);
    again.close();
    const third = new GroupOffsetStore(dir);
    third.load();
    expect(third.get('g1', 't', 0)?.offset).toBe(13);
    third.close();
  });
});
