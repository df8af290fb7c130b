import { createEnvelope, deadLetterTopic } from '@cargo/contracts';
import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { CloudEventCodec } from '../codec/cloud-event.codec';
import { EventRejectedError } from '../errors/messaging.error';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ProcessedEventOrmEntity } from '../outbox/processed-event.orm-entity';
import { runInTransaction } from '../outbox/messaging-transaction';
import { OutboxRelay, type OutboxRow } from '../relay/outbox.relay';
import { KafkaEventConsumer } from './kafka-event.consumer';
import { parcel, ParcelForwarded, ParcelNoted, testAwb } from '../testing/parcel-events.fixture';
import {
  commitParcels,
  ConsumerProbe,
  effectRows,
  header,
  openTestDataSource,
  provisionTestTopics,
  startConsumerApp,
  testRelay,
  TopicReader,
} from '../testing/messaging-test.harness';
import { must } from '../testing/must';

const codec = new CloudEventCodec();
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('Consuming through the NestJS Kafka transport (real broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let dataSource: DataSource;
  let producer: Producer;
  let schema: string;
  let probe: ConsumerProbe;
  let schemaCounter = 0;
  const apps: INestApplication[] = [];
  const readers: TopicReader[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('consumer');
  });

  beforeEach(async () => {
    schemaCounter += 1;
    schema = `consumer_svc_${schemaCounter}`;
    broker = await startTestBroker();
    await provisionTestTopics([broker.bootstrap]);
    dataSource = await openTestDataSource(db.url, schema);
    probe = new ConsumerProbe(schema);
    producer = new Kafka({ clientId: 'raw-producer', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).producer({
      allowAutoTopicCreation: false,
    });
    await producer.connect();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    for (const reader of readers.splice(0)) await reader.stop();
    await producer.disconnect();
    await dataSource.destroy();
    await broker.dispose();
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function app(options: Partial<Parameters<typeof startConsumerApp>[0]> = {}): Promise<INestApplication> {
    const started = await startConsumerApp({ dataSource, brokers: [broker.bootstrap], groupId: `svc-${schema}`, probe, ...options });
    apps.push(started);
    return started;
  }

  async function reader(topics: string[]): Promise<TopicReader> {
    const r = await new TopicReader([broker.bootstrap], topics).start();
    readers.push(r);
    return r;
  }

  function wireRecord(awb: string, seq: number, data?: unknown) {
    const envelope = createEnvelope(ParcelNoted, parcel(awb, seq), { source: '/services/upstream' });
    const encoded = codec.encode(data === undefined ? envelope : { ...envelope, data }, { key: awb, trace: { traceparent: TRACEPARENT } });
    return { envelope, encoded };
  }

  it('the same event delivered twice has exactly one effect', async () => {
    await app();
    const { envelope, encoded } = wireRecord(testAwb(1), 1);
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: [encoded] });
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: [encoded] });
    await waitFor(() => probe.outcomes.length >= 2, { description: 'both deliveries handled' });
    expect(probe.outcomes.map((o) => o.status)).toEqual(['processed', 'duplicate']);
    const processed = await dataSource.getRepository(ProcessedEventOrmEntity).find();
    expect(processed).toEqual([
      expect.objectContaining({ consumer: `svc-${schema}`, eventId: envelope.id, eventType: ParcelNoted.type, topic: ParcelNoted.topic }),
    ]);
    expect((await effectRows(dataSource, schema)).filter((row) => row.event_id === envelope.id)).toHaveLength(1);
  });

  it('a malformed value and an invalid payload land in the DLQ with the reason; the next good record is processed', async () => {
    const dlq = await reader([deadLetterTopic(ParcelNoted.topic)]);
    await app();
    const awb = testAwb(2);
    const malformed = wireRecord(awb, 1).encoded;
    const invalid = wireRecord(awb, 2, { awb: 'not-an-awb', seq: 0 });
    const good = wireRecord(awb, 3);
    const [meta] = await producer.send({
      topic: ParcelNoted.topic,
      acks: -1,
      messages: [{ ...malformed, value: '{"awb": "160-1000' }, invalid.encoded, good.encoded],
    });
    await waitFor(async () => (await effectRows(dataSource, schema)).some((row) => row.event_id === good.envelope.id), {
      description: 'the good record applied',
    });
    await waitFor(() => dlq.records.length >= 2, { description: 'two dead letters' });
    const base = Number(must(meta).baseOffset);

    const first = must(dlq.records[0]).message;
    const second = must(dlq.records[1]).message;
    expect(header(first, 'dlq_error_code')).toBe('MESSAGING.MALFORMED_RECORD');
    expect(header(first, 'dlq_error_message')).toMatch(/value is not JSON/);
    expect(header(first, 'dlq_original_topic')).toBe(ParcelNoted.topic);
    expect(header(first, 'dlq_original_partition')).toBe(String(must(meta).partition));
    expect(header(first, 'dlq_original_offset')).toBe(String(base));
    expect(Number.isNaN(Date.parse(must(header(first, 'dlq_failed_at'))))).toBe(false);
    expect(must(first.value).toString()).toBe('{"awb": "160-1000');
    expect(must(first.key).toString()).toBe(awb);
    expect(header(first, 'ce_type')).toBe(ParcelNoted.type);
    expect(header(first, 'traceparent')).toBe(TRACEPARENT);

    expect(header(second, 'dlq_error_code')).toBe('MESSAGING.INVALID_PAYLOAD');
    expect(header(second, 'dlq_error_message')).toMatch(/awb: awb must look like 160-12345675/);
    expect(JSON.parse(must(header(second, 'dlq_error_fields')))).toEqual(
      expect.arrayContaining([{ field: 'seq', message: 'seq must not be less than 1' }]),
    );
    expect(header(second, 'dlq_original_offset')).toBe(String(base + 1));
    expect(header(second, 'ce_id')).toBe(invalid.envelope.id);
    expect(JSON.parse(must(second.value).toString())).toEqual({ awb: 'not-an-awb', seq: 0 });

    expect(probe.outcomes.map((o) => o.status)).toEqual(['dead-lettered', 'dead-lettered', 'processed']);
    expect(await effectRows(dataSource, schema)).toHaveLength(1);
  });

  it('a handler that keeps failing is retried, then dead-lettered as MESSAGING.HANDLER_FAILED, and the consumer moves on', async () => {
    const dlq = await reader([deadLetterTopic(ParcelNoted.topic)]);
    let attempts = 0;
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        if ((envelope.data as { seq: number }).seq === 1) {
          attempts += 1;
          throw new Error('projection out of sync');
        }
        await normal(envelope, tx);
      },
    };
    await app({ consumer: { maxAttempts: 3, backoff: { initialMs: 10, maxMs: 20 } } });
    const poison = wireRecord(testAwb(3), 1);
    const next = wireRecord(testAwb(3), 2);
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: [poison.encoded, next.encoded] });
    await waitFor(() => dlq.records.length >= 1 && probe.outcomes.length >= 2, { description: 'dead letter and next record' });
    expect(attempts).toBe(3);
    expect(header(must(dlq.records[0]).message, 'dlq_error_code')).toBe('MESSAGING.HANDLER_FAILED');
    expect(header(must(dlq.records[0]).message, 'dlq_error_message')).toBe('projection out of sync');
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual([next.envelope.id]);
  });

  it('a valid event whose dependency stays down past the retry budget is not dead-lettered: left uncommitted and redelivered', async () => {
    const dlq = await reader([deadLetterTopic(ParcelNoted.topic)]);
    let calls = 0;
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        calls += 1;
        // PostgreSQL "terminating connection due to administrator command" for the first 3 attempts.
        if (calls <= 3) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        await normal(envelope, tx);
      },
    };
    await app({ consumer: { maxAttempts: 2, backoff: { initialMs: 10, maxMs: 20 } } });
    const { envelope, encoded } = wireRecord(testAwb(9), 1);
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: [encoded] });
    await waitFor(() => probe.count('processed') === 1, { description: 'applied on redelivery' });

    expect(calls).toBe(4);
    expect(probe.failures).toEqual([expect.objectContaining({ code: 'MESSAGING.INFRASTRUCTURE_UNAVAILABLE' })]);
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual([envelope.id]);
    expect(dlq.records).toEqual([]);
  });

  it('a batch redelivered after a consumer crash before commit has exactly one effect per event', async () => {
    // The first instance applies every event (transactions committed) but never commits an offset.
    const crashed = await app({ autoCommit: false, relay: { enabled: false } });
    const written = await commitParcels(dataSource, { keys: [testAwb(4), testAwb(5), testAwb(6)], count: 60, perTransaction: 20 });
    const relay = testRelay(dataSource, [broker.bootstrap]);
    await relay.flush();
    await relay.stop({ flush: false });
    await waitFor(() => probe.count('processed') >= 60, { description: '60 events applied by the first instance' });
    await crashed.close();
    apps.splice(apps.indexOf(crashed), 1);

    const admin = new Kafka({ clientId: 'admin', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: `svc-${schema}-server`, topics: [ParcelNoted.topic] });
    await admin.disconnect();
    expect(must(committed).partitions.every((p) => p.offset === '-1')).toBe(true);

    // The restarted instance gets the whole batch again.
    await app();
    await waitFor(() => probe.count('duplicate') >= 60, { description: 'all 60 redelivered' });
    expect(probe.count('processed')).toBe(60);
    const rows = await effectRows(dataSource, schema);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(written.map((w) => w.id)));
  });

  it('a relay killed between publishing and marking republishes after restart; the consumer applies the event once', async () => {
    const topic = await reader([ParcelNoted.topic]);
    await app({ relay: { enabled: false } });
    const sentBeforeMark: OutboxRow[][] = [];
    const dying = testRelay(dataSource, [broker.bootstrap], { listen: false, pollIntervalMs: 50 }, {
      beforeMark: (rows) => {
        sentBeforeMark.push([...rows]);
        throw new Error('relay process killed before UPDATE outbox SET published_at');
      },
    });
    const envelope = await runInTransaction(dataSource, new OutboxWriter({ source: '/services/test' }), (tx) =>
      tx.publish(ParcelNoted, parcel(testAwb(7), 1)),
    );
    await dying.start();
    await waitFor(() => sentBeforeMark.length >= 1, { description: 'the batch sent' });
    await dying.stop({ flush: false });

    const [row] = (await dataSource.query(`SELECT "published_at" FROM "${schema}"."outbox" WHERE "id" = $1`, [envelope.id])) as {
      published_at: Date | null;
    }[];
    expect(must(row).published_at).toBeNull();
    await waitFor(() => topic.ids().includes(envelope.id), { description: 'record on the topic before the restart' });
    const copiesBefore = topic.ids().filter((id) => id === envelope.id).length;

    const restarted = testRelay(dataSource, [broker.bootstrap]);
    await restarted.flush();
    await restarted.stop({ flush: false });
    await waitFor(() => topic.ids().filter((id) => id === envelope.id).length === copiesBefore + 1, { description: 'published again' });
    await waitFor(() => probe.outcomes.filter((o) => 'eventId' in o && o.eventId === envelope.id).length >= copiesBefore + 1, {
      description: 'every copy consumed',
    });
    expect(probe.count('processed')).toBe(1);
    expect(probe.count('duplicate')).toBe(copiesBefore);
    expect(await effectRows(dataSource, schema)).toHaveLength(1);
  });

  it('graceful shutdown finishes the in-flight handler and publishes the events it wrote before disconnecting', async () => {
    const forwarded = await reader([ParcelForwarded.topic]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        entered = true;
        await gate;
        await normal(envelope, tx);
      },
    };
    const service = await app();
    const cause = createEnvelope(ParcelNoted, parcel(testAwb(8), 1, 'forward'), { source: '/services/upstream' });
    await producer.send({
      topic: ParcelNoted.topic,
      acks: -1,
      messages: [codec.encode(cause, { key: testAwb(8), trace: { traceparent: TRACEPARENT } })],
    });
    await waitFor(() => entered, { description: 'handler in flight' });
    const closing = service.close();
    apps.splice(apps.indexOf(service), 1);
    // Let the handler finish only once shutdown is under way (consumers draining, or — if the
    // ordering were wrong — the relay already stopped).
    const events = service.get(KafkaEventConsumer);
    const relay = service.get(OutboxRelay);
    await waitFor(() => events.isDraining || relay.metrics().state === 'stopped', { description: 'shutdown under way' });
    release();
    await closing;

    expect(probe.outcomes).toEqual([expect.objectContaining({ status: 'processed', eventId: cause.id })]);
    const [pending] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."outbox" WHERE "published_at" IS NULL`)) as {
      n: number;
    }[];
    expect(must(pending).n).toBe(0);
    await waitFor(() => forwarded.records.length >= 1, { description: 'the caused event on its topic' });
    const caused = must(forwarded.records[0]).message;
    expect(header(caused, 'ce_causationid')).toBe(cause.id);
    expect(header(caused, 'ce_correlationid')).toBe(cause.correlationid);
    expect(header(caused, 'traceparent')).toBe(TRACEPARENT);

    const admin = new Kafka({ clientId: 'admin', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: `svc-${schema}-server`, topics: [ParcelNoted.topic] });
    await admin.disconnect();
    expect(must(committed).partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)).toBe(1);
  });

  /** Transactions that claimed processed events: the claim is one statement of each batch transaction, so its rows share that transaction's xmin. */
  async function claimingTransactions(): Promise<number> {
    const [row] = (await dataSource.query(`SELECT count(DISTINCT "xmin"::text)::int AS n FROM "${schema}"."processed_events"`)) as { n: number }[];
    return must(row).n;
  }

  /** `count` records of one key (one partition), on the topic before the consumer starts: they are fetched together. */
  async function sendOneKey(awb: string, count: number, data: (seq: number) => unknown = () => undefined) {
    const records = Array.from({ length: count }, (_, i) => wireRecord(awb, i + 1, data(i + 1)));
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: records.map((r) => r.encoded) });
    return records;
  }

  it('a fetched batch is applied in one transaction, in order', async () => {
    const records = await sendOneKey(testAwb(20), 200);
    await app();
    await waitFor(() => probe.count('processed') >= 200, { description: '200 applied' });
    expect((await effectRows(dataSource, schema)).map((row) => row.seq)).toEqual(records.map((_, i) => i + 1));
    // kafkajs may split a fetch; 200 records one by one would be 200 transactions.
    expect(await claimingTransactions()).toBeLessThanOrEqual(2);
    expect(probe.failures).toEqual([]);
  });

  it('a poison record in the middle of a batch is dead-lettered alone; the others commit in the same transaction', async () => {
    const dlq = await reader([deadLetterTopic(ParcelNoted.topic)]);
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        await normal(envelope, tx);
        // Its effect row is written, then rolled back with its savepoint.
        if ((envelope.data as { seq: number }).seq === 15) throw new EventRejectedError('TEST.REJECTED', 'parcel 15 refused');
      },
    };
    const records = await sendOneKey(testAwb(21), 30, (seq) => (seq === 10 ? { awb: 'not-an-awb', seq: 0 } : undefined));
    await app();
    await waitFor(() => probe.outcomes.length >= 30 && dlq.records.length >= 2, { description: '30 outcomes, 2 dead letters' });
    expect(probe.outcomes.map((o) => o.status)).toEqual(records.map((_, i) => (i + 1 === 10 || i + 1 === 15 ? 'dead-lettered' : 'processed')));
    expect(dlq.records.map((r) => header(r.message, 'dlq_error_code'))).toEqual(['MESSAGING.INVALID_PAYLOAD', 'TEST.REJECTED']);
    expect(dlq.records.map((r) => header(r.message, 'ce_id'))).toEqual([must(records[9]).envelope.id, must(records[14]).envelope.id]);
    const applied = records.filter((_, i) => i + 1 !== 10 && i + 1 !== 15).map((r) => r.envelope.id);
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual(applied);
    const claimed = await dataSource.getRepository(ProcessedEventOrmEntity).find();
    expect(new Set(claimed.map((row) => row.eventId))).toEqual(new Set(applied));
    expect(await claimingTransactions()).toBe(1);
  });

  it('a record that fails transiently: the records before it commit, it is retried alone, the rest follows; each once, in order', async () => {
    let failures = 0;
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        await normal(envelope, tx);
        if ((envelope.data as { seq: number }).seq === 5 && failures++ === 0) throw new Error('projection briefly out of sync');
      },
    };
    const records = await sendOneKey(testAwb(22), 10);
    await app();
    await waitFor(() => probe.outcomes.length >= 10, { description: '10 outcomes' });
    expect(probe.outcomes).toEqual(records.map((r, i) => expect.objectContaining({ status: 'processed', eventId: r.envelope.id, attempts: i === 4 ? 2 : 1 })));
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual(records.map((r) => r.envelope.id));
    // 1–4 together, 5 alone, 6–10 together.
    expect(await claimingTransactions()).toBe(3);
  });

  it('a duplicate inside one batch has no second effect', async () => {
    const first = wireRecord(testAwb(23), 1);
    const second = wireRecord(testAwb(23), 2);
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: [first.encoded, second.encoded, first.encoded] });
    await app();
    await waitFor(() => probe.outcomes.length >= 3, { description: '3 outcomes' });
    expect(probe.outcomes.map((o) => o.status)).toEqual(['processed', 'processed', 'duplicate']);
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual([first.envelope.id, second.envelope.id]);
  });

  it('the database connection lost mid-batch: nothing of the batch commits, it is redelivered and applied exactly once, in order', async () => {
    let killed = false;
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        await normal(envelope, tx);
        if ((envelope.data as { seq: number }).seq === 30 && !killed) {
          killed = true;
          // The batch transaction's own connection dies (as when PostgreSQL restarts).
          await tx.manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
        }
      },
    };
    const records = await sendOneKey(testAwb(24), 60);
    await app();
    await waitFor(() => probe.count('processed') >= 60, { description: '60 applied after redelivery' });
    expect(killed).toBe(true);
    expect(probe.failures.length).toBeGreaterThan(0);
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual(records.map((r) => r.envelope.id));
    expect(await dataSource.getRepository(ProcessedEventOrmEntity).count()).toBe(60);
  });

  it('a batch handler applies a chunk at once; when it throws, its records are applied one by one and a poison record is dead-lettered alone', async () => {
    const dlq = await reader([deadLetterTopic(ParcelNoted.topic)]);
    const applied: number[] = [];
    const normal = must(probe.handlers[ParcelNoted.type]);
    probe.handlers = {
      [ParcelNoted.type]: async (envelope, tx) => {
        if ((envelope.data as { seq: number }).seq === 17) throw new EventRejectedError('TEST.REJECTED', 'parcel 17 refused');
        await normal(envelope, tx);
      },
    };
    probe.batch = {
      name: 'parcel-effects',
      apply: async (items) => {
        applied.push(items.length);
        const data = items.map((item) => item.envelope.data as { awb: string; seq: number });
        await must(items[0]).tx.manager.query(
          `INSERT INTO "${schema}"."parcel_effects" ("event_id", "awb", "seq") SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
          [items.map((item) => item.envelope.id), data.map((d) => d.awb), data.map((d) => d.seq)],
        );
        if (data.some((d) => d.seq === 17)) throw new Error('one of them cannot be applied');
      },
    };
    const first = await sendOneKey(testAwb(25), 10);
    await app();
    await waitFor(() => probe.outcomes.length >= 10, { description: 'first 10 outcomes' });
    expect(applied.reduce((a, b) => a + b, 0)).toBe(10);
    expect(applied.length).toBeLessThanOrEqual(2);
    const second = Array.from({ length: 10 }, (_, i) => wireRecord(testAwb(25), 11 + i));
    await producer.send({ topic: ParcelNoted.topic, acks: -1, messages: second.map((r) => r.encoded) });
    await waitFor(() => probe.outcomes.length >= 20 && dlq.records.length >= 1, { description: '20 outcomes, 1 dead letter' });

    expect(probe.outcomes.map((o) => o.status)).toEqual([...first, ...second].map((_, i) => (i + 1 === 17 ? 'dead-lettered' : 'processed')));
    expect(header(must(dlq.records[0]).message, 'dlq_error_code')).toBe('TEST.REJECTED');
    const expected = [...first, ...second].filter((_, i) => i + 1 !== 17).map((r) => r.envelope.id);
    expect((await effectRows(dataSource, schema)).map((row) => row.event_id)).toEqual(expected);
  });

  it('provisions the service topics and their dead-letter topics with the configured partitions, idempotently', async () => {
    // A broker nobody has created topics on (auto-creation is off on test brokers).
    const fresh = await startTestBroker();
    try {
      await app({ brokers: [fresh.bootstrap] });
      await provisionTestTopics([fresh.bootstrap]);
      const admin = new Kafka({ clientId: 'admin', brokers: [fresh.bootstrap], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const names = (await admin.listTopics()).sort();
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      await admin.disconnect();
      expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
        [ParcelForwarded.topic, 3],
        [deadLetterTopic(ParcelForwarded.topic), 3],
        [ParcelNoted.topic, 3],
        [deadLetterTopic(ParcelNoted.topic), 3],
      ]);
    } finally {
      for (const started of apps.splice(0)) await started.close();
      await fresh.dispose();
    }
  });
});
