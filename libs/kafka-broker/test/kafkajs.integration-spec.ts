import { Consumer, EachMessagePayload, Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { RawKafkaClient, Long } from './support/raw-kafka.client';
import { unique, waitFor } from './support/wait';

describe('kafkajs against the broker (in-memory)', () => {
  let broker: KafkaBroker;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: () => undefined });
    kafka = new Kafka({ clientId: 'kafkajs-spec', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  });
  afterAll(() => broker.stop());

  async function consumeAll(topic: string, count: number, groupId = unique('g')): Promise<EachMessagePayload[]> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: EachMessagePayload[] = [];
    await consumer.run({ eachMessage: async (p) => void got.push(p) });
    try {
      await waitFor(() => got.length >= count, `${count} messages on ${topic}`);
    } finally {
      await consumer.disconnect();
    }
    return got;
  }

  it('plain producer: keys, headers, values and offsets round-trip in order', async () => {
    const topic = unique('plain');
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 50 }, (_, i) => ({
      key: `key-${i % 5}`,
      value: `value-${i}`,
      headers: { 'x-index': String(i), 'x-bin': Buffer.from([0, 1, 2, i]) },
    }));
    const [meta] = await producer.send({ topic, messages: messages.slice(0, 25), acks: -1 });
    expect(meta.errorCode).toBe(0);
    expect(meta.baseOffset).toBe('0');
    const [meta2] = await producer.send({ topic, messages: messages.slice(25), acks: 1 });
    expect(meta2.baseOffset).toBe('25');
    await producer.disconnect();

    const got = await consumeAll(topic, 50);
    expect(got.map((p) => p.message.value?.toString())).toEqual(messages.map((m) => m.value));
    expect(got.map((p) => p.message.key?.toString())).toEqual(messages.map((m) => m.key));
    expect(got.map((p) => p.message.offset)).toEqual(messages.map((_, i) => String(i)));
    expect(got[7].message.headers?.['x-index']?.toString()).toBe('7');
    expect(got[7].message.headers?.['x-bin']).toEqual(Buffer.from([0, 1, 2, 7]));
  });

  it('acks=0 produce is stored without a response', async () => {
    const topic = unique('acks0');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }], acks: 0 });
    await producer.send({ topic, messages: [{ value: 'b' }], acks: -1 });
    await producer.disconnect();
    const got = await consumeAll(topic, 2);
    expect(got.map((p) => p.message.value?.toString())).toEqual(['a', 'b']);
  });

  it('idempotent producer: every message exactly once, in order per key', async () => {
    const topic = unique('idem');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const total = 600;
    for (let i = 0; i < total; i += 60) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 60 }, (_, j) => ({
          key: `awb-${(i + j) % 7}`,
          value: JSON.stringify({ n: i + j }),
          headers: { ce_id: `id-${i + j}` },
        })),
      });
    }
    await producer.disconnect();
    const got = await consumeAll(topic, total);
    const ns = got.map((p) => (JSON.parse(String(p.message.value)) as { n: number }).n);
    expect(new Set(ns).size).toBe(total);
    expect(ns.length).toBe(total);
    const byKey = new Map<string, number[]>();
    for (const p of got) {
      const k = String(p.message.key);
      byKey.set(k, [...(byKey.get(k) ?? []), (JSON.parse(String(p.message.value)) as { n: number }).n]);
    }
    for (const list of byKey.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(got.every((p) => p.message.headers?.ce_id?.toString() === `id-${(JSON.parse(String(p.message.value)) as { n: number }).n}`)).toBe(true);
  });

  it('idempotent producer protocol: a retried batch is answered with its original offset and not stored twice', async () => {
    const topic = unique('dup');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    const raw = await RawKafkaClient.connect(broker.port);
    try {
      const init = (await raw.call('InitProducerId', 0, { transactionalId: null, transactionTimeout: 30000 })) as {
        producerId: string;
        producerEpoch: number;
      };
      const producerId = Long.fromNumber(Number(init.producerId));
      const produce = (firstSequence: number, values: string[]) =>
        raw.call('Produce', 7, {
          acks: -1,
          timeout: 1000,
          producerId,
          producerEpoch: init.producerEpoch,
          topicData: [{ topic, partitions: [{ partition: 0, firstSequence, messages: values.map((value) => ({ value })) }] }],
        }) as Promise<{ topics: { partitions: { errorCode: number; baseOffset: string }[] }[] }>;
      const partitionOf = (r: { topics: { partitions: { errorCode: number; baseOffset: string }[] }[] }) => r.topics[0].partitions[0];

      expect(partitionOf(await produce(0, ['a', 'b']))).toMatchObject({ errorCode: 0, baseOffset: '0' });
      expect(partitionOf(await produce(2, ['c']))).toMatchObject({ errorCode: 0, baseOffset: '2' });
      // Retry of the first batch: the original offset, nothing appended.
      expect(partitionOf(await produce(0, ['a', 'b']))).toMatchObject({ errorCode: 0, baseOffset: '0' });
      // A gap in the sequence.
      expect(partitionOf(await produce(5, ['x'])).errorCode).toBe(45);
      // A new producer must start at 0.
      const other = await produce(3, ['d']);
      expect(partitionOf(other)).toMatchObject({ errorCode: 0, baseOffset: '3' });
      const list = (await raw.call('ListOffsets', 2, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [{ topic, partitions: [{ partition: 0, timestamp: -1 }] }],
      })) as { responses: { partitions: { offset: string }[] }[] };
      expect(list.responses[0].partitions[0].offset).toBe('4');
    } finally {
      raw.close();
    }
    const got = await consumeAll(topic, 4);
    expect(got.map((p) => String(p.message.value))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('admin: createTopics, listTopics, fetchOffsets, describeGroups, deleteTopics', async () => {
    const topic = unique('admin');
    const groupId = unique('admin-group');
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true })).toBe(true);
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] })).toBe(false);
      await expect(admin.createTopics({ topics: [{ topic: 'bad topic!', numPartitions: 1 }] })).rejects.toThrow();
      expect(await admin.listTopics()).toContain(topic);
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(meta.topics[0].partitions).toHaveLength(4);

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: '1', partition: 2 }, { value: '2', partition: 2 }] });
      await producer.disconnect();
      expect((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === 2)).toMatchObject({ high: '2', low: '0' });

      expect(await admin.fetchOffsets({ groupId, topics: [topic] })).toEqual([
        {
          topic,
          partitions: [0, 1, 2, 3].map((partition) => ({ partition, offset: '-1', metadata: null })),
        },
      ]);
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      let seen = 0;
      await consumer.run({ eachMessage: async () => void seen++ });
      await waitFor(async () => {
        const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
        return seen === 2 && offsets[0].partitions.find((p) => p.partition === 2)?.offset === '2';
      }, 'committed offset 2');
      const described = await admin.describeGroups([groupId, 'no-such-group']);
      expect(described.groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
      expect(described.groups[0].members).toHaveLength(1);
      expect(described.groups[1]).toMatchObject({ groupId: 'no-such-group', state: 'Dead', errorCode: 0 });
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(groupId);
      await consumer.disconnect();
      expect((await admin.describeGroups([groupId])).groups[0].state).toBe('Empty');

      await admin.deleteTopics({ topics: [topic] });
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });

  it('metadata auto-creates a valid topic and rejects an invalid name', async () => {
    const raw = await RawKafkaClient.connect(broker.port);
    try {
      const name = unique('auto');
      const res = (await raw.call('Metadata', 4, { topics: [name, 'bad/name', 'x'.repeat(250)], allowAutoTopicCreation: true })) as {
        controllerId: number;
        brokers: { nodeId: number; port: number }[];
        topicMetadata: { topicErrorCode: number; topic: string; partitionMetadata: unknown[] }[];
      };
      expect(res.controllerId).toBe(1);
      expect(res.brokers).toEqual([expect.objectContaining({ nodeId: 1, port: broker.port })]);
      expect(res.topicMetadata.map((t) => [t.topic, t.topicErrorCode, t.partitionMetadata.length])).toEqual([
        [name, 0, 1],
        ['bad/name', 17, 0],
        ['x'.repeat(250), 17, 0],
      ]);
      const none = (await raw.call('Metadata', 4, { topics: [unique('no-auto')], allowAutoTopicCreation: false })) as {
        topicMetadata: { topicErrorCode: number }[];
      };
      expect(none.topicMetadata[0].topicErrorCode).toBe(3);
    } finally {
      raw.close();
    }
  });

  it('a rebalance releases parked fetches at once (no waiting for maxWaitTime)', async () => {
    const topic = unique('release');
    const groupId = unique('release-group');
    const mk = (clientId: string) =>
      new Kafka({ clientId, brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).consumer({
        groupId,
        maxWaitTimeInMs: 30_000,
        heartbeatInterval: 200,
        sessionTimeout: 30_000,
        rebalanceTimeout: 30_000,
      });
    const a = mk('release-a');
    const b = mk('release-b');
    // Two partitions, so that each member owns one (kafkajs sleeps maxWaitTime without any).
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
    try {
      await a.connect();
      await a.subscribe({ topic, fromBeginning: true });
      await a.run({ eachMessage: async () => undefined });
      await b.connect();
      await b.subscribe({ topic, fromBeginning: true });
      const started = Date.now();
      // run() resolves after B's first join+sync, which needs A to rejoin: A is parked in a
      // 30 s fetch unless the rebalance releases it.
      await b.run({ eachMessage: async () => undefined });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      // Wake both members' parked fetches with data so that their disconnects return at once.
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'wake', partition: 0 }, { value: 'wake', partition: 1 }] });
      await producer.disconnect();
      await Promise.all([a.disconnect(), b.disconnect()]);
    }
  });

  it('a group of 3 members rebalancing while 10,000 messages flow: none lost, none delivered twice', async () => {
    const topic = unique('flow');
    const groupId = unique('flow-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });
    await admin.disconnect();

    const total = 10_000;
    const deliveries = new Map<string, number>();
    let delivered = 0;
    const consumers: Consumer[] = [];
    let joins = 0;
    const startMember = async (name: string) => {
      const c = new Kafka({ clientId: name, brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).consumer({
        groupId,
        maxWaitTimeInMs: 500,
        heartbeatInterval: 100,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
      });
      consumers.push(c);
      c.on(c.events.GROUP_JOIN, () => joins++);
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({
        eachMessage: async ({ message }) => {
          const id = String(message.value);
          deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
          delivered++;
        },
      });
    };

    const producer = kafka.producer();
    await producer.connect();
    let sent = 0;
    const produceSome = async (n: number) => {
      const until = Math.min(total, sent + n);
      while (sent < until) {
        const batch = Array.from({ length: Math.min(100, until - sent) }, (_, i) => ({
          key: `k-${(sent + i) % 97}`,
          value: `m-${sent + i}`,
        }));
        await producer.send({ topic, messages: batch });
        sent += batch.length;
        // Let consumers make progress between sends so rebalances overlap consumption.
        await new Promise((r) => setImmediate(r));
      }
    };

    await startMember('flow-a');
    await produceSome(2_000);
    const joinB = startMember('flow-b');
    await produceSome(2_000);
    await joinB;
    await waitFor(() => delivered >= 3_000, 'consumption to progress before the third member');
    const joinC = startMember('flow-c');
    await produceSome(3_000);
    await joinC;
    await waitFor(() => delivered >= 6_000, 'consumption to progress before a member leaves');
    // One member leaves while messages still flow: its partitions move to the others.
    const leaving = consumers[1].disconnect();
    await produceSome(total - sent);
    await leaving;
    await producer.disconnect();

    await waitFor(() => deliveries.size >= total, `all ${total} messages delivered (have ${deliveries.size})`, 60_000);
    await Promise.all([consumers[0].disconnect(), consumers[2].disconnect()]);
    const twice = [...deliveries].filter(([, n]) => n > 1);
    expect(deliveries.size).toBe(total);
    expect(twice).toEqual([]);
    expect(delivered).toBe(total);
    // The group really rebalanced while messages flowed: a joined alone, then with b, with c, without b.
    expect(joins).toBeGreaterThanOrEqual(6);
  });
});
