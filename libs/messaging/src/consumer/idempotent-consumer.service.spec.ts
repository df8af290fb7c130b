import { createEnvelope, type EventEnvelope } from '@cargo/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { CloudEventCodec } from '../codec/cloud-event.codec';
import { EventRejectedError, MessagingError } from '../errors/messaging.error';
import { OutboxWriter } from '../outbox/outbox.writer';
import { parcel, ParcelForwarded, ParcelNoted, ParcelNotedPayload, TEST_EVENTS } from '../testing/parcel-events.fixture';
import type { ConsumedRecord } from './consumed-record';
import type { DeadLetterPublisher, DeadLetterReason } from './dead-letter.publisher';
import { EventRegistry } from './event.registry';
import { IdempotentConsumer, type EventHandlers } from './idempotent-consumer.service';
import { must } from '../testing/must';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/**
 * In-memory stand-in for the service's database: processed_events and outbox rows become visible
 * only when the transaction callback resolves (a throw rolls them back), like PostgreSQL.
 */
class FakeDatabase {
  readonly options = { schema: 'svc' };
  readonly processed = new Set<string>();
  readonly outbox: unknown[][] = [];
  readonly effects: string[] = [];
  /** Errors thrown when a transaction starts (database down). */
  readonly connectFailures: unknown[] = [];

  readonly transaction = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const failure = this.connectFailures.shift();
    if (failure) throw failure;
    const processed: string[] = [];
    const outbox: unknown[][] = [];
    const effects: string[] = [];
    const manager = {
      connection: { options: this.options },
      queryRunner: { isTransactionActive: true },
      query: async (sql: string, params: unknown[]) => {
        if (sql.includes('"processed_events"')) {
          const key = `${String(params[0])}/${String(params[1])}`;
          if (this.processed.has(key) || processed.includes(key)) return [];
          processed.push(key);
          return [{ claimed: 1 }];
        }
        if (sql.includes('"outbox"')) {
          outbox.push(params);
          return [];
        }
        if (sql.startsWith('effect:')) {
          effects.push(sql.slice('effect:'.length));
          return [];
        }
        throw new Error(`unexpected SQL ${sql}`);
      },
    } as unknown as EntityManager;
    const result = await work(manager);
    processed.forEach((key) => this.processed.add(key));
    this.outbox.push(...outbox);
    this.effects.push(...effects);
    return result;
  };
}

class FakeDeadLetters {
  readonly published: { record: ConsumedRecord; reason: DeadLetterReason }[] = [];
  failWith: unknown;
  async publish(record: ConsumedRecord, reason: DeadLetterReason): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.published.push({ record, reason });
  }
}

const codec = new CloudEventCodec();
let offset = 0;

function recordOf(envelope: EventEnvelope, overrides: Partial<ConsumedRecord> = {}): ConsumedRecord {
  const encoded = codec.encode(envelope, { key: envelope.subject ?? 'k', trace: { traceparent: TRACEPARENT } });
  return {
    topic: ParcelNoted.topic,
    partition: 0,
    offset: String(offset++),
    key: Buffer.from(encoded.key),
    value: Buffer.from(encoded.value),
    headers: encoded.headers,
    ...overrides,
  };
}

function setup(maxAttempts = 3) {
  const db = new FakeDatabase();
  const deadLetters = new FakeDeadLetters();
  const consumer = new IdempotentConsumer({
    dataSource: db as unknown as DataSource,
    writer: new OutboxWriter({ source: '/services/test' }),
    registry: new EventRegistry(TEST_EVENTS),
    deadLetters: deadLetters as unknown as DeadLetterPublisher,
    options: { consumerName: 'test-service', maxAttempts, backoff: { initialMs: 1, maxMs: 5 } },
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });
  return { db, deadLetters, consumer };
}

const applyEffect: EventHandlers = {
  [ParcelNoted.type]: async (envelope, tx) => {
    await tx.manager.query(`effect:${(envelope.data as ParcelNotedPayload).awb}#${(envelope.data as ParcelNotedPayload).seq}`, []);
  },
};

