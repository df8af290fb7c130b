import { randomBytes, randomUUID } from 'node:crypto';
import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { IsNull, type DataSource } from 'typeorm';
import { OutboxMessageOrmEntity } from '../outbox/outbox-message.orm-entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import { runInTransaction } from '../outbox/messaging-transaction';
import { parcel, ParcelNoted, testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, header, openTestDataSource, provisionTestTopics, testRelay, TopicReader } from '../testing/messaging-test.harness';
import type { OutboxRelay } from './outbox.relay';
import { must } from '../testing/must';

const SCHEMA = 'relay_svc';

describe('OutboxRelay (real broker, real PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let dataSource: DataSource;
  let reader: TopicReader;
  const relays: OutboxRelay[] = [];
  const writer = new OutboxWriter({ source: '/services/relay-test' });

  beforeAll(async () => {
    [broker, db] = await Promise.all([startTestBroker(), createTestDatabase('relay')]);
    dataSource = await openTestDataSource(db.url, SCHEMA);
    await provisionTestTopics([broker.bootstrap]);
    reader = await new TopicReader([broker.bootstrap], [ParcelNoted.topic]).start();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop({ flush: false })));
  });

  afterAll(async () => {
    await reader?.stop();
    await dataSource?.destroy();
    await db?.drop();
    await broker?.dispose();
  });

  function relay(...args: Parameters<typeof testRelay> extends [unknown, unknown, ...infer Rest] ? Rest : never): OutboxRelay {
    const created = testRelay(dataSource, [broker.bootstrap], ...args);
    relays.push(created);
    return created;
  }

  /** Through the exported ORM entity, which also checks that it maps the migration's table. */
  function unpublished(): Promise<number> {
    return dataSource.getRepository(OutboxMessageOrmEntity).count({ where: { publishedAt: IsNull() } });
  }

  it('publishes what a transaction committed and nothing of one that rolled back', async () => {
    let rolledBackId: string | undefined;
    await expect(
      runInTransaction(dataSource, writer, async (tx) => {
        rolledBackId = (await tx.publish(ParcelNoted, parcel(testAwb(2), 1, 'doomed'))).id;
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const committed = await runInTransaction(dataSource, writer, (tx) => tx.publish(ParcelNoted, parcel(testAwb(3), 1, 'kept')));

    const r = relay();
    await r.start();
    await r.flush();
    await waitFor(() => reader.ids().includes(committed.id), { description: 'the committed event on the topic' });
    expect(reader.ids()).not.toContain(rolledBackId);
    const rows = await dataSource.getRepository(OutboxMessageOrmEntity).find();
    expect(rows.map((row) => row.id)).not.toContain(rolledBackId);
    expect(must(rows.find((row) => row.id === committed.id))).toMatchObject({ key: testAwb(3), eventType: ParcelNoted.type, topic: ParcelNoted.topic });
    expect(await unpublished()).toBe(0);

    const record = must(reader.records.find((r2) => header(r2.message, 'ce_id') === committed.id));
    expect(record.message.key?.toString()).toBe(testAwb(3));
    expect(header(record.message, 'ce_type')).toBe(ParcelNoted.type);
    expect(header(record.message, 'ce_source')).toBe('/services/relay-test');
    expect(header(record.message, 'content-type')).toBe('application/json');
    expect(JSON.parse(must(record.message.value).toString())).toEqual({ awb: testAwb(3), seq: 1, note: 'kept' });
  });

  it('wakes up on NOTIFY after a commit (polling effectively off), and LISTENs again after losing its connection', async () => {
    const r = relay({ pollIntervalMs: 600_000 });
    await r.start();
    await waitFor(() => r.metrics().listening, { description: 'relay LISTENing' });
    await r.flush();

    const first = await runInTransaction(dataSource, writer, (tx) => tx.publish(ParcelNoted, parcel(testAwb(10), 1)));
    await waitFor(() => reader.ids().includes(first.id), { timeoutMs: 5_000, description: 'event published on NOTIFY' });

    const killed = (await dataSource.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
        WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    )) as { killed: boolean }[];
    expect(killed.length).toBeGreaterThan(0);
    await waitFor(() => !r.metrics().listening, { timeoutMs: 5_000, description: 'relay noticed the lost LISTEN connection' });
    await waitFor(() => r.metrics().listening, { timeoutMs: 10_000, description: 'relay LISTENing again' });

    const second = await runInTransaction(dataSource, writer, (tx) => tx.publish(ParcelNoted, parcel(testAwb(10), 2)));
    await waitFor(() => reader.ids().includes(second.id), { timeoutMs: 5_000, description: 'event published on NOTIFY after re-LISTEN' });
  });

  it('several relays at once: every row published once, and each key in order', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => testAwb(100 + i));
    const before = reader.records.length;
    const instances = [relay({ batchSize: 25 }), relay({ batchSize: 25 }), relay({ batchSize: 25 })];
    await Promise.all(instances.map((r) => r.start()));
    const written = await commitParcels(dataSource, { keys, count: 1_500, perTransaction: 50, writer });
    await Promise.all(instances.map((r) => r.flush()));
    await waitFor(() => reader.records.length - before >= written.length, { description: 'all 1500 records on the topic' });

    const published = instances.reduce((sum, r) => sum + r.published, 0);
    expect(published).toBe(written.length);
    expect(instances.filter((r) => r.published > 0).length).toBeGreaterThan(1);
    const got = reader.records.slice(before);
    expect(new Set(got.map((r) => header(r.message, 'ce_id'))).size).toBe(written.length);
    const seqsByKey = new Map<string, number[]>();
    for (const record of [...got].sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset))) {
      const value = JSON.parse(must(record.message.value).toString()) as { awb: string; seq: number };
      seqsByKey.set(value.awb, [...(seqsByKey.get(value.awb) ?? []), value.seq]);
    }
    for (const key of keys) {
      const seqs = must(seqsByKey.get(key));
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
  });

  it('one produce request per claimed batch; every message carries its own trace, and its producer span lives in that trace', async () => {
    // A registered SDK, as @cargo/telemetry sets it up in a service.
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    try {
      // 40 events, each written in its own trace (one shipment each), on two keys.
      const written: { id: string; traceId: string; spanId: string }[] = [];
      for (let i = 0; i < 40; i += 1) {
        const traceId = randomBytes(16).toString('hex');
        const spanId = randomBytes(8).toString('hex');
        const envelope = await runInTransaction(dataSource, writer, (tx) =>
          tx.publish(ParcelNoted, parcel(testAwb(30 + (i % 2)), Math.floor(i / 2) + 1), {
            causation: { id: randomUUID(), correlationid: randomUUID(), trace: { traceparent: `00-${traceId}-${spanId}-01` } },
          }),
        );
        written.push({ id: envelope.id, traceId, spanId });
      }
      let produceRequests = 0;
      const r = relay({ listen: false, pollIntervalMs: 600_000 }, undefined, (producer) =>
        producer.on(producer.events.REQUEST, (event) => {
          if (event.payload.apiName === 'Produce') produceRequests += 1;
        }),
      );
      await r.flush();
      expect(produceRequests).toBe(1);
      await waitFor(() => written.every((w) => reader.ids().includes(w.id)), { description: 'all 40 on the topic' });

      const sends = exporter.getFinishedSpans().filter((s) => s.name === `send ${ParcelNoted.topic}`);
      for (const w of written) {
        const record = must(reader.records.find((rec) => header(rec.message, 'ce_id') === w.id));
        const [, traceId, spanId] = must(header(record.message, 'traceparent')).split('-');
        expect(traceId).toBe(w.traceId);
        const span = must(sends.find((s) => s.spanContext().spanId === spanId));
        expect(span.kind).toBe(SpanKind.PRODUCER);
        expect(span.spanContext().traceId).toBe(w.traceId);
        expect(span.parentSpanContext?.spanId).toBe(w.spanId);
      }
    } finally {
      trace.disable();
      propagation.disable();
      await provider.shutdown();
    }
  });

  it('stop() publishes what was committed before it', async () => {
    const r = relay({ pollIntervalMs: 600_000, listen: false });
    await r.start();
    await r.flush();
    const pending = await runInTransaction(dataSource, writer, (tx) => tx.publish(ParcelNoted, parcel(testAwb(20), 1)));
    await r.stop();
    expect(r.metrics().state).toBe('stopped');
    expect(await unpublished()).toBe(0);
    await waitFor(() => reader.ids().includes(pending.id), { description: 'event flushed at stop' });
  });
});
