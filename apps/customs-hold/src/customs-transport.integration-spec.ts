import { EXAMPLE_MOMENT, EventCatalog, Topics, createEnvelope, exampleEventPayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { CloudEventCodec, KafkaConsumerStarter, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CUSTOMS_HOLD_TOPICS } from './app.module';
import type { CustomsHoldConfig } from './config/customs-hold.config';
import { CustomsHoldService } from './customs-hold.service-definition';

const codec = new CloudEventCodec();

/**
 * Customs decisions carry the flight and manifest reference once the shipment is booked: customs-hold
 * learns bookings from flight.assignment.v1 and manifests from flight.manifest.v1 (in decision
 * order), and its holds and releases say what is loaded. Real broker, real PostgreSQL.
 */
describe('customs decisions with the transport reference (real broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let issuer: TestTokenIssuer;
  let service: RunningService<CustomsHoldConfig>;
  let producer: Producer;
  let reader: Consumer;
  let officer: Record<string, string>;
  const seen: Array<{ topic: string; envelope: EventEnvelope }> = [];

  beforeAll(async () => {
    db = await createTestDatabase('customs_transport');
    issuer = await startTestTokenIssuer();
    officer = { authorization: `Bearer ${await issuer.token({ sub: 'CUS-0001', roles: ['customs-officer'] })}` };
    broker = await startTestBroker();
    const kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'customs-transport-provisioner', logLevel: logLevel.NOTHING });
    await new TopicProvisioner(kafka, { log: () => undefined, warn: () => undefined, error: () => undefined }).ensureTopics({ topics: CUSTOMS_HOLD_TOPICS, partitions: 3, replicationFactor: 1 });
    service = await startService(CustomsHoldService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      CLOCK_SIM_ORIGIN: EXAMPLE_MOMENT,
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'error',
    });
    await service.app.get(KafkaConsumerStarter).whenStarted();
    const client = new Kafka({ clientId: 'customs-transport-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    producer = client.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = client.consumer({ groupId: `customs-transport-reader-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.CustomsHold, Topics.CustomsRelease], fromBeginning: true });
    await reader.run({ eachMessage: async ({ topic, message }) => void seen.push({ topic, envelope: codec.decode(message).envelope }) });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await broker?.dispose();
    await db?.drop();
    await issuer?.close();
  });

  async function send<T extends object>(def: EventDefinition<T>, payload: Record<string, unknown>, key = String(payload['awb'])): Promise<string> {
    const envelope = createEnvelope(def, payload as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, acks: -1, messages: [codec.encode(envelope as EventEnvelope, { key })] });
    return envelope.id;
  }
  const decisions = (awb: string) => seen.filter((s) => s.envelope.subject === awb).map((s) => ({ topic: s.topic, data: s.envelope.data as Record<string, unknown> }));
  const reference = async (awb: string) =>
    ((await service.app.get(DataSource).query(`SELECT "reference" FROM "customs_hold"."customs_transport_refs" WHERE "awb" = $1`, [awb])) as Array<{ reference: Record<string, unknown> | null }>)[0];
  async function officerPost(path: string, body: unknown): Promise<number> {
    const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { ...officer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.status;
  }

  it('a decision before the booking has no transport; after it, the flight; after the manifest, the manifest too; after an offload, none again', async () => {
    const awb = '784-56000011';
    await send(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
    const first = await waitFor(() => decisions(awb)[0], { timeoutMs: 30_000, description: 'the first customs decision' });
    expect(first.data['transport']).toBeUndefined();

    // Booked: the next decision names the flight.
    await send(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb, decisionVersion: 1 });
    await waitFor(async () => (await reference(awb))?.reference ?? undefined, { timeoutMs: 30_000, description: 'the booking recorded by customs' });
    expect([200, 201]).toContain(await officerPost(`/v1/cases/${awb}/holds`, { reason: 'Risk tip: possible undervaluation' }));
    const held = await waitFor(() => decisions(awb).find((d) => d.topic === Topics.CustomsHold && (d.data['transport'] as object | undefined) !== undefined), { timeoutMs: 30_000, description: 'a hold with the transport' });
    expect(held.data['transport']).toEqual({ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z' });

    // Manifested: the flight and the manifest it closed on.
    const manifest = exampleEventPayload('FlightManifestClosed');
    const lines = manifest['shipments'] as Array<Record<string, unknown>>;
    const manifestId = await send(EventCatalog.FlightManifestClosed, { ...manifest, shipments: [{ ...lines[0], awb }, lines[1]] }, String(manifest['flightId']));
    await waitFor(async () => ((await reference(awb))?.reference?.['manifest'] as object | undefined) ?? undefined, { timeoutMs: 30_000, description: 'the manifest recorded by customs' });
    expect([200, 201]).toContain(await officerPost(`/v1/cases/${awb}/releases`, { kind: 'FULL', reason: 'Value confirmed by the forwarder' }));
    const released = await waitFor(() => decisions(awb).find((d) => d.topic === Topics.CustomsRelease && (d.data['transport'] as { manifest?: unknown } | undefined)?.manifest !== undefined), { timeoutMs: 30_000, description: 'a release with the manifest' });
    expect(released.data['transport']).toEqual({ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: manifestId, closedAt: '2026-11-25T11:30:00Z' } });

    // An older assignment decision read late changes nothing; a newer offload removes the booking.
    await send(EventCatalog.AssignmentFailed, { ...exampleEventPayload('AssignmentFailed'), awb, outcome: 'OFFLOADED', previousFlightId: 'O36921-2026-11-25', reason: { code: 'CUSTOMS_HOLD', explanation: 'held' }, decisionVersion: 2 });
    await waitFor(async () => ((await reference(awb)) && (await reference(awb))?.reference === null ? true : undefined), { timeoutMs: 30_000, description: 'the booking removed' });
    const before = decisions(awb).length;
    expect([200, 201]).toContain(await officerPost(`/v1/cases/${awb}/holds`, { reason: 'Second look at the declared value' }));
    const last = await waitFor(() => (decisions(awb).length > before ? decisions(awb)[decisions(awb).length - 1] : undefined), { timeoutMs: 30_000, description: 'the decision after the offload' });
    expect(last.data['transport']).toBeUndefined();
  });
});
