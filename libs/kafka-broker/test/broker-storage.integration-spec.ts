import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker, KafkaBrokerOptions } from '../src';
import { unique, waitFor } from './support/wait';

describe('durable broker: restart, retention, flush policy, topic deletion', () => {
  let dataDir: string;
  const brokers: KafkaBroker[] = [];
  const lines: string[] = [];

  const start = async (over: KafkaBrokerOptions = {}) => {
    const b = await KafkaBroker.start({ port: 0, dataDir, initialRebalanceDelayMs: 0, log: (l) => lines.push(l), ...over });
    brokers.push(b);
    return b;
  };
  const client = (b: KafkaBroker) => new Kafka({ brokers: [b.bootstrap], logLevel: logLevel.NOTHING });

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-storage-'));
  });
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a clean stop and start keeps topics, messages and offsets; logs start/stop/topic lines', async () => {
    let broker = await start();
    const topic = unique('restart');
    let kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    await producer.disconnect();
    await broker.stop();
    expect(lines.some((l) => l.includes(`created topic ${topic}`))).toBe(true);
    expect(lines.some((l) => /listening on/.test(l))).toBe(true);
    expect(lines.some((l) => /stopped/.test(l))).toBe(true);

    broker = await start();
    kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain(topic);
    expect(await admin.fetchTopicOffsets(topic)).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '2' })]);
    await admin.disconnect();
  });

  it('retention by size deletes old segments; consumers from the beginning start at the new log start', async () => {
    const broker = await start({ retention: { bytes: 64 * 1024, segmentBytes: 16 * 1024, checkIntervalMs: 50 } });
    const topic = unique('retention');
    const kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 40; i++) {
      await producer.send({ topic, messages: Array.from({ length: 5 }, (_, j) => ({ value: `${i}-${j}-${'r'.repeat(1000)}` })) });
    }
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const segmentFiles = () => fs.readdirSync(path.join(dataDir, 'topics', topic, '0')).filter((f) => f.endsWith('.log'));
    const bytesOnDisk = () => segmentFiles().reduce((n, f) => n + fs.statSync(path.join(dataDir, 'topics', topic, '0', f)).size, 0);
    // Whole segments go: at most retention.bytes plus one segment stays.
    await waitFor(() => bytesOnDisk() <= 64 * 1024 + 16 * 1024, 'retention to delete old segments');
    const offsets = (await admin.fetchTopicOffsets(topic))[0];
    expect(Number(offsets.low)).toBeGreaterThan(0);
    expect(offsets.high).toBe('200');
    expect(Number(segmentFiles()[0].slice(0, 20))).toBe(Number(offsets.low));
    await admin.disconnect();

    const consumer = kafka.consumer({ groupId: unique('ret-g'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.offset) });
    await waitFor(() => seen.length > 0 && seen[seen.length - 1] === '199', 'the tail of the retained log');
    await consumer.disconnect();
    expect(seen[0]).toBe(offsets.low);
  });

  it('retention by age deletes segments whose newest record is older than retention.ms', async () => {
    const broker = await start({ retention: { ms: 60_000, segmentBytes: 4096, checkIntervalMs: 50 } });
    const topic = unique('age');
    const kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    const old = Date.now() - 3_600_000;
    for (let i = 0; i < 10; i++) await producer.send({ topic, messages: [{ value: 'o'.repeat(1000), timestamp: String(old) }] });
    await producer.send({ topic, messages: [{ value: 'fresh' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    // 4 KiB segments hold three of these records: [0-2] [3-5] [6-8] expire; [9, 10] holds a fresh one.
    await waitFor(async () => (await admin.fetchTopicOffsets(topic))[0].low === '9', 'old segments to expire');
    // ListOffsets by timestamp: the first record at or after "an hour ago + 1 ms" is the fresh one.
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, old + 1)).toEqual([{ partition: 0, offset: '10' }]);
    await admin.disconnect();
  });

  it("'interval' flush: acks=-1 is answered after the periodic fsync, acks=1 at once", async () => {
    const broker = await start({ flush: { mode: 'interval', intervalMs: 1000 } });
    const topic = unique('interval');
    const kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'warm' }], acks: 1 });
    const t1 = Date.now();
    await producer.send({ topic, messages: [{ value: 'fast' }], acks: 1 });
    const acks1 = Date.now() - t1;
    const durations: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      await producer.send({ topic, messages: [{ value: `durable-${i}` }], acks: -1 });
      durations.push(Date.now() - t);
    }
    await producer.disconnect();
    // The tick is long (1 s) so that load on the machine cannot blur the difference: acks=1 does not
    // wait for it; each acks=-1 send waits for the next tick, so three in a row span more than one.
    expect(acks1).toBeLessThan(1000);
    expect(durations.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
  });

  it('start fails cleanly (rejects, no crash) when the port is taken', async () => {
    const first = await start({ inMemory: true, dataDir: undefined });
    await expect(KafkaBroker.start({ port: first.port, inMemory: true, log: () => undefined })).rejects.toThrow(/EADDRINUSE/);
    await expect(KafkaBroker.start({ port: 0, log: () => undefined })).rejects.toThrow(/dataDir is required/);
  });

  it('deleting a topic removes its files, and the name can be used again', async () => {
    const broker = await start();
    const topic = unique('deleted');
    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    expect(fs.existsSync(path.join(dataDir, 'topics', topic, '1'))).toBe(true);
    await admin.deleteTopics({ topics: [topic] });
    expect(fs.existsSync(path.join(dataDir, 'topics', topic))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'topics'))).toEqual([]);
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })).toBe(true);
    expect((await admin.fetchTopicOffsets(topic))[0].high).toBe('0');
    await admin.disconnect();
  });
});
