import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { apiVersionsV3Frame, rawFrame } from './support/frames';
import { Long, RawKafkaClient, encodeFrame } from './support/raw-kafka.client';
import { waitFor } from './support/wait';

/** Small deterministic PRNG (mulberry32) so that a failing run can be replayed by its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROTECTED_TOPIC = 'protected.baseline.events.v1';
const PROTECTED_GROUP = 'protected-baseline-group';
// Fuzzed requests name only these (different lengths from the protected names, so no single
// mutation can turn one into the other).
const FUZZ_TOPIC = 'fz';
const FUZZ_GROUP = 'fg';

/** Valid frames of every served API, as seeds for mutation. */
async function seedFrames(): Promise<Buffer[]> {
  const topicData = [
    { topic: FUZZ_TOPIC, partitions: [{ partition: 0, firstSequence: 0, messages: [{ key: 'k', value: 'v', headers: { h: 'x' } }, { value: null }] }] },
  ];
  const fetchTopics = [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 4096, logStartOffset: '0' }] }];
  const seeds: [string, number, Record<string, unknown>][] = [
    ['ApiVersions', 0, {}],
    ['ApiVersions', 2, {}],
    ['Metadata', 0, { topics: [FUZZ_TOPIC] }],
    ['Metadata', 4, { topics: [FUZZ_TOPIC], allowAutoTopicCreation: true }],
    ['Metadata', 6, { topics: [], allowAutoTopicCreation: false }],
    ['Produce', 3, { acks: -1, timeout: 100, topicData }],
    ['Produce', 7, { acks: 1, timeout: 100, topicData, producerId: Long.fromNumber(1), producerEpoch: 0 }],
    ['Produce', 7, { acks: 0, timeout: 100, topicData }],
    ['Fetch', 4, { replicaId: -1, maxWaitTime: 5, minBytes: 1, maxBytes: 8192, topics: fetchTopics, isolationLevel: 1 }],
    ['Fetch', 11, { replicaId: -1, maxWaitTime: 5, minBytes: 1, maxBytes: 8192, topics: fetchTopics, isolationLevel: 1, sessionId: 0, sessionEpoch: -1, forgottenTopics: [], rackId: '' }],
    ['ListOffsets', 0, { replicaId: -1, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, timestamp: -1 }] }] }],
    ['ListOffsets', 3, { replicaId: -1, isolationLevel: 1, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, timestamp: '-2' }] }] }],
    ['OffsetCommit', 5, { groupId: FUZZ_GROUP, groupGenerationId: -1, memberId: '', topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, offset: '1' }] }] }],
    ['OffsetCommit', 2, { groupId: FUZZ_GROUP, groupGenerationId: -1, memberId: '', retentionTime: -1, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, offset: '1' }] }] }],
    ['OffsetFetch', 1, { groupId: FUZZ_GROUP, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0 }] }] }],
    ['OffsetFetch', 4, { groupId: FUZZ_GROUP, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0 }] }] }],
    ['GroupCoordinator', 2, { groupId: FUZZ_GROUP, coordinatorType: 0 }],
    ['JoinGroup', 5, { groupId: FUZZ_GROUP, sessionTimeout: 300, rebalanceTimeout: 300, memberId: '', protocolType: 'consumer', groupProtocols: [{ name: 'rr', metadata: Buffer.from('meta') }] }],
    ['SyncGroup', 3, { groupId: FUZZ_GROUP, generationId: 1, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: Buffer.from('a') }] }],
    ['Heartbeat', 3, { groupId: FUZZ_GROUP, groupGenerationId: 1, memberId: 'm' }],
    ['LeaveGroup', 3, { groupId: FUZZ_GROUP, members: [{ memberId: 'm' }] }],
    ['LeaveGroup', 0, { groupId: FUZZ_GROUP, memberId: 'm' }],
    ['DescribeGroups', 2, { groupIds: [FUZZ_GROUP] }],
    ['ListGroups', 2, {}],
    ['CreateTopics', 3, { topics: [{ topic: FUZZ_TOPIC, numPartitions: 2, replicationFactor: 1 }], timeout: 100, validateOnly: false }],
    ['DeleteTopics', 1, { topics: [FUZZ_TOPIC], timeout: 100 }],
    ['InitProducerId', 1, { transactionalId: null, transactionTimeout: 100 }],
  ];
  const frames: Buffer[] = [];
  for (const [api, version, args] of seeds) frames.push(await encodeFrame(api, version, args, frames.length + 1));
  frames.push(apiVersionsV3Frame(99));
  return frames;
}

