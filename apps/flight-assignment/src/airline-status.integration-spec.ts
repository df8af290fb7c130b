import { Awb, createEnvelope, EventCatalog, exampleEventPayload, Topics, type EventDefinition } from '@cargo/contracts';
import { CloudEventCodec, headerText, KafkaConsumerStarter } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentService } from './flight-assignment.service-definition';

type Json = Record<string, unknown>;
interface FlightView {
  flightId: string;
  flightNumber: string;
  carrier: string;
  origin: string;
  destination: string;
  status: string;
  cutoffAt: string;
  departureAt: string;
  arrivalAt: string;
}
interface FlightStatus {
  status: string;
  departedAt: string | null;
  departureSource: string | null;
  arrivedAt: string | null;
  reports: Array<{ code: string; source: string; reportedBy: string; happenedAt: string }>;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The airline status API and the silence rule, in-process against the real embedded broker and a
 * real PostgreSQL. The service clock is manual (2026-11-25T00:00Z, 08:00 in Wuhan) and only moves
 * forward, so the tests run in order; the airline stays silent for AIRLINE_SILENCE_MINUTES = 30.
 */
describe('airline status API and the silence rule (real broker, real PostgreSQL)', () => {
  const codec = new CloudEventCodec();
  let db: TestDatabase;
  let broker: TestBroker;
  let issuer: TestTokenIssuer;
  let service: RunningService<FlightAssignmentConfig>;
  let producer: Producer;
  let reader: Consumer;
  let opsToken: string;
  const seen: Array<{ topic: string; type: string; data: Json }> = [];
  let serial = 5_200_000;

  beforeAll(async () => {
    db = await createTestDatabase('airline_status');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'ops-controller-1', roles: ['ops'] });
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
    const kafka = new Kafka({ clientId: 'airline-status-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = kafka.consumer({ groupId: `airline-status-reader-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.FlightAssignment, Topics.CargoHandling], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        seen.push({ topic, type: headerText(message.headers?.['ce_type']) ?? '', data: JSON.parse(message.value!.toString()) as Json });
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

  async function send<T extends object>(def: EventDefinition<T>, payload: Json): Promise<void> {
    const envelope = createEnvelope(def, payload as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, acks: -1, messages: [codec.encode(envelope, { key: def.keyOf(payload as T) })] });
  }

  /** A D1 shipment to Shanghai (direct flights from WUH/EHU), received and released. */
  async function bookedShipment(pieces: number): Promise<{ awb: string; flight: FlightView }> {
    const awb = Awb.of(784, ++serial).toString();
    await send(EventCatalog.CargoReceived, {
      ...exampleEventPayload('CargoReceived'),
      awb,
      specialHandlingCodes: [],
      dangerousGoods: [],
      destinationAirport: 'PVG',
      serviceLevel: 'D1',
      pieces,
      grossWeightKg: 200,
      volumeM3: 1,
      receivedAt: iso(await now()),
      recordedAt: iso(await now()),
    });
    await send(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb, cargoAircraftOnly: false, specialHandlingCodes: [], releasedAt: iso(await now()) });
    const assigned = await waitFor(() => seen.find((e) => e.topic === Topics.FlightAssignment && e.data['awb'] === awb && e.data['outcome'] === 'ASSIGNED'), {
      timeoutMs: 20_000,
      description: `ASSIGNED for ${awb}`,
    });
    const flight = (await http<FlightView>('GET', `/v1/flights/${String(assigned.data['flightId'])}`)).body;
    return { awb, flight };
  }

  async function http<T>(method: string, path: string, body?: unknown, token: string | null = opsToken): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    const res = await fetch(`${service.url}${path}`, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  const now = async () => Date.parse((await http<{ now: string }>('GET', '/v1/ops/clock')).body.now);
  /** Moves the manual clock to `at` (whole minutes, never back) and runs the scheduler's tick. */
  async function advanceTo(at: number): Promise<void> {
    const minutes = Math.ceil((at - (await now())) / MINUTE);
    if (minutes > 0) expect((await http('POST', '/v1/ops/clock/advance', { minutes })).status).toBe(200);
  }
  const scansOf = (awb: string, code?: string) => seen.filter((e) => e.topic === Topics.CargoHandling && e.data['awb'] === awb && (code === undefined || e.data['code'] === code)).map((e) => e.data);
  const waitForScan = (awb: string, code: string, source: string) =>
    waitFor(() => scansOf(awb, code).find((s) => s['source'] === source), { timeoutMs: 20_000, description: `${code} (${source}) for ${awb}` });
  const flightStatus = async (flightId: string) => (await http<FlightStatus>('GET', `/v1/flights/${flightId}/status`)).body;
  /** What a refused call must leave untouched: the reports on file and the flight's and shipment's rows. */
  async function fingerprint(flightId: string, awb: string): Promise<string> {
    const dataSource = service.app.get(DataSource);
    const rows = await dataSource.query(
      `SELECT (SELECT count(*) FROM "flight_assignment"."airline_status_reports")::int AS reports,
              (SELECT row_to_json(f)::text FROM "flight_assignment"."flights" f WHERE "flight_id" = $1) AS flight,
              (SELECT row_to_json(s)::text FROM "flight_assignment"."shipments" s WHERE "awb" = $2) AS shipment`,
      [flightId, awb],
    );
    return JSON.stringify(rows);
  }

  it('the operating airline reports DEP, ARR, RCF, NFD and DLV; other carriers, other roles, no token and bad input change nothing', async () => {
    const { awb, flight } = await bookedShipment(10);
    const own = await issuer.token({ sub: `${flight.carrier.toLowerCase()}-ops-desk`, roles: ['airline'], carriers: [flight.carrier] });
    const other = await issuer.token({ sub: 'other-airline', roles: ['airline'], carriers: [flight.carrier === 'CZ' ? 'MU' : 'CZ'] });
    const station = await issuer.token({ sub: 'ovs-clerk', roles: ['station'], station: 'OVS' });
    const departedAt = Date.parse(flight.departureAt) + 7 * MINUTE;
    const dep = { code: 'DEP', happenedAt: iso(departedAt) };
    const depPath = `/v1/flights/${flight.flightId}/status`;

    // Before the cut-off the manifest is open: nothing can have departed.
    expect((await http<{ error: { code: string } }>('POST', depPath, { code: 'DEP', happenedAt: iso(await now()) }, own)).body.error.code).toBe('ASSIGNMENT.STATUS_CONFLICT');
    await advanceTo(Date.parse(flight.cutoffAt));
    await waitFor(async () => ((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status === 'MANIFESTED' ? true : undefined), { description: 'manifested' });
    // A departure ahead of the shared clock is refused.
    const early = await http<{ error: { code: string; fields: Array<{ field: string }> } }>('POST', depPath, dep, own);
    expect(early.status).toBe(400);
    expect(early.body.error.fields.map((f) => f.field)).toEqual(['happenedAt']);

    await advanceTo(departedAt + 5 * MINUTE);
    const before = await fingerprint(flight.flightId, awb);
    expect((await http('POST', depPath, dep, null)).status).toBe(401);
    expect((await http<{ error: { code: string } }>('POST', depPath, dep, station)).body.error.code).toMatch(/FORBIDDEN/);
    const refused = await http<{ error: { code: string } }>('POST', depPath, dep, other);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ASSIGNMENT.FORBIDDEN');
    const bad = await http<{ error: { code: string; fields: Array<{ field: string }> } }>('POST', depPath, { code: 'RCF', happenedAt: 'after lunch', gate: 12 }, own);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['code', 'gate', 'happenedAt']);
    expect((await http('POST', `/v1/shipments/${awb}/status`, { code: 'RCF', place: 'PVG', pieces: -1, happenedAt: iso(departedAt) }, own)).status).toBe(400);
    expect(await fingerprint(flight.flightId, awb)).toBe(before);
    expect((await flightStatus(flight.flightId)).reports).toEqual([]);

    const filed = await http<{ report: Json; shipments: string[]; replayed: boolean }>('POST', depPath, dep, own);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ shipments: [awb], replayed: false, report: { code: 'DEP', place: flight.origin, source: 'AIRLINE', reportedBy: `${flight.carrier.toLowerCase()}-ops-desk` } });
    const departure = await waitForScan(awb, 'DEP', 'AIRLINE');
    expect(departure).toMatchObject({ place: flight.origin, flightNumber: flight.flightNumber, flightId: flight.flightId, pieces: 10 });
    expect(Date.parse(String(departure['happenedAt']))).toBe(departedAt);
    // Idempotent re-post; another time for the same departure is a conflict.
    expect((await http<{ replayed: boolean }>('POST', depPath, dep, own)).body).toMatchObject({ replayed: true });
    expect((await http<{ replayed: boolean }>('POST', depPath, dep, own)).status).toBe(200);
    expect((await http('POST', depPath, { code: 'DEP', happenedAt: iso(departedAt + MINUTE) }, own)).status).toBe(409);

    // Past departure + silence: the airline spoke, so nothing is assumed.
    await advanceTo(Date.parse(flight.departureAt) + 45 * MINUTE);
    const status = await flightStatus(flight.flightId);
    expect(status).toMatchObject({ status: 'DEPARTED', departedAt: iso(departedAt).replace('.000Z', 'Z'), departureSource: 'AIRLINE' });
    expect(status.reports.map((r) => [r.code, r.source])).toEqual([['DEP', 'AIRLINE']]);

    // Arrival, then the shipment's own reports at the destination.
    const arrivedAt = Date.parse(flight.arrivalAt) + 12 * MINUTE;
    await advanceTo(arrivedAt + 4 * 60 * MINUTE);
    expect((await http('POST', depPath, { code: 'ARR', happenedAt: iso(arrivedAt) }, own)).status).toBe(201);
    expect(await waitForScan(awb, 'ARR', 'AIRLINE')).toMatchObject({ place: flight.destination, flightNumber: flight.flightNumber });
    const shipmentPath = `/v1/shipments/${awb}/status`;
    expect((await http('POST', shipmentPath, { code: 'RCF', place: 'PVG', pieces: 9, happenedAt: iso(arrivedAt + 40 * MINUTE) }, other)).status).toBe(403);
    expect((await http('POST', shipmentPath, { code: 'RCF', place: 'PVG', pieces: 9, flightNumber: flight.flightNumber, happenedAt: iso(arrivedAt + 40 * MINUTE), remarks: '1 piece not found in the ULD' }, own)).status).toBe(201);
    expect((await http('POST', shipmentPath, { code: 'NFD', place: 'PVG', happenedAt: iso(arrivedAt + 90 * MINUTE) }, own)).status).toBe(201);
    expect((await http('POST', shipmentPath, { code: 'DLV', place: 'PVG', pieces: 9, happenedAt: iso(arrivedAt + 180 * MINUTE) }, own)).status).toBe(201);
    expect((await http('POST', shipmentPath, { code: 'DLV', place: 'PVG', pieces: 10, happenedAt: iso(arrivedAt + 180 * MINUTE) }, own)).status).toBe(409);
    expect(await waitForScan(awb, 'RCF', 'AIRLINE')).toMatchObject({ place: 'PVG', pieces: 9, remarks: '1 piece not found in the ULD' });
    await waitForScan(awb, 'NFD', 'AIRLINE');
    await waitForScan(awb, 'DLV', 'AIRLINE');
    // One DEP only: the re-post published nothing (same key, same partition, so it would be before the DLV).
    expect(scansOf(awb, 'DEP')).toHaveLength(1);
    const audit = (await http<{ reports: Array<{ code: string; reportedBy: string }> }>('GET', shipmentPath)).body.reports;
    expect(audit.map((r) => [r.code, r.reportedBy])).toEqual([
      ['RCF', `${flight.carrier.toLowerCase()}-ops-desk`],
      ['NFD', `${flight.carrier.toLowerCase()}-ops-desk`],
      ['DLV', `${flight.carrier.toLowerCase()}-ops-desk`],
    ]);
  });

  it('the silence rule: no DEP at departure time; AIRLINE_SILENCE_MINUTES later the departure is assumed, and a late airline DEP still counts', async () => {
    const { awb, flight } = await bookedShipment(4);
    await advanceTo(Date.parse(flight.cutoffAt));
    await waitFor(async () => ((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status === 'MANIFESTED' ? true : undefined), { description: 'manifested' });

    await advanceTo(Date.parse(flight.departureAt) + 29 * MINUTE);
    expect(await flightStatus(flight.flightId)).toMatchObject({ status: 'CLOSED', departedAt: null });
    expect((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status).toBe('MANIFESTED');

    await advanceTo(Date.parse(flight.departureAt) + 31 * MINUTE);
    const assumed = await waitForScan(awb, 'DEP', 'ASSUMED');
    expect(assumed).toMatchObject({ place: flight.origin, flightNumber: flight.flightNumber, pieces: 4 });
    expect(String(assumed['remarks'])).toContain('Departure assumed');
    expect(Date.parse(String(assumed['happenedAt']))).toBe(Date.parse(flight.departureAt));
    const status = await flightStatus(flight.flightId);
    expect(status).toMatchObject({ status: 'DEPARTED', departureSource: 'ASSUMED' });
    expect(status.reports.map((r) => [r.code, r.source, r.reportedBy])).toEqual([['DEP', 'ASSUMED', 'flight-assignment (airline silent)']]);
    expect((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status).toBe('DEPARTED');

    // The airline's own DEP, late: filed and published; the flight's departure is now the airline's.
    const own = await issuer.token({ sub: 'late-airline', roles: ['airline'], carriers: [flight.carrier] });
    const actual = Date.parse(flight.departureAt) + 18 * MINUTE;
    expect((await http('POST', `/v1/flights/${flight.flightId}/status`, { code: 'DEP', happenedAt: iso(actual) }, own)).status).toBe(201);
    await waitForScan(awb, 'DEP', 'AIRLINE');
    expect(await flightStatus(flight.flightId)).toMatchObject({ departureSource: 'AIRLINE', departedAt: iso(actual).replace('.000Z', 'Z') });
  });
});