describe('IdempotentConsumer', () => {
  it('applies a valid event once, in one transaction with its processed_events row', async () => {
    const { db, consumer, deadLetters } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const outcome = await consumer.handle(recordOf(envelope), applyEffect);
    expect(outcome).toEqual({ status: 'processed', eventId: envelope.id, type: ParcelNoted.type, attempts: 1 });
    expect(db.effects).toEqual(['160-12345675#1']);
    expect([...db.processed]).toEqual([`test-service/${envelope.id}`]);
    expect(deadLetters.published).toEqual([]);
  });

  it('gives the handler the validated payload instance', async () => {
    const { consumer } = setup();
    const seen: unknown[] = [];
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await consumer.handle(recordOf(envelope), { [ParcelNoted.type]: (e) => void seen.push(e.data) });
    expect(seen[0]).toBeInstanceOf(ParcelNotedPayload);
  });

  it('has no second effect when the same event is delivered again', async () => {
    const { db, consumer } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await consumer.handle(recordOf(envelope), applyEffect);
    const again = await consumer.handle(recordOf(envelope), applyEffect);
    expect(again).toEqual({ status: 'duplicate', eventId: envelope.id, type: ParcelNoted.type });
    expect(db.effects).toEqual(['160-12345675#1']);
  });

  it('dead-letters a malformed record with the reason, without retrying', async () => {
    const { db, consumer, deadLetters } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const record = recordOf(envelope, { value: Buffer.from('not json at all') });
    const outcome = await consumer.handle(record, applyEffect);
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'MESSAGING.MALFORMED_RECORD' });
    expect(deadLetters.published).toHaveLength(1);
    expect(must(deadLetters.published[0]).record).toBe(record);
    expect(must(deadLetters.published[0]).reason.message).toMatch(/not JSON/);
    expect(db.effects).toEqual([]);
  });

  it('dead-letters an invalid payload with the field errors from a real validate()', async () => {
    const { db, consumer, deadLetters } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const record = recordOf({ ...envelope, data: { awb: 'nope', seq: 0 } });
    const outcome = await consumer.handle(record, applyEffect);
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'MESSAGING.INVALID_PAYLOAD', eventId: envelope.id });
    expect(must(deadLetters.published[0]).reason.fields).toEqual(
      expect.arrayContaining([
        { field: 'awb', message: 'awb must look like 160-12345675' },
        { field: 'seq', message: 'seq must not be less than 1' },
      ]),
    );
    expect(db.effects).toEqual([]);
    expect(db.processed.size).toBe(0);
  });

  it('dead-letters an event with a newer schema version than it understands, or a subject that is not the payload key', async () => {
    const { consumer, deadLetters, db } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await consumer.handle(recordOf({ ...envelope, schemaversion: 2 }), applyEffect);
    await consumer.handle(recordOf({ ...envelope, subject: '160-99999999' }), applyEffect);
    expect(deadLetters.published.map((d) => [d.reason.code, d.reason.fields?.[0]?.field])).toEqual([
      ['MESSAGING.INVALID_PAYLOAD', 'schemaversion'],
      ['MESSAGING.INVALID_PAYLOAD', 'subject'],
    ]);
    expect(db.effects).toEqual([]);
  });

  it('dead-letters an unknown event type, and one that arrives on the wrong topic', async () => {
    const { consumer, deadLetters } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await consumer.handle(recordOf({ ...envelope, type: 'cn.wuhan.aircargo.test.never-heard-of' }), applyEffect);
    await consumer.handle(recordOf(envelope, { topic: ParcelForwarded.topic }), applyEffect);
    expect(deadLetters.published.map((d) => d.reason.code)).toEqual(['MESSAGING.UNKNOWN_EVENT_TYPE', 'MESSAGING.UNKNOWN_EVENT_TYPE']);
    expect(must(deadLetters.published[1]).reason.message).toMatch(/belongs on cargo.intake.v1, but arrived on cargo.handling.v1/);
  });

  it('skips (commits) a known type this service has no handler for', async () => {
    const { consumer, deadLetters, db } = setup();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    expect(await consumer.handle(recordOf(envelope), {})).toMatchObject({ status: 'ignored' });
    expect(deadLetters.published).toEqual([]);
    expect(db.processed.size).toBe(0);
  });

  it('retries a failing handler with backoff, then dead-letters it as MESSAGING.HANDLER_FAILED; nothing half-applied', async () => {
    const { db, consumer, deadLetters } = setup(3);
    let calls = 0;
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const outcome = await consumer.handle(recordOf(envelope), {
      [ParcelNoted.type]: async (_e, tx) => {
        calls += 1;
        await tx.manager.query('effect:partial', []);
        throw new Error('unexpected state');
      },
    });
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'MESSAGING.HANDLER_FAILED', message: 'unexpected state' });
    expect(deadLetters.published).toHaveLength(1);
    expect(db.effects).toEqual([]);
    expect(db.processed.size).toBe(0);
  });

  it('succeeds when a transient handler failure clears up within the budget', async () => {
    const { db, consumer } = setup(3);
    let calls = 0;
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const outcome = await consumer.handle(recordOf(envelope), {
      [ParcelNoted.type]: async (_e, tx) => {
        calls += 1;
        if (calls < 3) throw new Error('flaky');
        await tx.manager.query('effect:ok', []);
      },
    });
    expect(outcome).toMatchObject({ status: 'processed', attempts: 3 });
    expect(db.effects).toEqual(['ok']);
  });

  it('dead-letters a domain rejection at once with the domain code', async () => {
    const { consumer, deadLetters } = setup(5);
    let calls = 0;
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await consumer.handle(recordOf(envelope), {
      [ParcelNoted.type]: () => {
        calls += 1;
        throw new EventRejectedError('CUSTOMS.HOLD_NOT_FOUND', 'no hold');
      },
    });
    expect(calls).toBe(1);
    expect(must(deadLetters.published[0]).reason).toMatchObject({ code: 'CUSTOMS.HOLD_NOT_FOUND', message: 'no hold' });
  });

  it('does NOT dead-letter a valid event while the database is down: throws so it is redelivered', async () => {
    const { db, consumer, deadLetters } = setup(3);
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    db.connectFailures.push(down, down, down);
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const record = recordOf(envelope);
    await expect(consumer.handle(record, applyEffect)).rejects.toMatchObject({ code: 'MESSAGING.INFRASTRUCTURE_UNAVAILABLE' });
    expect(deadLetters.published).toEqual([]);
    // Redelivery once the database is back applies it.
    expect(await consumer.handle(record, applyEffect)).toMatchObject({ status: 'processed' });
    expect(db.effects).toEqual(['160-12345675#1']);
  });

  it('throws (no commit) when the dead letter itself cannot be sent', async () => {
    const { consumer, deadLetters } = setup();
    deadLetters.failWith = Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    await expect(consumer.handle(recordOf(envelope, { value: Buffer.from('x') }), applyEffect)).rejects.toBeInstanceOf(MessagingError);
  });

  it('stops retrying and leaves the record uncommitted when shutdown aborts', async () => {
    const { consumer, deadLetters } = setup(50);
    const abort = new AbortController();
    const envelope = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a' });
    const handling = consumer.handle(
      recordOf(envelope),
      {
        [ParcelNoted.type]: () => {
          abort.abort();
          throw new Error('still failing');
        },
      },
      { signal: abort.signal },
    );
    await expect(handling).rejects.toMatchObject({ code: 'MESSAGING.SHUTTING_DOWN' });
    expect(deadLetters.published).toEqual([]);
  });

  it('events published by a handler carry the cause: causation id, correlation id and trace context', async () => {
    const { db, consumer } = setup();
    const cause = createEnvelope(ParcelNoted, parcel('160-12345675', 1), { source: '/services/a', correlationId: 'req-42' });
    let caused: EventEnvelope | undefined;
    await consumer.handle(recordOf(cause), {
      [ParcelNoted.type]: async (envelope, tx) => {
        caused = await tx.publish(ParcelForwarded, parcel((envelope.data as ParcelNotedPayload).awb, 2));
      },
    });
    expect(caused).toMatchObject({ causationid: cause.id, correlationid: 'req-42', source: '/services/test', type: ParcelForwarded.type });
    expect(db.outbox).toHaveLength(1);
    const [id, topic, key, type, headers, , , traceparent] = db.outbox[0] as string[];
    expect([id, topic, key, type]).toEqual([must(caused).id, ParcelForwarded.topic, '160-12345675', ParcelForwarded.type]);
    expect(JSON.parse(must(headers))).toMatchObject({ ce_causationid: cause.id, ce_correlationid: 'req-42' });
    // The trace context has its own column; the relay sends the row inside it.
    expect(traceparent).toBe(TRACEPARENT);
  });
});
