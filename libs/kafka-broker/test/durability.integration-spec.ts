import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { BrokerProcess } from './support/broker-process';
import { waitFor } from './support/wait';

/**
 * The broker runs as a child process (the CLI) so that it can be killed with SIGKILL: everything
 * acknowledged with acks=-1 and every committed group offset must survive.
 */
describe('durability across SIGKILL (broker CLI in a child process)', () => {
  let dataDir: string;
  let proc: BrokerProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-durable-'));
  });
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) await proc.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acks=-1 message in order and every committed offset', async () => {
    const topic = 'durable.events.v1';
    const groupId = 'durable-group';
    proc = await BrokerProcess.start(['--data-dir', dataDir]);
    let kafka = new Kafka({ brokers: [proc.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });

    // 1. N messages acknowledged with acks=-1 (idempotent producer, keys spread over both partitions).
    const N = 3000;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const acked = new Map<number, string[]>([
      [0, []],
      [1, []],
    ]);
    for (let i = 0; i < N; i += 100) {
      const messages = Array.from({ length: 100 }, (_, j) => ({ key: `k${(i + j) % 10}`, value: `m-${i + j}`, partition: (i + j) % 2 }));
      await producer.send({ topic, acks: -1, messages });
      for (const m of messages) acked.get(m.partition)?.push(m.value);
    }

    // 2. A group consumes part of it and commits.
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (Number(message.offset) < 700) consumed++;
      },
    });
    await waitFor(() => consumed >= 1400, 'the group to consume 700 per partition');
    await consumer.commitOffsets([0, 1].map((partition) => ({ topic, partition, offset: '700' })));
    await waitFor(async () => {
      const o = await admin.fetchOffsets({ groupId, topics: [topic] });
      return o[0].partitions.every((p) => p.offset === '700');
    }, 'committed offsets 700/700');
    await consumer.disconnect();
    expect(consumed).toBe(1400);

    // 3. More acks=-1 sends in flight when the broker is killed.
    const inflight = (async () => {
      for (let i = N; i < N + 100_000; i += 50) {
        const messages = Array.from({ length: 50 }, (_, j) => ({ value: `m-${i + j}`, partition: (i + j) % 2 }));
        try {
          await producer.send({ topic, acks: -1, messages });
        } catch {
          return;
        }
        for (const m of messages) acked.get(m.partition)?.push(m.value);
      }
    })();
    await waitFor(() => (acked.get(0)?.length ?? 0) + (acked.get(1)?.length ?? 0) >= N + 500, 'in-flight produce to progress');
    const killed = await proc.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    await inflight;
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);

    // A crash can also leave half a batch at the end of a segment: simulate one on partition 0.
    const partitionDir = path.join(dataDir, 'topics', topic, '0');
    const active = fs.readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort().pop() as string;
    const activeFile = path.join(partitionDir, active);
    const sizeBefore = fs.statSync(activeFile).size;
    const lastBytes = fs.readFileSync(activeFile).subarray(sizeBefore - 200);
    fs.appendFileSync(activeFile, lastBytes.subarray(0, 150));

    // 4. Restart on the same data dir.
    proc = await BrokerProcess.start(['--data-dir', dataDir]);
    expect(proc.output).toMatch(/truncated 150 torn bytes/);
    expect(fs.statSync(activeFile).size).toBe(sizeBefore);
    kafka = new Kafka({ brokers: [proc.bootstrap], logLevel: logLevel.NOTHING });
    const admin2 = kafka.admin();
    await admin2.connect();
    const offsets = await admin2.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0].partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
      [0, '700'],
      [1, '700'],
    ]);
    const ends = await admin2.fetchTopicOffsets(topic);
    for (const p of ends) expect(Number(p.high)).toBeGreaterThanOrEqual(acked.get(p.partition)?.length ?? 0);

    // Everything acknowledged is there, in order, from the start of each partition.
    const reader = kafka.consumer({ groupId: 'durable-reader', maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const read = new Map<number, string[]>([
      [0, []],
      [1, []],
    ]);
    await reader.run({ eachMessage: async ({ partition, message }) => void read.get(partition)?.push(String(message.value)) });
    await waitFor(
      () => [0, 1].every((p) => (read.get(p)?.length ?? 0) >= (acked.get(p)?.length ?? 0)),
      'all acknowledged messages readable after restart',
    );
    await reader.disconnect();
    for (const p of [0, 1]) {
      const got = read.get(p) ?? [];
      const want = acked.get(p) ?? [];
      expect(got.slice(0, want.length)).toEqual(want);
    }

    // The original group resumes exactly at its committed offsets.
    const resumed = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await resumed.connect();
    await resumed.subscribe({ topic, fromBeginning: true });
    const firstSeen = new Map<number, string>();
    await resumed.run({
      eachMessage: async ({ partition, message }) => {
        if (!firstSeen.has(partition)) firstSeen.set(partition, message.offset);
      },
    });
    await waitFor(() => firstSeen.size === 2, 'the group to resume on both partitions');
    await resumed.disconnect();
    expect([...firstSeen.values()]).toEqual(['700', '700']);
    await admin2.disconnect();

    const stopped = await proc.kill('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(proc.output).toMatch(/stopped/);
  });
});