/** One mutated or random frame. */
function mutate(seeds: Buffer[], rnd: () => number): Buffer {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (n: number) => Math.floor(rnd() * n);
  const base = Buffer.from(pick(seeds));
  switch (int(9)) {
    case 0: {
      // flip random bits in the body (keep the size prefix)
      for (let i = 0, n = 1 + int(8); i < n; i++) base[4 + int(base.length - 4)] ^= 1 << int(8);
      return base;
    }
    case 1: {
      // overwrite a random int16/int32 field position with an extreme value
      const at = 4 + int(Math.max(1, base.length - 8));
      const v = pick([0, -1, 0x7fff, -0x8000, 0x7fffffff, -0x80000000, 1, 255]);
      if (rnd() < 0.5) base.writeInt16BE(Math.max(-0x8000, Math.min(0x7fff, v)), at);
      else base.writeInt32BE(v, at);
      return base;
    }
    case 2: {
      // truncate the body but keep the claimed size honest
      const len = 4 + int(base.length - 4);
      const cut = base.subarray(0, len);
      cut.writeInt32BE(len - 4, 0);
      return cut;
    }
    case 3: {
      // append garbage and claim it
      const extra = Buffer.from(Array.from({ length: int(64) }, () => int(256)));
      const out = Buffer.concat([base, extra]);
      out.writeInt32BE(out.length - 4, 0);
      return out;
    }
    case 4: {
      // random API key / version in an otherwise valid frame
      base.writeInt16BE(int(40) - 2, 4);
      base.writeInt16BE(int(14) - 2, 6);
      return base;
    }
    case 5: {
      // entirely random bytes with a plausible size
      const body = Buffer.from(Array.from({ length: 4 + int(200) }, () => int(256)));
      const size = Buffer.alloc(4);
      size.writeInt32BE(body.length, 0);
      return Buffer.concat([size, body]);
    }
    case 6: {
      // a lying size prefix (shorter, longer, negative, huge)
      base.writeInt32BE(pick([0, 3, 7, -1, -100, 0x7fffffff, base.length + int(50), Math.max(0, base.length - 4 - int(10))]), 0);
      return base;
    }
    case 7: {
      // valid header, random body
      const body = Buffer.from(Array.from({ length: int(120) }, () => int(256)));
      return rawFrame(base.readInt16BE(4), base.readInt16BE(6), 1, body);
    }
    default:
      // splice two frames together (a frame boundary in the wrong place)
      return Buffer.concat([base.subarray(0, 4 + int(base.length - 4)), pick(seeds)]);
  }
}

/** Everything the fuzzing must not change: protected partitions' bytes, offsets, group offsets. */
async function snapshot(port: number): Promise<string> {
  const c = await RawKafkaClient.connect(port);
  try {
    const fetch = (await c.call('Fetch', 11, {
      replicaId: -1,
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes: 1 << 24,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      forgottenTopics: [],
      rackId: '',
      topics: [{ topic: PROTECTED_TOPIC, partitions: [0, 1].map((partition) => ({ partition, fetchOffset: '0', maxBytes: 1 << 23, logStartOffset: '0' })) }],
    })) as { responses: { partitions: { partition: number; highWatermark: string; messages: { offset: string; key: Buffer | null; value: Buffer | null; headers: unknown }[] }[] }[] };
    const offsets = await c.call('OffsetFetch', 4, { groupId: PROTECTED_GROUP, topics: [{ topic: PROTECTED_TOPIC, partitions: [{ partition: 0 }, { partition: 1 }] }] });
    return JSON.stringify({
      partitions: fetch.responses[0].partitions.map((p) => ({
        partition: p.partition,
        hw: p.highWatermark,
        messages: p.messages.map((m) => [m.offset, m.key?.toString('hex'), m.value?.toString('hex'), m.headers]),
      })),
      offsets,
    });
  } finally {
    c.close();
  }
}

