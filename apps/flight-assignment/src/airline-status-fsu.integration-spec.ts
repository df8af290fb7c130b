import { impDateOf, impDateTimeOf, impFlightOf } from '@cargo/cargo-imp';
import { Awb, createEnvelope, EventCatalog, exampleEventPayload, Topics, type EventDefinition } from '@cargo/contracts';
import { CloudEventCodec, KafkaConsumerStarter } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentService } from './flight-assignment.service-definition';

type Json = Record<string, unknown>;
interface FlightView {
  flightId: string;
  flightNumber: string;
  carrier: string;
  origin: string;
  destination: string;
  cutoffAt: string;
  departureAt: string;
  arrivalAt: string;
}
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Airlines send IATA FSU/15 text to the airline status API (`POST /v1/status/fsu`) and it becomes the
 * same reports and the same `cargo.handling.v1` events as the JSON form. Real broker and PostgreSQL;
 * the service clock is manual from 2026-11-25T00:00Z.
 */
describe('airline status as FSU/15 (real broker, real PostgreSQL)', () => {
  const codec = new CloudEventCodec();
  let db: TestDatabase;
  let broker: TestBroker;
  let issuer: TestTokenIssuer;
  let service: RunningService<FlightAssignmentConfig>;
  let producer: Producer;
  let reader: Consumer;
  let opsToken: string;
  const seen: Array<{ topic: string; data: Json }> = [];

  beforeAll(async () => {
    db = await createTestDatabase('airline_status_fsu');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'ops-1', roles: ['ops'] });
    broker = await startTestBroker();
    service = await startService(FlightAssignmentService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      CLOCK_MODE: 'manual',
      CLOCK_SIM_ORIGIN: '2026-11-25T00:00:00Z',
      OIDC_ISSUER: issuer.issuer,
      TIMETABLE_START_DATE: '2026-11-25',
      TIMETABLE_DAYS: '3',
      ASSIGNMENT_BATCH_WINDOW_MS: '100',
      SCHEDULER_TICK_MS: '50',
      AIRLINE_SILENCE_MINUTES: '30',
      LOG_LEVEL: 'error',
    });
    await service.app.get(KafkaConsumerStarter).whenStarted();
    const kafka = new Kafka({ clientId: 'airline-fsu-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = kafka.consumer({ groupId: `airline-fsu-reader-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.FlightAssignment, Topics.CargoHandling], fromBeginning: true });
    await reader.run({ eachMessage: async ({ topic, message }) => void seen.push({ topic, data: JSON.parse(String(message.value)) as Json }) });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await broker?.dispose();
    await db?.drop();
    await issuer?.close();
  });

  async function send<T extends object>(def: EventDefinition<T>, payload: Json): Promise<void> {
    const envelope = createEnvelope(def, payload as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, acks: -1, messages: [codec.encode(envelope, { key: def.keyOf(payload as T) })] });
  }
  async function http<T>(method: string, path: string, body?: string | Json, token: string | null = opsToken): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
    const res = await fetch(`${service.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const now = async () => Date.parse((await http<{ now: string }>('GET', '/v1/ops/clock')).body.now);
  async function advanceTo(at: number): Promise<void> {
    const minutes = Math.ceil((at - (await now())) / MINUTE);
    if (minutes > 0) expect((await http('POST', '/v1/ops/clock/advance', { minutes })).status).toBe(200);
  }
  const scans = (awb: string, code: string) => seen.filter((e) => e.topic === Topics.CargoHandling && e.data['awb'] === awb && e.data['code'] === code).map((e) => e.data);

  it('files DEP (per flight), ARR, RCF, NFD and DLV from FSU/15 text like the JSON reports; a re-post is 200; other carriers, bad text and no token are refused', async () => {
    const awb = Awb.of(784, 5_500_001).toString();
    const t0 = await now();
    await send(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb, specialHandlingCodes: [], dangerousGoods: [], destinationAirport: 'PVG', serviceLevel: 'D1', pieces: 12, grossWeightKg: 200, volumeM3: 1, receivedAt: iso(t0), recordedAt: iso(t0) });
    await send(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb, cargoAircraftOnly: false, specialHandlingCodes: [], releasedAt: iso(t0) });
    const assigned = await waitFor(() => seen.find((e) => e.topic === Topics.FlightAssignment && e.data['awb'] === awb && e.data['outcome'] === 'ASSIGNED'), { timeoutMs: 20_000, description: 'the booking' });
    const flight = (await http<FlightView>('GET', `/v1/flights/${String(assigned.data['flightId'])}`)).body;
    const airline = await issuer.token({ sub: `${flight.carrier.toLowerCase()}-ops`, roles: ['airline'], carriers: [flight.carrier] });
    const other = await issuer.token({ sub: 'xx-ops', roles: ['airline'], carriers: [flight.carrier === 'MU' ? 'CZ' : 'MU'] });
    const f = impFlightOf(flight.flightNumber);
    const flightText = `${f.carrier}${f.number}`;
    const day = (ms: number, zone = 'Asia/Shanghai') => {
      const d = impDateOf(ms, zone);
      return `${String(d.day).padStart(2, '0')}${d.month}`;
    };
    const at = (ms: number) => {
      const d = impDateTimeOf(ms, 'Asia/Shanghai');
      return `${String(d.day).padStart(2, '0')}${d.month}${d.time}`;
    };
    const fsu = (...lines: string[]) => ['FSU/15', `${awb}${flight.origin}PVG/T12K200`, ...lines].join('\r\n');

    // Departure: the manifest closes at the cut-off; the airline reports the actual time 7 minutes late.
    await advanceTo(Date.parse(flight.departureAt) + 10 * MINUTE);
    const departed = Date.parse(flight.departureAt) + 7 * MINUTE;
    const dep = fsu(`DEP/${flightText}/${day(Date.parse(flight.departureAt))}/${flight.origin}${flight.destination}/T12K200/A${impDateTimeOf(departed, 'Asia/Shanghai').time}`);
    expect((await http('POST', '/v1/status/fsu', dep, other)).status).toBe(403);
    expect((await http('POST', '/v1/status/fsu', dep, null)).status).toBe(401);
    const filed = await http<{ reports: Array<{ report: { code: string; flightId?: string; happenedAt: string; source: string; reportedBy: string } }> }>('POST', '/v1/status/fsu', dep, airline);
    expect(filed.status).toBe(201);
    expect(filed.body.reports[0]?.report).toMatchObject({ code: 'DEP', flightId: flight.flightId, happenedAt: iso(departed).replace('.000Z', 'Z'), source: 'AIRLINE' });
    expect((await http('POST', '/v1/status/fsu', dep, airline)).status).toBe(200);
    await waitFor(() => scans(awb, 'DEP').find((s) => s['source'] === 'AIRLINE' && Date.parse(String(s['happenedAt'])) === departed), { timeoutMs: 20_000, description: 'the airline DEP on cargo.handling.v1' });

    // After arrival at PVG: ARR, RCF of 12 pieces, NFD and DLV, in one message.
    const arrived = Date.parse(flight.arrivalAt) + 5 * MINUTE;
    await advanceTo(arrived + 4 * 60 * MINUTE);
    const later = fsu(`ARR/${flightText}/${at(arrived)}/PVG/T12K200`, `RCF/${flightText}/${at(arrived + 60 * MINUTE)}/PVG/T12K200`, `NFD/${at(arrived + 90 * MINUTE)}/PVG/T12`, `DLV/${at(arrived + 180 * MINUTE)}/PVG/T12K200/SHANGHAI CONSIGNEE`);
    const reports = await http<{ reports: Array<{ report: { code: string; place: string; pieces?: number } }> }>('POST', '/v1/status/fsu', later, airline);
    expect(reports.status).toBe(201);
    expect(reports.body.reports.map((r) => [r.report.code, r.report.place, r.report.pieces])).toEqual([
      ['ARR', 'PVG', 12],
      ['RCF', 'PVG', 12],
      ['NFD', 'PVG', 12],
      ['DLV', 'PVG', 12],
    ]);
    for (const code of ['ARR', 'RCF', 'NFD', 'DLV']) await waitFor(() => scans(awb, code).find((s) => s['source'] === 'AIRLINE'), { timeoutMs: 20_000, description: `${code} on cargo.handling.v1` });

    // Text that is not FSU/15, or a status the hub does not take from an airline: 400 naming the line.
    const broken = await http<{ error: { code: string; fields: Array<{ field: string }> } }>('POST', '/v1/status/fsu', fsu(`DEP/${flightText}/${day(Date.parse(flight.departureAt))}/${flight.origin}/T12`), airline);
    expect([broken.status, broken.body.error.code, broken.body.error.fields[0]?.field]).toEqual([400, 'ASSIGNMENT.INVALID_REQUEST', 'line 3: airport of arrival']);
    const booking = await http<{ error: { fields: Array<{ field: string }> } }>('POST', '/v1/status/fsu', fsu(`BKD/${flightText}/${day(Date.parse(flight.departureAt))}/${flight.origin}PVG/T12`), airline);
    expect([booking.status, booking.body.error.fields[0]?.field]).toEqual([400, 'line 3: status code']);
  });
});
