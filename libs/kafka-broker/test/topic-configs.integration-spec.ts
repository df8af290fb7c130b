import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { rawFrame } from './support/frames';
import { kcat, requireKcat } from './support/kcat';
import { RawKafkaClient } from './support/raw-kafka.client';
import { unique, waitFor } from './support/wait';

/** Encodes IncrementalAlterConfigs v0 by hand (kafkajs 2.2.4 and librdkafka 2.0.2 lack it). */
function incrementalAlterFrame(topic: string, ops: { name: string; op: number; value: string | null }[], correlationId: number): Buffer {
  const str = (s: string) => {
    const b = Buffer.from(s);
    const h = Buffer.alloc(2);
    h.writeInt16BE(b.length, 0);
    return Buffer.concat([h, b]);
  };
  const nullable = (s: string | null) => (s === null ? Buffer.from([0xff, 0xff]) : str(s));
  const int32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n, 0);
    return b;
  };
  const body = Buffer.concat([
    int32(1),
    Buffer.from([2]), // TOPIC
    str(topic),
    int32(ops.length),
    ...ops.flatMap((o) => [str(o.name), Buffer.from([o.op]), nullable(o.value)]),
    Buffer.from([0]), // validate only: false
  ]);
  return rawFrame(44, 0, correlationId, body);
}

/** Reads an AlterConfigs-shaped response (one resource): error code and message. */
function alterResult(frame: Buffer): { errorCode: number; errorMessage: string | null } {
  let p = 4 + 4 + 4; // correlation id, throttle, array length
  const errorCode = frame.readInt16BE(p);
  p += 2;
  const len = frame.readInt16BE(p);
  p += 2;
  return { errorCode, errorMessage: len < 0 ? null : frame.toString('utf8', p, p + len) };
}

/**
 * Topic configs as Kafka has them — validated, persisted, described, altered and applied — and
 * the admin APIs CreatePartitions, DeleteRecords and DeleteGroups.
 */
