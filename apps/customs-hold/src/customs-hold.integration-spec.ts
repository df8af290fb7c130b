import {
  EXAMPLE_MOMENT,
  EventCatalog,
  Topics,
  createEnvelope,
  exampleEventPayload,
  type CustomsHoldPlacedPayload,
  type CustomsReleasedPayload,
  type EventEnvelope,
} from '@cargo/contracts';
import { CloudEventCodec, KafkaConsumerStarter, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CUSTOMS_HOLD_TOPICS } from './app.module';
import type { CustomsHoldConfig } from './config/customs-hold.config';
import { CustomsHoldService } from './customs-hold.service-definition';
import { awbWhere } from './domain/customs-rules.spec-helper';

const codec = new CloudEventCodec();
/** Bearer-token headers of the test parties, minted by the test issuer the service trusts. */
const OFFICER: Record<string, string> = {};
const SCREENER: Record<string, string> = {};
const OFFICER_2: Record<string, string> = {};

/** Distinct AWBs per test; `low` ones are selected for screening at every grade, the others at none of A–C. */
let nextSerial = 5_000_000;
function freshAwb(selected: boolean): string {
  const awb = awbWhere((d) => (selected ? d < 0.02 : d >= 0.3), nextSerial);
  nextSerial = Number(awb.slice(4, 11)) + 1;
  return awb;
}

type Seen = { topic: string; envelope: EventEnvelope };

