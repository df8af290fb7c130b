import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { kcat, requireKcat } from './support/kcat';
import { unique } from './support/wait';

/**
 * Debian's kcat (librdkafka 2.0.x) as an independent client: ApiVersions v3, its own request
 * versions, its own group protocol handling. CI installs it (`apt-get install -y kcat`); a missing
 * kcat fails this suite rather than skipping it.
 */
describe('kcat (librdkafka) against the broker', () => {
  let broker: KafkaBroker;
  let b: string;

  beforeAll(async () => {
    requireKcat();
    broker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: () => undefined });
    b = broker.bootstrap;
  });
  afterAll(() => broker?.stop());

  it('-L lists metadata: this broker as controller, topics with their partitions', async () => {
    const topic = unique('kcat-meta');
    const admin = new Kafka({ brokers: [b], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    const res = await kcat(['-b', b, '-L', '-J']);
    expect(res.code).toBe(0);
    const meta = JSON.parse(res.stdout) as {
      controllerid: number;
      brokers: { id: number; name: string }[];
      topics: { topic: string; partitions: { partition: number; leader: number }[] }[];
    };
    expect(meta.controllerid).toBe(1);
    expect(meta.brokers).toEqual([{ id: 1, name: b }]);
    const t = meta.topics.find((x) => x.topic === topic);
    expect(t?.partitions.map((p) => [p.partition, p.leader])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('produces (-P) with keys and consumes (-C -o beginning -e), compressed or not', async () => {
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
      const topic = unique(`kcat-${codec}`);
      const lines = Array.from({ length: 20 }, (_, i) => `key${i % 3}:value-${i}`);
      const produced = await kcat(['-b', b, '-P', '-t', topic, '-K:', '-z', codec], lines.join('\n') + '\n');
      expect(produced).toMatchObject({ code: 0 });
      const consumed = await kcat(['-b', b, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k:%s@%o\n']);
      expect(consumed.code).toBe(0);
      expect(consumed.stdout.trim().split('\n')).toEqual(lines.map((l, i) => `${l}@${i}`));
    }
  });

  it('kafkajs reads what kcat produced, and kcat reads what kafkajs produced (headers included)', async () => {
    const topic = unique('kcat-x');
    const kafka = new Kafka({ brokers: [b], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'from-kafkajs', headers: { trace: 'abc' } }] });
    await producer.disconnect();
    await kcat(['-b', b, '-P', '-t', topic, '-K:', '-H', 'origin=kcat'], 'k2:from-kcat\n');
    const consumed = await kcat(['-b', b, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k=%s [%h]\n']);
    expect(consumed.stdout.trim().split('\n')).toEqual(['k=from-kafkajs [trace=abc]', 'k2=from-kcat [origin=kcat]']);
  });

  it('consumes as a group (-G) and commits, so a second run starts where the first stopped', async () => {
    const topic = unique('kcat-group');
    const group = unique('kcat-g');
    await kcat(['-b', b, '-P', '-t', topic], Array.from({ length: 30 }, (_, i) => `m${i}`).join('\n') + '\n');
    const first = await kcat(['-b', b, '-G', group, topic, '-o', 'beginning', '-e', '-q', '-f', '%s\n', '-X', 'enable.auto.commit=true', '-X', 'auto.commit.interval.ms=100']);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    const admin = new Kafka({ brokers: [b], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    await admin.disconnect();
    expect(offsets[0].partitions[0].offset).toBe('30');
    await kcat(['-b', b, '-P', '-t', topic], 'm30\nm31\n');
    const second = await kcat(['-b', b, '-G', group, topic, '-e', '-q', '-f', '%s\n']);
    expect(second.stdout.trim().split('\n')).toEqual(['m30', 'm31']);
  });
});