describe('topic configs and admin APIs', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  let kafka: Kafka;
  let admin: Admin;
  const logs: string[] = [];

  const start = async () => {
    broker = await KafkaBroker.start({ port: 0, dataDir, initialRebalanceDelayMs: 0, flush: { mode: 'os' }, log: (l) => logs.push(l) });
    kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    admin = kafka.admin();
    await admin.connect();
  };
  const restart = async () => {
    await admin.disconnect();
    await broker.stop();
    await start();
  };

  beforeAll(async () => {
    requireKcat();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-configs-'));
    await start();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const topicConfig = async (topic: string, names?: string[]) => {
    const res = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }] });
    return new Map(res.resources[0].configEntries.map((e) => [e.configName, e]));
  };
  const send = async (topic: string, messages: { key?: string | null; value: string | null; timestamp?: string }[], acks = -1) => {
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      return await producer.send({ topic, acks, messages });
    } finally {
      await producer.disconnect();
    }
  };
  const consume = async (topic: string, count: number) => {
    const consumer = kafka.consumer({ groupId: unique('cfg-reader'), maxWaitTimeInMs: 100 });
    const got: { offset: string; key: string | null; value: string | null; timestamp: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void got.push({ offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, timestamp: message.timestamp }),
      });
      await waitFor(() => got.length >= count, `${count} records from ${topic}`);
    } finally {
      await consumer.disconnect();
    }
    return got;
  };

  it('refuses unknown names and bad values with INVALID_CONFIG (Kafka\'s messages), in CreateTopics and AlterConfigs', async () => {
    const bad: [string, string, RegExp][] = [
      ['no.such.config', '1', /^Unknown topic config name: no\.such\.config$/],
      ['retention.ms', 'banana', /^Invalid value banana for configuration retention\.ms: Not a number of type LONG$/],
      ['cleanup.policy', 'shred', /^Invalid value shred for configuration cleanup\.policy: String must be one of: compact, delete$/],
      ['segment.bytes', '10', /Value must be at least 14/],
      ['min.insync.replicas', '0', /Value must be at least 1/],
      ['max.message.bytes', '99999999999', /Not a number of type INT/],
      ['preallocate', 'maybe', /Expected value to be either true or false/],
      ['remote.storage.enable', 'true', /Tiered Storage functionality is disabled in the broker/],
    ];
    const raw = await RawKafkaClient.connect(broker.port);
    try {
      for (const [name, value, message] of bad) {
        const topic = unique('bad-config');
        await expect(admin.createTopics({ topics: [{ topic, configEntries: [{ name, value }] }] })).rejects.toMatchObject({
          errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })],
        });
        const res = (await raw.call('CreateTopics', 1, {
          topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name, value }] }],
          timeout: 1000,
        })) as { topicErrors: { errorCode: number; errorMessage: string }[] };
        expect(res.topicErrors[0].errorCode).toBe(40);
        expect(res.topicErrors[0].errorMessage).toMatch(message);
        expect(await admin.listTopics()).not.toContain(topic);
      }
    } finally {
      raw.close();
    }
    const topic = unique('alter-bad');
    await admin.createTopics({ topics: [{ topic, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    await expect(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: 'banana' }] }] }),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    expect((await topicConfig(topic)).get('retention.ms')?.configValue).toBe('3600000');
  });

  it('persists, describes (with defaults and sources) and alters configs; AlterConfigs replaces the set, IncrementalAlterConfigs edits it; all survive a restart', async () => {
    const topic = unique('described');
    await admin.createTopics({
      topics: [{ topic, numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: ' 86400000 ' }] }],
    });
    let cfg = await topicConfig(topic);
    expect(cfg.get('cleanup.policy')).toMatchObject({ configValue: 'compact', configSource: 1, isDefault: false, readOnly: false });
    expect(cfg.get('retention.ms')).toMatchObject({ configValue: '86400000', configSource: 1 });
    expect(cfg.get('max.message.bytes')).toMatchObject({ configValue: '1048588', configSource: 5, isDefault: true });
    expect(cfg.get('segment.bytes')?.configSynonyms).toEqual([expect.objectContaining({ configName: 'log.segment.bytes', configSource: 5 })]);
    expect(cfg.get('retention.ms')?.configSynonyms.map((s) => s.configName)).toEqual(['retention.ms', 'log.retention.ms']);
    expect(cfg.size).toBeGreaterThan(25);
    expect([...(await topicConfig(topic, ['min.insync.replicas'])).keys()]).toEqual(['min.insync.replicas']);
    const meta = JSON.parse(fs.readFileSync(path.join(dataDir, 'topics', topic, 'topic.json'), 'utf8')) as unknown;
    expect(meta).toEqual({ name: topic, partitions: 2, configs: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' } });

    // AlterConfigs (kafkajs): the new set replaces all overrides — cleanup.policy reverts to delete.
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.bytes', value: '1000000' }] }] });
    cfg = await topicConfig(topic);
    expect(cfg.get('cleanup.policy')).toMatchObject({ configValue: 'delete', configSource: 5 });
    expect(cfg.get('retention.bytes')).toMatchObject({ configValue: '1000000', configSource: 1 });

    // IncrementalAlterConfigs: APPEND to a list, SET, DELETE; a bad value changes nothing.
    const raw = await RawKafkaClient.connect(broker.port);
    try {
      const call = async (ops: { name: string; op: number; value: string | null }[], id: number) => {
        raw.write(incrementalAlterFrame(topic, ops, id));
        return alterResult((await raw.nextFrame()) as Buffer);
      };
      expect(await call([{ name: 'cleanup.policy', op: 2, value: 'compact' }, { name: 'segment.ms', op: 0, value: '60000' }, { name: 'retention.bytes', op: 1, value: null }], 501)).toEqual({ errorCode: 0, errorMessage: null });
      expect(await call([{ name: 'retention.ms', op: 2, value: '5' }], 502)).toEqual({ errorCode: 40, errorMessage: 'Config value append is not allowed for config key: retention.ms' });
      expect(await call([{ name: 'segment.ms', op: 0, value: 'soon' }], 503)).toMatchObject({ errorCode: 40, errorMessage: expect.stringMatching(/Not a number of type LONG/) });
    } finally {
      raw.close();
    }
    cfg = await topicConfig(topic);
    expect(cfg.get('cleanup.policy')?.configValue).toBe('delete,compact');
    expect(cfg.get('segment.ms')).toMatchObject({ configValue: '60000', configSource: 1 });
    expect(cfg.get('retention.bytes')).toMatchObject({ configValue: '-1', configSource: 5 });

    await restart();
    cfg = await topicConfig(topic);
    expect(cfg.get('cleanup.policy')?.configValue).toBe('delete,compact');
    expect(cfg.get('segment.ms')?.configValue).toBe('60000');
    await expect(admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: unique('missing') }] })).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    const brokerCfg = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }] });
    const byName = new Map(brokerCfg.resources[0].configEntries.map((e) => [e.configName, e]));
    expect(byName.get('message.max.bytes')).toMatchObject({ configValue: '1048588', readOnly: true });
    expect(byName.get('log.dirs')).toMatchObject({ configValue: path.resolve(dataDir), configSource: 4 });
  });

  it('applies max.message.bytes, min.insync.replicas and message.timestamp.type per topic — kafkajs and kcat', async () => {
    const small = unique('small-max');
    const isr = unique('min-isr');
    const stamped = unique('log-append-time');
    await admin.createTopics({
      topics: [
        { topic: small, configEntries: [{ name: 'max.message.bytes', value: '2000' }] },
        { topic: isr, configEntries: [{ name: 'min.insync.replicas', value: '2' }] },
        { topic: stamped, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] },
      ],
    });
    await expect(send(small, [{ value: 'x'.repeat(3000) }])).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    expect(await send(small, [{ value: 'x'.repeat(1000) }])).toEqual([expect.objectContaining({ errorCode: 0 })]);
    const tooBig = await kcat(['-b', broker.bootstrap, '-P', '-t', small], 'y'.repeat(3000) + '\n');
    expect(tooBig.stderr).toMatch(/Delivery failed for message: Broker: Message size too large/);

    // NOT_ENOUGH_REPLICAS is retriable for kafkajs: it gives up after its retries with Kafka's message.
    await expect(send(isr, [{ value: 'all' }], -1)).rejects.toThrow(/fewer in-sync replicas than required/);
    expect(await send(isr, [{ value: 'leader-only' }], 1)).toEqual([expect.objectContaining({ errorCode: 0, baseOffset: '0' })]);
    const rd = await kcat(['-b', broker.bootstrap, '-P', '-t', isr, '-X', 'acks=all', '-X', 'retries=0'], 'z\n');
    expect(rd.stderr).toMatch(/Not enough in-sync replicas/);

    const before = Date.now();
    await send(stamped, [{ value: 'old', timestamp: '1000' }]);
    const [msg] = await consume(stamped, 1);
    expect(Number(msg.timestamp)).toBeGreaterThanOrEqual(before);
    const viaKcat = await kcat(['-b', broker.bootstrap, '-C', '-t', stamped, '-o', 'beginning', '-e', '-q', '-f', '%T\n']);
    expect(Number(viaKcat.stdout.trim())).toBe(Number(msg.timestamp));
  });

  it('applies retention.bytes and retention.ms per topic (whole old segments deleted), kcat and kafkajs start at the new log start', async () => {
    const bySize = unique('ret-bytes');
    const byAge = unique('ret-ms');
    await admin.createTopics({
      topics: [
        { topic: bySize, configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.bytes', value: '2048' }] },
        { topic: byAge, configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.ms', value: '60000' }] },
      ],
    });
    for (let i = 0; i < 20; i++) await send(bySize, [{ value: `${i}-${'s'.repeat(300)}` }]);
    const old = String(Date.now() - 3_600_000);
    for (let i = 0; i < 8; i++) await send(byAge, [{ value: `${i}-${'a'.repeat(300)}`, timestamp: old }]);
    await send(byAge, [{ value: 'fresh' }]);
    broker.applyRetention();
    const [size] = await admin.fetchTopicOffsets(bySize);
    expect(Number(size.low)).toBeGreaterThan(0);
    expect(size.high).toBe('20');
    const [age] = await admin.fetchTopicOffsets(byAge);
    expect(Number(age.low)).toBeGreaterThan(0);
    const first = await kcat(['-b', broker.bootstrap, '-C', '-t', bySize, '-o', 'beginning', '-e', '-q', '-f', '%o\n']);
    expect(first.stdout.trim().split('\n')[0]).toBe(size.low);
    expect((await consume(byAge, 1))[0].offset).toBe(age.low);
  });

  it('compaction keeps the last value per key, keeps tombstones for delete.retention.ms, refuses keyless records — kafkajs and kcat, across a restart', async () => {
    const topic = unique('compacted');
    const purged = unique('compacted-purge');
    const configs = [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'segment.bytes', value: '200' },
      { name: 'segment.ms', value: '1' },
    ];
    await admin.createTopics({
      topics: [
        { topic, configEntries: configs },
        { topic: purged, configEntries: [...configs, { name: 'delete.retention.ms', value: '0' }] },
      ],
    });
    for (const t of [topic, purged]) {
      for (const k of ['k0', 'k1', 'k2', 'k3']) await send(t, [{ key: k, value: `${k}-v1` }]);
      await send(t, [{ key: 'k0', value: 'k0-v2' }]);
      await send(t, [{ key: 'k2', value: null }]);
      const rd = await kcat(['-b', broker.bootstrap, '-P', '-t', t, '-K:'], 'k1:k1-kcat\nk4:k4-kcat-1\nk4:k4-kcat-2\n');
      expect(rd.code).toBe(0);
    }
    // Keyless records are refused on a compacted topic (INVALID_RECORD), by kafkajs and kcat.
    await expect(send(topic, [{ value: 'no key' }])).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    const keyless = await kcat(['-b', broker.bootstrap, '-P', '-t', topic], 'no key\n');
    expect(keyless.stderr).toMatch(/Delivery failed for message: Broker: Broker failed to validate record/);

    const expected = ['k3=k3-v1', 'k0=k0-v2', 'k2=null', 'k1=k1-kcat', 'k4=k4-kcat-2'];
    const view = (rs: { key: string | null; value: string | null }[]) => rs.map((r) => `${r.key}=${r.value}`);
    // The cleaner runs (segment.ms=1 rolls the active segment, then every closed one is compacted).
    await waitFor(async () => {
      broker.applyRetention();
      const offsets = await admin.fetchTopicOffsets(topic);
      const all = await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\n']);
      return offsets[0].high === '9' && all.stdout.trim().split('\n').length === expected.length;
    }, 'compaction of the closed segments');
    const check = async () => {
      expect(view(await consume(topic, expected.length))).toEqual(expected);
      const rd = await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o:%k=%S\n']);
      // Offsets are kept (gaps where records were removed); a tombstone has value length -1.
      expect(rd.stdout.trim().split('\n')).toEqual(['3:k3=5', '4:k0=5', '5:k2=-1', '6:k1=7', '8:k4=9']);
      const gone = await kcat(['-b', broker.bootstrap, '-C', '-t', purged, '-o', 'beginning', '-e', '-q', '-f', '%k=%s\n']);
      expect(gone.stdout.trim().split('\n')).toEqual(['k3=k3-v1', 'k0=k0-v2', 'k1=k1-kcat', 'k4=k4-kcat-2']);
    };
    await waitFor(async () => {
      broker.applyRetention();
      const gone = await kcat(['-b', broker.bootstrap, '-C', '-t', purged, '-o', 'beginning', '-e', '-q', '-f', '%k\n']);
      return gone.stdout.trim().split('\n').length === 4;
    }, 'the expired tombstone to be removed');
    await check();
    await restart();
    await check();
    // New writes land after the gaps.
    expect(await send(topic, [{ key: 'k5', value: 'after' }])).toEqual([expect.objectContaining({ baseOffset: '9' })]);
  });

  it('CreatePartitions, DeleteRecords and DeleteGroups via kafkajs admin; kcat sees the results', async () => {
    const topic = unique('grow');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] });
    expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions).toHaveLength(3);
    await expect(admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] })).rejects.toMatchObject({ type: 'INVALID_PARTITIONS' });
    const meta = JSON.parse((await kcat(['-b', broker.bootstrap, '-L', '-J', '-t', topic])).stdout) as { topics: { partitions: unknown[] }[] };
    expect(meta.topics[0].partitions).toHaveLength(3);
    expect((await kcat(['-b', broker.bootstrap, '-P', '-t', topic, '-p', '2'], 'on-new-partition\n')).code).toBe(0);
    expect((await kcat(['-b', broker.bootstrap, '-C', '-t', topic, '-p', '2', '-o', 'beginning', '-e', '-q'])).stdout.trim()).toBe('on-new-partition');

    const trimmed = unique('trimmed');
    await send(trimmed, Array.from({ length: 10 }, (_, i) => ({ value: `r${i}` })));
    await admin.fetchTopicMetadata({ topics: [trimmed] }); // kafkajs looks the leader up in its cached metadata
    await admin.deleteTopicRecords({ topic: trimmed, partitions: [{ partition: 0, offset: '6' }] });
    expect((await admin.fetchTopicOffsets(trimmed))[0]).toMatchObject({ low: '6', high: '10' });
    await expect(admin.deleteTopicRecords({ topic: trimmed, partitions: [{ partition: 0, offset: '11' }] })).rejects.toThrow();
    const rest = await kcat(['-b', broker.bootstrap, '-C', '-t', trimmed, '-o', 'beginning', '-e', '-q', '-f', '%o:%s\n']);
    expect(rest.stdout.trim().split('\n')).toEqual(['6:r6', '7:r7', '8:r8', '9:r9']);
    expect((await consume(trimmed, 4)).map((m) => m.offset)).toEqual(['6', '7', '8', '9']);

    const idle = unique('idle-group');
    // A commit outside any generation, as tools do (kafkajs's setOffsets idles 5 s in a paused fetch loop).
    const raw = await RawKafkaClient.connect(broker.port);
    const commit = (await raw.call('OffsetCommit', 2, {
      groupId: idle,
      groupGenerationId: -1,
      memberId: '',
      retentionTime: -1,
      topics: [{ topic: trimmed, partitions: [{ partition: 0, offset: '8' }] }],
    })) as { responses: { partitions: { errorCode: number }[] }[] };
    raw.close();
    expect(commit.responses[0].partitions[0].errorCode).toBe(0);
    expect((await admin.fetchOffsets({ groupId: idle, topics: [trimmed] }))[0].partitions[0].offset).toBe('8');
    const busy = unique('busy-group');
    const member = kafka.consumer({ groupId: busy, maxWaitTimeInMs: 100 });
    await member.connect();
    await member.subscribe({ topic: trimmed, fromBeginning: true });
    await member.run({ eachMessage: async () => undefined });
    try {
      await expect(admin.deleteGroups([busy])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: busy, errorCode: 68 })] });
      await expect(admin.deleteGroups([unique('never-existed')])).rejects.toMatchObject({ groups: [expect.objectContaining({ errorCode: 69 })] });
      expect(await admin.deleteGroups([idle])).toEqual([expect.objectContaining({ groupId: idle, errorCode: 0 })]);
      expect((await admin.fetchOffsets({ groupId: idle, topics: [trimmed] }))[0].partitions[0].offset).toBe('-1');
    } finally {
      await member.disconnect();
    }
    await restart();
    expect((await admin.fetchTopicOffsets(trimmed))[0]).toMatchObject({ low: '6', high: '10' });
    expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions).toHaveLength(3);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(idle);
  });
});