describe('customs-hold service (real broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: RunningService<CustomsHoldConfig>;
  let producer: Producer;
  let reader: Consumer;
  let issuer: TestTokenIssuer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('customs');
    issuer = await startTestTokenIssuer();
    Object.assign(OFFICER, { authorization: `Bearer ${await issuer.token({ sub: 'CUS-0001', roles: ['customs-officer'] })}` });
    Object.assign(SCREENER, { authorization: `Bearer ${await issuer.token({ sub: 'SEC-0317', roles: ['screener'] })}` });
    Object.assign(OFFICER_2, { authorization: `Bearer ${await issuer.token({ sub: 'CUS-0002', roles: ['customs-officer'] })}` });
    broker = await startTestBroker();
    const kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'test-provisioner', logLevel: logLevel.NOTHING });
    const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
    await new TopicProvisioner(kafka, quiet).ensureTopics({ topics: CUSTOMS_HOLD_TOPICS, partitions: 3, replicationFactor: 1 });
    service = await startService(CustomsHoldService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      // The intakes are the contracts' example shipment: DG qualifications are checked on its day, not today's.
      CLOCK_SIM_ORIGIN: EXAMPLE_MOMENT,
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'error',
    });
    await service.app.get(KafkaConsumerStarter).whenStarted();
    expect(service.app.get(KafkaConsumerStarter).isConsuming).toBe(true);
    const readiness = await fetch(`${service.url}/health/ready`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up', consuming: true } } });

    const client = new Kafka({ clientId: 'customs-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    producer = client.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = client.consumer({ groupId: `customs-test-reader-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.CustomsHold, Topics.CustomsRelease], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        seen.push({ topic, envelope: codec.decode(message).envelope });
      },
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await broker?.dispose();
    await db?.drop();
    await issuer?.close();
  });

  function intake(awb: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...exampleEventPayload('CargoReceived'), awb, ...overrides };
  }

  async function send(
    def: typeof EventCatalog.CargoReceived | typeof EventCatalog.HandlingScanned | typeof EventCatalog.CargoCorrected | typeof EventCatalog.CargoCancelled,
    payload: Record<string, unknown>,
  ) {
    const envelope = createEnvelope(def as never, payload as never, { source: '/services/station-intake' }) as EventEnvelope;
    const record = codec.encode(envelope, { key: String(payload['awb']) });
    await producer.send({ topic: def.topic, acks: -1, messages: [record] });
    return { envelope, record };
  }

  function eventsFor(awb: string): Seen[] {
    return seen.filter((s) => s.envelope.subject === awb);
  }

  async function waitForEvents(awb: string, count: number): Promise<Seen[]> {
    return waitFor(() => (eventsFor(awb).length >= count ? eventsFor(awb) : undefined), { description: `${count} customs event(s) for ${awb}` });
  }

  async function api(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; fields: unknown[] } } };
  }

  async function caseOf(awb: string) {
    return (await api('GET', `/v1/cases/${awb}`, OFFICER)).body as unknown as {
      state: string;
      holds: { code: string }[];
      audit: { action: string; actor: { role: string; id: string }; reason: string; details: Record<string, unknown> }[];
    };
  }

  async function outboxRows(awb: string): Promise<number> {
    const rows = (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "customs_hold"."outbox" WHERE "key" = $1`, [awb])) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  it('intake in → one release out; a redelivery and a repeated intake have no second effect', async () => {
    const awb = freshAwb(false);
    const { envelope, record } = await send(EventCatalog.CargoReceived, intake(awb));
    await producer.send({ topic: Topics.CargoIntake, acks: -1, messages: [record] }); // same event again
    await send(EventCatalog.CargoReceived, intake(awb)); // another intake event for the same AWB (same partition, after both)
    await waitFor(async () => (await caseOf(awb)).audit?.some((a) => a.action === 'INTAKE_REPEATED'), { description: 'the repeated intake recorded' });

    const [release] = await waitForEvents(awb, 1);
    expect(release?.topic).toBe(Topics.CustomsRelease);
    const data = release?.envelope.data as CustomsReleasedPayload;
    expect(data).toMatchObject({ awb, kind: 'FULL', cargoAircraftOnly: true, specialHandlingCodes: ['RLI', 'CAO'], releasedBy: { role: 'SYSTEM', id: 'customs-hold' } });
    expect(data.reasons.map((r) => r.code)).toEqual(['NO_HOLD', 'DG_QUALIFIED']);
    expect(release?.envelope.causationid).toBe(envelope.id);
    expect(release?.envelope.correlationid).toBe(envelope.correlationid);
    // One clock: the event is recorded (ce_time) at the service's simulated time, like the release itself, not at the wall clock.
    expect(Math.abs(Date.parse(release?.envelope.time ?? '') - Date.parse(data.releasedAt))).toBeLessThan(60_000);
    expect(await outboxRows(awb)).toBe(1);
    const c = await caseOf(awb);
    expect(c.state).toBe('RELEASED');
    expect(c.audit.map((a) => a.action)).toEqual(['CASE_OPENED', 'RELEASED', 'INTAKE_REPEATED']);
  });

  it('held intake (missing HS code) → one hold out; role checks; officer release → release out', async () => {
    const awb = freshAwb(false);
    const payload = intake(awb);
    delete (payload['commodity'] as Record<string, unknown>)['hsCode'];
    await send(EventCatalog.CargoReceived, payload);
    const [hold] = await waitForEvents(awb, 1);
    expect(hold?.topic).toBe(Topics.CustomsHold);
    expect(hold?.envelope.data).toMatchObject({ awb, reasons: [{ code: 'DOCUMENTS', explanation: expect.stringContaining('No HS code') }], placedBy: { role: 'SYSTEM' } });

    const path = `/v1/cases/${awb}/releases`;
    const body = { kind: 'FULL', reason: 'HS code 85176299 supplied by the forwarder' };
    expect((await api('POST', path, {}, body)).status).toBe(401);
    const headerOnly = await api('POST', path, { 'x-officer-id': 'CUS-0001', 'x-officer-role': 'CUSTOMS_OFFICER' }, body);
    expect(headerOnly.status).toBe(401); // headers a caller writes are no identity
    expect(headerOnly.body.error).toMatchObject({ code: 'CUSTOMS.UNAUTHENTICATED' });
    const janitor = await api('POST', path, { authorization: `Bearer ${await issuer.token({ sub: 'JAN-1', roles: ['ops'] })}` }, body);
    expect(janitor.status).toBe(403);
    const screener = await api('POST', path, SCREENER, body);
    expect(screener.status).toBe(403);
    expect(screener.body.error?.code).toBe('CUSTOMS.FORBIDDEN_ROLE');
    const invalid = await api('POST', path, OFFICER, { kind: 'SOON', reason: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'CUSTOMS.INVALID_REQUEST' });
    expect((invalid.body.error?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['kind', 'reason']);
    expect((await caseOf(awb)).state).toBe('HELD');

    const released = await api('POST', path, OFFICER, body);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ case: { state: 'RELEASED' }, emitted: { type: 'RELEASED', kind: 'FULL' } });
    const events = await waitForEvents(awb, 2);
    expect(events[1]?.topic).toBe(Topics.CustomsRelease);
    expect(events[1]?.envelope.data).toMatchObject({
      kind: 'FULL',
      releasedBy: { role: 'CUSTOMS_OFFICER', id: 'CUS-0001' },
      reasons: [{ code: 'OFFICER_DECISION', explanation: expect.stringContaining('HS code 85176299 supplied') }, { code: 'DG_QUALIFIED' }],
    });
    const again = await api('POST', path, OFFICER, body);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('CUSTOMS.NOT_HELD');
    expect(await outboxRows(awb)).toBe(2);
  });

  it('manual hold after release emits a hold; the open-holds list and audit trail show it', async () => {
    const awb = freshAwb(false);
    await send(EventCatalog.CargoReceived, intake(awb));
    await waitForEvents(awb, 1);
    expect((await api('POST', `/v1/cases/${awb}/holds`, SCREENER, { reason: 'x' })).status).toBe(403);
    const held = await api('POST', `/v1/cases/${awb}/holds`, OFFICER, { reason: 'Risk tip: possible undervaluation' });
    expect(held.status).toBe(200);
    const events = await waitForEvents(awb, 2);
    expect(events.map((e) => e.topic)).toEqual([Topics.CustomsRelease, Topics.CustomsHold]);
    expect(events[1]?.envelope.data as CustomsHoldPlacedPayload).toMatchObject({
      reasons: [{ code: 'MANUAL', explanation: 'Risk tip: possible undervaluation' }],
      placedBy: { role: 'CUSTOMS_OFFICER', id: 'CUS-0001' },
    });

    const list = await api('GET', '/v1/holds?reason=MANUAL&station=OVS', SCREENER);
    expect(list.status).toBe(200);
    expect((list.body['items'] as { awb: string }[]).map((i) => i.awb)).toContain(awb);
    expect(((await api('GET', '/v1/holds?reason=LAB_RESULT', OFFICER)).body['items'] as { awb: string }[]).map((i) => i.awb)).not.toContain(awb);
    expect(((await api('GET', '/v1/holds?minAgeMinutes=600', OFFICER)).body['items'] as { awb: string }[]).map((i) => i.awb)).not.toContain(awb);
    expect((await api('GET', '/v1/holds?minAgeMinutes=-1', OFFICER)).status).toBe(400);

    const c = await caseOf(awb);
    expect(c.audit.at(-1)).toMatchObject({ action: 'HOLD_PLACED', actor: { role: 'CUSTOMS_OFFICER', id: 'CUS-0001' }, reason: 'Risk tip: possible undervaluation' });
  });

  it('screening: selected cargo is held; an officer cannot post screening; the screener pass releases it', async () => {
    const awb = freshAwb(true);
    await send(EventCatalog.CargoReceived, intake(awb));
    const [hold] = await waitForEvents(awb, 1);
    expect(hold?.envelope.data).toMatchObject({ reasons: [{ code: 'SCREENING', explanation: expect.stringContaining('credit grade A') }] });
    const path = `/v1/cases/${awb}/screening-results`;
    expect((await api('POST', path, OFFICER, { result: 'PASS', reason: 'x' })).status).toBe(403);
    const noFinding = await api('POST', path, SCREENER, { result: 'FAIL', reason: 'ETD alarm' });
    expect(noFinding.status).toBe(400);
    expect(noFinding.body.error?.fields).toEqual([{ field: 'finding', message: expect.stringContaining('required when result is FAIL') }]);
    const customsRelease = await api('POST', `/v1/cases/${awb}/releases`, OFFICER, { kind: 'FULL', reason: 'x' });
    expect(customsRelease.body.error?.code).toBe('CUSTOMS.ONLY_SECURITY_HOLDS');
    const passed = await api('POST', path, SCREENER, { result: 'PASS', reason: 'X-ray and ETD clear, lane 3' });
    expect(passed.status).toBe(200);
    const events = await waitForEvents(awb, 2);
    expect(events[1]?.envelope.data).toMatchObject({ kind: 'FULL', releasedBy: { role: 'SECURITY_SCREENER', id: 'SEC-0317' } });
    expect((events[1]?.envelope.data as CustomsReleasedPayload).reasons.map((r) => r.code)).toEqual(['SCREENING_PASSED', 'DG_QUALIFIED']);
  });

  it('chilled aquatic: conditional release, failed lab → hold, passed retest → final release', async () => {
    const awb = freshAwb(false);
    await send(
      EventCatalog.CargoReceived,
      intake(awb, {
        shipper: { id: 'SHP-EZ-001', name: 'Ezhou Liangzihu Aquatic Products Co., Ltd.' },
        agentId: undefined,
        manufacturerId: undefined,
        commodity: { description: 'Chilled crayfish', category: 'CHILLED_AQUATIC', hsCode: '03063990' },
        specialHandlingCodes: ['PES', 'PER'],
        dangerousGoods: [],
        temperatureRange: { minC: 0, maxC: 4 },
        destinationAirport: 'HKG',
        serviceLevel: 'D2',
      }),
    );
    const [conditional] = await waitForEvents(awb, 1);
    expect(conditional?.envelope.data).toMatchObject({ kind: 'CONDITIONAL', priority: 'FAST_LANE', cargoAircraftOnly: false });
    expect((await api('POST', `/v1/cases/${awb}/lab-results`, SCREENER, { result: 'PASS', reason: 'x' })).status).toBe(403);
    await api('POST', `/v1/cases/${awb}/lab-results`, OFFICER, { result: 'FAIL', finding: 'Vibrio above limit', reason: 'Lab report WH-LAB-779' });
    await api('POST', `/v1/cases/${awb}/lab-results`, OFFICER, { result: 'PASS', reason: 'Retest WH-LAB-780 within limits' });
    const events = await waitForEvents(awb, 3);
    expect(events.map((e) => [e.topic, (e.envelope.data as { kind?: string }).kind])).toEqual([
      [Topics.CustomsRelease, 'CONDITIONAL'],
      [Topics.CustomsHold, undefined],
      [Topics.CustomsRelease, 'FINAL'],
    ]);
    expect(events[1]?.envelope.data).toMatchObject({ reasons: [{ code: 'LAB_RESULT', explanation: expect.stringContaining('Vibrio') }] });
    // Two topics, one sequence: each decision carries the case version and supersedes the decision before it.
    const byVersion = [...events].sort((a, b) => (a.envelope.data as { decisionVersion: number }).decisionVersion - (b.envelope.data as { decisionVersion: number }).decisionVersion);
    expect(byVersion.map((e) => (e.envelope.data as { decisionVersion: number }).decisionVersion)).toEqual([1, 2, 3]);
    expect(byVersion.map((e) => (e.envelope.data as { supersedes?: string }).supersedes)).toEqual([undefined, byVersion[0]?.envelope.id, byVersion[1]?.envelope.id]);
    expect((await caseOf(awb)).audit.filter((a) => a.action === 'HOLD_PLACED' || a.action === 'RELEASED').map((a) => a.details['decisionVersion'])).toEqual([1, 2, 3]);
  });

  it("a station's correction re-evaluates the case (a new hold as the next decision); its cancellation closes it (409 afterwards, nothing emitted)", async () => {
    const awb = freshAwb(false);
    // An e-commerce parcel declared at 30,000 CNY: released at 12 kg (2,500 CNY/kg), over the 3,000 CNY/kg limit at 8 kg.
    const parcel = (grossWeightKg: number) =>
      intake(awb, {
        ecommerce: true,
        grossWeightKg,
        specialHandlingCodes: [],
        dangerousGoods: [],
        commodity: { description: 'Phone cases', category: 'ECOMMERCE_PARCELS', hsCode: '39269090', declaredValue: { amount: 30000, currency: 'CNY' } },
      });
    const { envelope: received } = await send(EventCatalog.CargoReceived, parcel(12));
    const [release] = await waitForEvents(awb, 1);
    expect(release?.topic).toBe(Topics.CustomsRelease);
    await send(EventCatalog.CargoCorrected, {
      ...exampleEventPayload('CargoCorrected'),
      awb,
      supersedes: received.id,
      previous: { pieces: 12, grossWeightKg: 12, volumeM3: 2.4 },
      intake: parcel(8),
    });
    const [, hold] = await waitForEvents(awb, 2);
    expect(hold?.topic).toBe(Topics.CustomsHold);
    expect(hold?.envelope.data).toMatchObject({ reasons: [{ code: 'ECOMMERCE_RISK' }], decisionVersion: 2, supersedes: release?.envelope.id });
    expect((await caseOf(awb)).audit.map((a) => a.action)).toEqual(['CASE_OPENED', 'RELEASED', 'CARGO_CORRECTED', 'HOLD_PLACED']);

    await send(EventCatalog.CargoCancelled, { ...exampleEventPayload('CargoCancelled'), awb, cancelledBy: 'api-key:k-ovs-1' });
    const closed = await waitFor(async () => {
      const c = await caseOf(awb);
      return c.state === 'CLOSED' ? c : undefined;
    }, { description: 'the case closed' });
    expect(closed.holds).toEqual([]);
    expect(closed.audit.at(-1)).toMatchObject({ action: 'CASE_CLOSED', details: expect.objectContaining({ cancelledBy: 'api-key:k-ovs-1' }) });
    const refused = await api('POST', `/v1/cases/${awb}/releases`, OFFICER, { kind: 'FULL', reason: 'x' });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'CUSTOMS.CASE_CLOSED']);
    expect(eventsFor(awb)).toHaveLength(2);
    expect(((await api('GET', '/v1/holds', OFFICER)).body['items'] as { awb: string }[]).map((i) => i.awb)).not.toContain(awb);
  });

  it('after a DEP scan a manual hold is refused (409) and nothing is emitted', async () => {
    const awb = freshAwb(false);
    await send(EventCatalog.CargoReceived, intake(awb));
    await waitForEvents(awb, 1);
    await send(EventCatalog.HandlingScanned, {
      ...exampleEventPayload('HandlingScanned'),
      awb,
      code: 'DEP',
      place: 'EHU',
      flightNumber: 'O36921',
      truckId: undefined,
    });
    await waitFor(async () => (await caseOf(awb)).audit.some((a) => a.action === 'DEPARTED'), { description: 'departure recorded' });
    const refused = await api('POST', `/v1/cases/${awb}/holds`, OFFICER, { reason: 'Too late' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('CUSTOMS.ALREADY_DEPARTED');
    expect(await outboxRows(awb)).toBe(1);
  });

  it('unknown AWB → 404, malformed AWB → 400 with the field', async () => {
    const unknown = await api('GET', `/v1/cases/${freshAwb(false)}`, OFFICER);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('CUSTOMS.CASE_NOT_FOUND');
    const malformed = await api('POST', '/v1/cases/784-12345670/holds', OFFICER, { reason: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.fields).toEqual([{ field: 'awb', message: expect.any(String) }]);
  });

  it('two officers releasing the same case at once: one release, the other gets 409', async () => {
    const awb = freshAwb(false);
    const payload = intake(awb);
    delete (payload['commodity'] as Record<string, unknown>)['hsCode'];
    await send(EventCatalog.CargoReceived, payload);
    await waitForEvents(awb, 1);
    const body = { kind: 'FULL', reason: 'HS code supplied' };
    const results = await Promise.all([
      api('POST', `/v1/cases/${awb}/releases`, OFFICER, body),
      api('POST', `/v1/cases/${awb}/releases`, OFFICER_2, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await outboxRows(awb)).toBe(2);
    expect((await caseOf(awb)).audit.filter((a) => a.action === 'RELEASED')).toHaveLength(1);
  });

  it('an invalid intake is dead-lettered without a case; the next intake is processed', async () => {
    const dlq: string[] = [];
    const client = new Kafka({ clientId: 'customs-dlq-reader', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const dlqReader = client.consumer({ groupId: `customs-test-dlq-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await dlqReader.connect();
    try {
      await dlqReader.subscribe({ topics: [`${Topics.CargoIntake}.dlq`], fromBeginning: true });
      await dlqReader.run({ eachMessage: async ({ message }) => void dlq.push(String(message.headers?.['dlq_error_code'] ?? '')) });
      const awb = freshAwb(false);
      await send(EventCatalog.CargoReceived, intake(awb, { pieces: 0 }));
      await send(EventCatalog.CargoReceived, intake(awb));
      await waitForEvents(awb, 1);
      await waitFor(() => dlq.length >= 1, { description: 'the invalid intake dead-lettered' });
      expect(dlq).toEqual(['MESSAGING.INVALID_PAYLOAD']);
      expect((await caseOf(awb)).audit.map((a) => a.action)).toEqual(['CASE_OPENED', 'RELEASED']);
    } finally {
      await dlqReader.disconnect();
    }
  });

  it('every event in the outbox reached Kafka exactly once', async () => {
    const ds = service.app.get(DataSource);
    await waitFor(async () => ((await ds.query(`SELECT count(*)::int AS n FROM "customs_hold"."outbox" WHERE "published_at" IS NULL`)) as { n: number }[])[0]?.n === 0, {
      description: 'outbox drained',
    });
    const ids = ((await ds.query(`SELECT "id" FROM "customs_hold"."outbox"`)) as { id: string }[]).map((r) => r.id).sort();
    await waitFor(() => seen.length >= ids.length, { description: 'every published event read back' });
    expect(seen.map((s) => s.envelope.id).sort()).toEqual(ids);
  });
});
