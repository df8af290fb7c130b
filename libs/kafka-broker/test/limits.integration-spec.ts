import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { kcat, requireKcat } from './support/kcat';
import { RawKafkaClient } from './support/raw-kafka.client';
import { unique, waitFor } from './support/wait';

const MiB = 1024 * 1024;

/** Size limits as Kafka enforces them: message.max.bytes, socket.request.max.bytes, bounded buffering. */
describe('limits: message.max.bytes, socket.request.max.bytes, request memory', () => {
  let broker: KafkaBroker;
  let kafka: Kafka;
  const logs: string[] = [];
  let tmp: string;

  beforeAll(async () => {
    requireKcat();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-limits-'));
    broker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: (l) => logs.push(l) });
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  });
  afterAll(async () => {
    await broker?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a record batch over message.max.bytes (1048588) with MESSAGE_TOO_LARGE and stores nothing — kafkajs and kcat', async () => {
    const topic = unique('too-large');
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      for (const size of [2 * MiB, 20 * MiB]) {
        await expect(producer.send({ topic, messages: [{ value: Buffer.alloc(size, 'x') }] })).rejects.toMatchObject({
          type: 'MESSAGE_TOO_LARGE',
        });
      }
      // Just under the limit (batch overhead included) is accepted.
      const [ok] = await producer.send({ topic, messages: [{ value: Buffer.alloc(1_048_588 - 200, 'y') }] });
      expect(ok).toMatchObject({ errorCode: 0, baseOffset: '0' });
    } finally {
      await producer.disconnect();
    }

    // librdkafka checks its own message.max.bytes (1000000) first; raise it so the broker decides.
    const file = path.join(tmp, 'big.txt');
    fs.writeFileSync(file, 'z'.repeat(2 * MiB) + '\n');
    const res = await kcat(['-b', broker.bootstrap, '-P', '-t', topic, '-X', 'message.max.bytes=30000000', '-l', file]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Delivery failed for message: Broker: Message size too large/);
    const consumed = await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o:%S\n']);
    expect(consumed.stdout.trim().split('\n')).toEqual([`0:${1_048_588 - 200}`]);
  });

  it('closes a connection whose size prefix exceeds socket.request.max.bytes, before buffering its body', async () => {
    const c = await RawKafkaClient.connect(broker.port);
    const head = Buffer.alloc(4);
    head.writeInt32BE(104_857_600 + 1, 0);
    c.write(Buffer.concat([head, Buffer.alloc(MiB)]));
    expect(await c.nextFrame(5000)).toBeNull();
    expect(broker.bufferedRequestBytes).toBeLessThan(MiB);
    expect(logs.some((l) => /larger than socket\.request\.max\.bytes \(104857600\)/.test(l))).toBe(true);
  });
});

describe('limits: memory held by partly received requests is bounded', () => {
  let broker: KafkaBroker;
  const logs: string[] = [];

  beforeAll(async () => {
    broker = await KafkaBroker.start({
      port: 0,
      inMemory: true,
      initialRebalanceDelayMs: 0,
      queuedMaxRequestBytes: 16 * MiB,
      partialRequestTimeoutMs: 300,
      log: (l) => logs.push(l),
    });
  });
  afterAll(() => broker?.stop());

  it('eight connections each sending 40 MiB of a declared 100 MiB request: one is received at a time, small requests are still served, stalled ones are closed', async () => {
    const body = Buffer.alloc(40 * MiB, 1);
    const head = Buffer.alloc(4);
    head.writeInt32BE(100 * MiB, 0);
    const clients = await Promise.all(Array.from({ length: 8 }, () => RawKafkaClient.connect(broker.port)));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, broker.bufferedRequestBytes)), 5);
    try {
      for (const c of clients) {
        c.write(head);
        c.write(body);
      }
      await waitFor(() => broker.bufferedRequestBytes >= 40 * MiB, 'the first admitted request to arrive');
      // Heartbeats, metadata and the like never wait behind the large uploads.
      const small = await RawKafkaClient.connect(broker.port);
      expect((await small.call('ApiVersions', 2, {})).errorCode).toBe(0);
      small.close();
      // Each stalled request is closed after partialRequestTimeoutMs, which admits the next one.
      await waitFor(() => clients.every((c) => c.closed), 'every stalled connection to be closed', 30_000);
      await waitFor(() => broker.bufferedRequestBytes === 0, 'all request memory to be released');
    } finally {
      clearInterval(sampler);
      for (const c of clients) c.close();
    }
    // Without the pool all eight would have been buffered at once (320 MiB).
    expect(peak).toBeGreaterThanOrEqual(40 * MiB);
    expect(peak).toBeLessThan(40 * MiB + 8 * MiB);
    expect(logs.filter((l) => /40 MiB|received and nothing more for 300 ms/.test(l))).toHaveLength(8);
  });
});