describe('fuzz: thousands of random and mutated frames', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  const logs: string[] = [];
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  const FRAMES = Number(process.env.FUZZ_FRAMES ?? 6000);

  const start = () =>
    KafkaBroker.start({
      port: 0,
      dataDir,
      initialRebalanceDelayMs: 0,
      socketRequestMaxBytes: 256 * 1024,
      log: (l) => logs.push(l),
    });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-fuzz-'));
    broker = await start();
  });
  afterAll(async () => {
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`survives them (seed ${seed}), serves a normal client afterwards, and changes no stored data`, async () => {
    // Protected data: messages on two partitions and a committed group offset.
    let kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: PROTECTED_TOPIC, numPartitions: 2 }] });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    for (let i = 0; i < 10; i++) {
      await producer.send({ topic: PROTECTED_TOPIC, messages: Array.from({ length: 20 }, (_, j) => ({ key: `k${j % 4}`, value: `v-${i}-${j}`, headers: { n: String(j) } })) });
    }
    await producer.disconnect();
    await admin.setOffsets({ groupId: PROTECTED_GROUP, topic: PROTECTED_TOPIC, partitions: [{ partition: 0, offset: '42' }, { partition: 1, offset: '17' }] });
    await admin.disconnect();
    const before = await snapshot(broker.port);

    const rnd = prng(seed);
    const seeds = await seedFrames();
    let sent = 0;
    let closedByBroker = 0;
    let responses = 0;
    while (sent < FRAMES) {
      // Each connection gets a burst of frames, then the client hangs up.
      const socket = net.connect(broker.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
      let brokerEnded = false;
      socket.once('end', () => (brokerEnded = true));
      let pending = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
          pending = pending.subarray(4 + pending.readInt32BE(0));
          responses++;
        }
      });
      const burst = 1 + Math.floor(rnd() * 30);
      for (let i = 0; i < burst && sent < FRAMES; i++, sent++) {
        const frame = rnd() < 0.4 ? seeds[Math.floor(rnd() * seeds.length)] : mutate(seeds, rnd);
        if (!socket.destroyed) socket.write(frame);
      }
      socket.end();
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
      if (!(await Promise.race([closed, timeout]))) socket.destroy();
      if (brokerEnded) closedByBroker++;
    }
    process.stderr.write(`fuzz: ${sent} frames, ${responses} responses, ${closedByBroker} connections closed by the broker\n`);
    expect(sent).toBe(FRAMES);
    expect(closedByBroker).toBeGreaterThan(0);
    // Many frames got through decoding to a handler (not everything was rejected at the door).
    expect(responses).toBeGreaterThan(FRAMES / 40);

    // No handler threw on any of it (errors are error codes or closed connections).
    expect(logs.filter((l) => /internal error|error handling|failed/.test(l))).toEqual([]);

    // A normal client still works...
    const topic = 'after.fuzz.v1';
    const producer2 = kafka.producer();
    await producer2.connect();
    await producer2.send({ topic, messages: [{ key: 'a', value: 'still-works' }] });
    await producer2.disconnect();
    const consumer = kafka.consumer({ groupId: 'after-fuzz', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void got.push(String(message.value)) });
    await waitFor(() => got.length === 1, 'the post-fuzz message');
    await consumer.disconnect();
    expect(got).toEqual(['still-works']);

    // ...and the protected data is byte-for-byte what it was, also after a restart (recovery).
    expect(await snapshot(broker.port)).toBe(before);
    await broker.stop();
    broker = await start();
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    expect(await snapshot(broker.port)).toBe(before);
  });
});
