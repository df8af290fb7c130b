import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { kcat, requireKcat } from './support/kcat';
import { RawKafkaClient, produceRawRecords } from './support/raw-kafka.client';
import { buildRecordBatch } from './support/record-batch.builder';
import { unique, waitFor } from './support/wait';

/**
 * Batches are validated on produce as Kafka's LogValidator does (a valid CRC is not enough), and
 * every segment's CRCs are checked when the broker opens a log. Before, a batch whose CRC was
 * right but whose record count was wrong was stored: kafkajs then crashed and kcat looped.
 */
describe('record batch validation on produce and at startup', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  const logs: string[] = [];

  const start = (over = {}) =>
    KafkaBroker.start({ port: 0, dataDir, initialRebalanceDelayMs: 0, log: (l) => logs.push(l), retention: { segmentBytes: 1024 }, ...over });

  beforeAll(async () => {
    requireKcat();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-validate-'));
    broker = await start();
  });
  afterAll(async () => {
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function readWithKafkajs(topic: string, count: number): Promise<string[]> {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: unique('validate-g'), maxWaitTimeInMs: 100 });
    const got: string[] = [];
    let crashed: unknown = null;
    consumer.on(consumer.events.CRASH, (e) => (crashed = e.payload.error));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void got.push(`${message.offset}:${String(message.value)}`) });
      await waitFor(() => got.length >= count || crashed, `${count} records from ${topic}`);
    } finally {
      await consumer.disconnect();
    }
    expect(crashed).toBeNull();
    return got;
  }

  it('refuses inconsistent batches with a valid CRC (87) and corrupt ones (2), stores nothing of them; kafkajs and kcat read the rest', async () => {
    const topic = unique('validate');
    const c = await RawKafkaClient.connect(broker.port);
    try {
      await c.call('Metadata', 4, { topics: [topic], allowAutoTopicCreation: true });
      const recs = [{ key: 'a', value: 'one' }, { key: 'b', value: 'two' }];
      const crcFlipped = buildRecordBatch(recs);
      crcFlipped[crcFlipped.length - 2] ^= 0x40;
      const cases: [string, Buffer, number][] = [
        ['count 5 but 2 records present', buildRecordBatch(recs, { recordCount: 5, lastOffsetDelta: 4 }), 87],
        ['count 1 but 2 records present', buildRecordBatch(recs, { recordCount: 1, lastOffsetDelta: 0 }), 87],
        ['count and last offset delta disagree', buildRecordBatch(recs, { recordCount: 3 }), 87],
        ['offset deltas not 0..n-1', buildRecordBatch(recs, { offsetDeltas: [0, 7] }), 87],
        ['a record length past the batch end', buildRecordBatch(recs, { rawRecords: Buffer.from([0x7e, 0, 2, 4]) }), 87],
        ['two batches in one partition', Buffer.concat([buildRecordBatch(recs), buildRecordBatch(recs)]), 87],
        ['a CRC mismatch', crcFlipped, 2],
      ];
      let id = 400;
      for (const [what, records, code] of cases) {
        expect({ what, ...(await produceRawRecords(c, topic, records, id++)) }).toEqual({ what, errorCode: code, baseOffset: -1 });
      }
      expect(await produceRawRecords(c, topic, buildRecordBatch(recs), id++)).toEqual({ errorCode: 0, baseOffset: 0 });
    } finally {
      c.close();
    }
    expect(await readWithKafkajs(topic, 2)).toEqual(['0:one', '1:two']);
    const read = await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o:%k=%s\n'], '', 15_000);
    expect(read.code).toBe(0);
    expect(read.stdout.trim().split('\n')).toEqual(['0:a=one', '1:b=two']);
  });

  it('checks every segment\'s CRCs at startup: a damaged old segment ends the log before it, with a clear log line', async () => {
    const topic = unique('crc-start');
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 12; i++) await producer.send({ topic, messages: [{ key: `k${i}`, value: `${i}-${'v'.repeat(300)}` }] });
    await producer.disconnect();
    await broker.stop();

    const dir = path.join(dataDir, 'topics', topic, '0');
    const segments = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort();
    expect(segments.length).toBeGreaterThanOrEqual(3);
    // Flip a byte inside the first batch of the second segment (an old, closed segment).
    const second = path.join(dir, segments[1]);
    const base = Number(segments[1].slice(0, 20));
    const data = fs.readFileSync(second);
    data[100] ^= 0xff;
    fs.writeFileSync(second, data);

    logs.length = 0;
    broker = await start();
    const line = logs.find((l) => l.includes('CRC mismatch'));
    expect(line).toMatch(new RegExp(`CRC mismatch .* in segment ${base} at byte 0: the partition now ends at offset ${base}; \\d+ byte\\(s\\) of that segment and \\d+ later segment\\(s\\) deleted`));
    // The restarted broker listens on a new port.
    const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ low: '0', high: String(base) });
    await admin.disconnect();
    const read = await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o\n'], '', 15_000);
    expect(read.stdout.trim().split('\n')).toEqual(Array.from({ length: base }, (_, i) => String(i)));
    expect(await readWithKafkajs(topic, base)).toHaveLength(base);
  });
});
