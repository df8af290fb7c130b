import { parseFfmManifest } from '@cargo/cargo-imp';
import { Awb, createEnvelope, EventCatalog, exampleEventPayload, Topics, type EventDefinition } from '@cargo/contracts';
import { CloudEventCodec, headerText, KafkaConsumerStarter } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase, startTestTokenIssuer, type TestTokenIssuer } from '@cargo/testing';
import { parse } from 'csv-parse/sync';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentService } from './flight-assignment.service-definition';
import { DataSource } from 'typeorm';
import { AssignmentEngine } from './application/assignment.engine';
import { UnitOfWorkRunner } from './application/unit-of-work.port';

/**
 * The service in-process against the real embedded broker and a real PostgreSQL: events in through
 * Kafka, decisions and manifests out through the outbox, ops through HTTP. The service clock is manual
 * and starts 2026-11-25T00:00Z (08:00 in Wuhan); the timetable is the seeded one from that day.
 */
describe('flight-assignment (real broker, real PostgreSQL)', () => {
  const codec = new CloudEventCodec();
  let db: TestDatabase;
  let broker: TestBroker;
  let service: RunningService<FlightAssignmentConfig>;
  let producer: Producer;
  let reader: Consumer;
  const seen: Array<{ topic: string; type: string; id: string; time: string; data: Record<string, unknown> }> = [];
  let serial = 3_000_000;
  let issuer: TestTokenIssuer;
  /** An `ops` bearer token from the issuer the service trusts (flight changes and reads). */
  let opsToken: string;

  /** Starts the service (again, after `service.stop()`: same database and consumer group, so it resumes where it stopped). */
  async function startFlightAssignment(): Promise<RunningService<FlightAssignmentConfig>> {
    const started = await startService(FlightAssignmentService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      CLOCK_MODE: 'manual',
      OIDC_ISSUER: issuer.issuer,
      CLOCK_SIM_ORIGIN: '2026-11-25T00:00:00Z',
      TIMETABLE_START_DATE: '2026-11-25',
      TIMETABLE_DAYS: '4',
      ASSIGNMENT_BATCH_WINDOW_MS: '100',
      SCHEDULER_TICK_MS: '50',
      LOG_LEVEL: 'warn',
    });
    await started.app.get(KafkaConsumerStarter).whenStarted();
    return started;
  }

  beforeAll(async () => {
    db = await createTestDatabase('flight_assignment');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'ops-controller-1', roles: ['ops'] });
    broker = await startTestBroker();
    service = await startFlightAssignment();
    const kafka = new Kafka({ clientId: 'fa-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = kafka.consumer({ groupId: `fa-test-reader-${Date.now()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.FlightAssignment, Topics.FlightManifest, Topics.CargoHandling], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        seen.push({
          topic,
          type: headerText(message.headers?.['ce_type']) ?? '',
          id: headerText(message.headers?.['ce_id']) ?? '',
          time: headerText(message.headers?.['ce_time']) ?? '',
          data: JSON.parse(message.value!.toString()) as Record<string, unknown>,
        });
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

  const nextAwb = () => Awb.of(784, ++serial).toString();

  /** Produces one event as the services' relay does; returns its event id. */
  async function send<T extends object>(def: EventDefinition<T>, payload: Record<string, unknown>): Promise<string> {
    const envelope = createEnvelope(def, payload as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, acks: -1, messages: [codec.encode(envelope, { key: def.keyOf(payload as T) })] });
    return envelope.id;
  }

  /** Whether the service's consumer has applied (or deliberately skipped) the event: its id is in processed_events. */
  const processed = async (eventId: string) =>
    ((await service.app.get(DataSource).query(`SELECT 1 FROM "flight_assignment"."processed_events" WHERE "event_id" = $1`, [eventId])) as unknown[]).length > 0;
  const waitProcessed = (...ids: string[]) =>
    waitFor(async () => (await Promise.all(ids.map(processed))).every(Boolean), { timeoutMs: 20_000, description: `events ${ids.join(', ')} consumed` });

  function intake(awb: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...exampleEventPayload('CargoReceived'),
      awb,
      specialHandlingCodes: [],
      dangerousGoods: [],
      destinationAirport: 'PVG',
      serviceLevel: 'D1',
      pieces: 10,
      grossWeightKg: 250,
      volumeM3: 1.2,
      receivedAt: '2026-11-24T23:30:00Z',
      recordedAt: '2026-11-24T23:31:00Z',
      ...overrides,
    };
  }

  // Customs decisions of one case: each later one has a greater decisionVersion (the case version).
  const release = (awb: string, decisionVersion = 1) => ({
    ...exampleEventPayload('CustomsReleased'),
    awb,
    cargoAircraftOnly: false,
    specialHandlingCodes: [],
    releasedAt: '2026-11-24T23:50:00Z',
    decisionVersion,
  });
  const hold = (awb: string, decisionVersion = 2) => ({
    ...exampleEventPayload('CustomsHoldPlaced'),
    awb,
    reasons: [{ code: 'MANUAL', explanation: 'Officer hold after assignment' }],
    decisionVersion,
  });

  async function receiveAndRelease(awb: string, overrides: Record<string, unknown> = {}): Promise<void> {
    await send(EventCatalog.CargoReceived, intake(awb, overrides));
    await send(EventCatalog.CustomsReleased, release(awb));
  }

  const eventsOf = (awb: string) => seen.filter((e) => e.topic === Topics.FlightAssignment && e.data['awb'] === awb).map((e) => e.data);
  const waitForOutcome = (awb: string, outcome: string, n = 1) =>
    waitFor(() => eventsOf(awb).filter((e) => e['outcome'] === outcome)[n - 1], { timeoutMs: 20_000, description: `${outcome} for ${awb}` });

  async function http<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${opsToken}`, ...(body ? { 'content-type': 'application/json' } : {}) };
    const res = await fetch(`${service.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // text/plain (FFM)
    }
    return { status: res.status, body: parsed as T, text };
  }

  /** A list as a spreadsheet gets it (`Accept: text/csv`): the response and its rows by column name. */
  async function csv(path: string): Promise<{ response: Response; rows: Array<Record<string, string>> }> {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${opsToken}`, accept: 'text/csv' } });
    return { response, rows: parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>> };
  }

  type FlightView = { flightId: string; status: string; booked: { kg: number; m3: number }; remaining: { kg: number }; capacity: { kg: number }; cutoffAt: string; departureAt: string; origin: string; flightNumber: string };

  it('release in → assignment out: a flight from WUH/EHU the truck can reach, with truckDepartBy = cut-off − truck time', async () => {
    const awb = nextAwb();
    await receiveAndRelease(awb);
    const assigned = await waitForOutcome(awb, 'ASSIGNED');
    expect(assigned).toMatchObject({ awb, stationCode: 'OVS', destination: 'PVG', chargeableWeightKg: 250 });
    expect(['WUH', 'EHU']).toContain(assigned['origin']);
    const truckMinutes = assigned['origin'] === 'WUH' ? 45 : 60;
    expect(Date.parse(assigned['cutoffAt'] as string) - Date.parse(assigned['truckDepartBy'] as string)).toBe(truckMinutes * 60_000);
    expect(Date.parse(assigned['truckDepartBy'] as string)).toBeGreaterThanOrEqual(Date.parse('2026-11-25T00:00:00Z'));

    // One clock: recorded (ce_time) at the service's manual clock, the instant it decided, not at the wall clock.
    const recorded = seen.find((e) => e.topic === Topics.FlightAssignment && e.data['awb'] === awb)?.time;
    expect(Date.parse(recorded ?? '')).toBe(Date.parse(assigned['decidedAt'] as string));

    const where = await http<{ status: string; booking: { flightId: string } }>('GET', `/v1/shipments/${awb}`);
    expect(where.body).toMatchObject({ status: 'ASSIGNED', booking: { flightId: assigned['flightId'] } });
    const flight = await http<FlightView>('GET', `/v1/flights/${assigned['flightId'] as string}`);
    expect(flight.body.booked.kg).toBeGreaterThanOrEqual(250);
  });

  describe('customs decisions in version order whatever the topic order', () => {
    const statusOf = async (awb: string) => (await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status;

    it('a release (version 3) read before the older hold (version 2): booked, and the late hold changes nothing', async () => {
      const awb = nextAwb();
      await send(EventCatalog.CargoReceived, intake(awb));
      await send(EventCatalog.CustomsReleased, release(awb, 3));
      await waitForOutcome(awb, 'ASSIGNED');
      await waitProcessed(await send(EventCatalog.CustomsHoldPlaced, hold(awb, 2)));
      expect(await statusOf(awb)).toBe('ASSIGNED');
      expect(eventsOf(awb).map((e) => e['outcome'])).toEqual(['ASSIGNED']);
    });

    it('a hold (version 3) read before the older release (version 2): held, and the late release books nothing', async () => {
      const awb = nextAwb();
      await send(EventCatalog.CargoReceived, intake(awb));
      await waitProcessed(await send(EventCatalog.CustomsHoldPlaced, hold(awb, 3)));
      await waitProcessed(await send(EventCatalog.CustomsReleased, release(awb, 2)));
      expect(await statusOf(awb)).toBe('HELD');
      // A later batch would have assigned a pending shipment by now; a newer release still does.
      await waitProcessed(await send(EventCatalog.CustomsReleased, release(awb, 4)));
      await waitForOutcome(awb, 'ASSIGNED');
      expect(eventsOf(awb).map((e) => e['outcome'])).toEqual(['ASSIGNED']);
    });

    it('stopped, then restarted: the newer decision read first wins, and the older one read after it changes nothing', async () => {
      const releasedLast = nextAwb();
      const heldLast = nextAwb();
      await receiveAndRelease(releasedLast);
      await receiveAndRelease(heldLast);
      await waitForOutcome(releasedLast, 'ASSIGNED');
      await waitForOutcome(heldLast, 'ASSIGNED');
      await service.stop();
      // While it is down, customs decides twice more for each; the newer decision is read first after the restart.
      const newer = [await send(EventCatalog.CustomsReleased, release(releasedLast, 3)), await send(EventCatalog.CustomsHoldPlaced, hold(heldLast, 3))];
      service = await startFlightAssignment();
      await waitProcessed(...newer);
      await waitProcessed(await send(EventCatalog.CustomsHoldPlaced, hold(releasedLast, 2)), await send(EventCatalog.CustomsReleased, release(heldLast, 2)));
      expect(await statusOf(releasedLast)).toBe('ASSIGNED');
      expect(eventsOf(releasedLast).map((e) => e['outcome'])).toEqual(['ASSIGNED']);
      expect(await statusOf(heldLast)).toBe('HELD');
      expect(eventsOf(heldLast).map((e) => e['outcome'])).toEqual(['ASSIGNED', 'OFFLOADED']);
    });

    it('numbers its own assignment decisions per AWB, each superseding the one before', async () => {
      const awb = nextAwb();
      await receiveAndRelease(awb);
      await waitForOutcome(awb, 'ASSIGNED');
      await send(EventCatalog.CustomsHoldPlaced, hold(awb, 2));
      await waitForOutcome(awb, 'OFFLOADED');
      await send(EventCatalog.CustomsReleased, release(awb, 3));
      await waitForOutcome(awb, 'ASSIGNED', 2);
      const decisions = eventsOf(awb);
      expect(decisions.map((e) => e['decisionVersion'])).toEqual([1, 2, 3]);
      expect(decisions[0]?.['supersedes']).toBeUndefined();
      const ids = seen.filter((e) => e.topic === Topics.FlightAssignment && e.data['awb'] === awb).map((e) => e.id);
      expect(decisions.slice(1).map((e) => e['supersedes'])).toEqual(ids.slice(0, 2));
    });
  });

  it('fills a small flight to its capacity with concurrent releases, wait-lists the rest, and retries when a hold frees capacity', async () => {
    // An ops-added flight to an airport nothing else serves: 1,000 kg for ten 300 kg shipments.
    const added = await http<FlightView>('POST', '/v1/flights', {
      flightNumber: 'MU7001',
      origin: 'WUH',
      destination: 'ULN',
      departureAt: '2026-11-25T08:00:00Z',
      arrivalAt: '2026-11-25T11:00:00Z',
      aircraftKind: 'BELLY',
      aircraftType: 'A321',
      capacityKg: 1000,
      capacityM3: 20,
      coldChain: false,
    });
    expect(added.status).toBe(201);
    const awbs = Array.from({ length: 10 }, nextAwb);
    await Promise.all(awbs.map((awb) => send(EventCatalog.CargoReceived, intake(awb, { destinationAirport: 'ULN', serviceLevel: 'D2', grossWeightKg: 300, volumeM3: 1 }))));
    await Promise.all(awbs.map((awb) => send(EventCatalog.CustomsReleased, release(awb))));
    await waitFor(() => awbs.every((awb) => eventsOf(awb).length > 0), { timeoutMs: 20_000, description: 'a decision for all ten' });
    const assigned = awbs.filter((awb) => eventsOf(awb).some((e) => e['outcome'] === 'ASSIGNED'));
    const waitlisted = awbs.filter((awb) => eventsOf(awb).some((e) => e['outcome'] === 'WAITLISTED'));
    expect(assigned).toHaveLength(3);
    expect(waitlisted).toHaveLength(7);
    expect(eventsOf(waitlisted[0]!)[0]).toMatchObject({ reason: { code: 'NO_CAPACITY' }, retryUntil: '2026-11-25T05:15:00Z' });
    const flight = await http<FlightView>('GET', `/v1/flights/${added.body.flightId}`);
    expect(flight.body.booked.kg).toBe(900);
    expect(flight.body.remaining.kg).toBe(100);

    // A customs hold after assignment: offloaded, capacity freed, and a wait-listed shipment takes it.
    await send(EventCatalog.CustomsHoldPlaced, hold(assigned[0]!));
    const offloaded = await waitForOutcome(assigned[0]!, 'OFFLOADED');
    expect(offloaded).toMatchObject({ previousFlightId: added.body.flightId, reason: { code: 'CUSTOMS_HOLD' } });
    await waitFor(() => waitlisted.some((awb) => eventsOf(awb).some((e) => e['outcome'] === 'ASSIGNED')), { timeoutMs: 20_000, description: 'a wait-listed shipment assigned' });
    const after = await http<FlightView>('GET', `/v1/flights/${added.body.flightId}`);
    expect(after.body.booked.kg).toBe(900);
    expect((await http<{ status: string; booking?: unknown }>('GET', `/v1/shipments/${assigned[0]!}`)).body).toMatchObject({ status: 'HELD' });
  });

  it('cancel a flight → its cargo is re-assigned (or wait-listed), and the flight books nothing', async () => {
    const awb = nextAwb();
    await receiveAndRelease(awb, { destinationAirport: 'FRA', serviceLevel: 'D3' });
    const first = await waitForOutcome(awb, 'ASSIGNED');
    const cancelled = await http<{ flight: FlightView; decisions: Array<{ awb: string; outcome: string }> }>('POST', `/v1/flights/${first['flightId'] as string}/cancel`, { reason: 'Aircraft on ground' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.flight).toMatchObject({ status: 'CANCELLED', booked: { kg: 0 } });
    const mine = cancelled.body.decisions.find((d) => d.awb === awb)!;
    expect(['REASSIGNED', 'WAITLISTED', 'ROAD_FEEDER']).toContain(mine.outcome);
    if (mine.outcome === 'REASSIGNED') {
      const moved = await waitForOutcome(awb, 'REASSIGNED');
      expect(moved).toMatchObject({ previousFlightId: first['flightId'], reason: { code: 'FLIGHT_CANCELLED' } });
      expect(moved['flightId']).not.toBe(first['flightId']);
    } else {
      await waitForOutcome(awb, 'OFFLOADED');
    }
    expect((await http<FlightView>('GET', `/v1/flights/${first['flightId'] as string}`)).body.status).toBe('CANCELLED');
    expect((await http('POST', `/v1/flights/${first['flightId'] as string}/cancel`, {})).status).toBe(409);
  });

  it('delay a flight → shipments that still make it keep it with the new times; the others are re-planned', async () => {
    const awb = nextAwb();
    await receiveAndRelease(awb, { receivedAt: '2026-11-25T00:00:00Z' });
    const first = await waitForOutcome(awb, 'ASSIGNED');
    const flightId = first['flightId'] as string;
    const small = await http<{ kept: string[] }>('POST', `/v1/flights/${flightId}/delay`, { minutes: 20 });
    expect(small.status).toBe(200);
    expect(small.body.kept).toContain(awb);
    const reissued = await waitForOutcome(awb, 'ASSIGNED', 2);
    expect(reissued).toMatchObject({ flightId, reason: { code: 'FLIGHT_DELAYED' } });
    expect(Date.parse(reissued['departureAt'] as string) - Date.parse(first['departureAt'] as string)).toBe(20 * 60_000);
    expect(Date.parse(reissued['truckDepartBy'] as string) - Date.parse(first['truckDepartBy'] as string)).toBe(20 * 60_000);

    // A day and a half later it would break the D1 promise: re-planned onto another flight.
    const big = await http<{ kept: string[]; decisions: Array<{ awb: string; outcome: string }> }>('POST', `/v1/flights/${flightId}/delay`, { minutes: 2000 });
    expect(big.body.kept).not.toContain(awb);
    const mine = big.body.decisions.find((d) => d.awb === awb)!;
    expect(['REASSIGNED', 'WAITLISTED', 'ROAD_FEEDER']).toContain(mine.outcome);
    if (mine.outcome === 'REASSIGNED') {
      expect(await waitForOutcome(awb, 'REASSIGNED')).toMatchObject({ previousFlightId: flightId, reason: { code: 'FLIGHT_DELAYED' } });
    }
  });

  describe("a station's corrections and cancellations", () => {
    const correction = (awb: string, previous: Record<string, number>, overrides: Record<string, unknown>, intakeVersion = 2) => ({
      ...exampleEventPayload('CargoCorrected'),
      awb,
      intakeVersion,
      previous,
      intake: intake(awb, overrides),
    });
    const cancellation = (awb: string, intakeVersion = 2) => ({ ...exampleEventPayload('CargoCancelled'), awb, intakeVersion, reason: 'Shipper withdrew the shipment' });
    const bookedKg = async (flightId: string) => (await http<FlightView>('GET', `/v1/flights/${flightId}`)).body.booked.kg;

    it('a corrected weight re-plans the booking at once: REASSIGNED (CARGO_CORRECTED) with the new chargeable weight, capacity moved', async () => {
      const awb = nextAwb();
      await receiveAndRelease(awb);
      const first = await waitForOutcome(awb, 'ASSIGNED');
      const flightId = first['flightId'] as string;
      const before = await bookedKg(flightId);
      await send(EventCatalog.CargoCorrected, correction(awb, { pieces: 10, grossWeightKg: 250, volumeM3: 1.2 }, { grossWeightKg: 300 }));
      const moved = await waitForOutcome(awb, 'REASSIGNED');
      expect(moved).toMatchObject({ previousFlightId: flightId, chargeableWeightKg: 300, reason: { code: 'CARGO_CORRECTED', explanation: expect.stringContaining('grossWeightKg 250 → 300') } });
      const sameFlight = moved['flightId'] === flightId;
      expect(await bookedKg(flightId)).toBe(sameFlight ? before + 50 : before - 250);
      expect((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status).toBe('ASSIGNED');
    });

    it('a cancellation offloads a booked shipment (CARGO_CANCELLED), frees its capacity, and nothing books it again', async () => {
      const awb = nextAwb();
      await receiveAndRelease(awb);
      const flightId = (await waitForOutcome(awb, 'ASSIGNED'))['flightId'] as string;
      const before = await bookedKg(flightId);
      await send(EventCatalog.CargoCancelled, cancellation(awb));
      expect(await waitForOutcome(awb, 'OFFLOADED')).toMatchObject({ previousFlightId: flightId, reason: { code: 'CARGO_CANCELLED' } });
      expect(await bookedKg(flightId)).toBe(before - 250);
      expect((await http<{ status: string; booking?: unknown }>('GET', `/v1/shipments/${awb}`)).body).toMatchObject({ status: 'CANCELLED' });
      // A late customs decision, a hold or a newer release, changes nothing.
      await waitProcessed(await send(EventCatalog.CustomsHoldPlaced, hold(awb, 5)), await send(EventCatalog.CustomsReleased, release(awb, 6)));
      expect((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status).toBe('CANCELLED');
      expect(eventsOf(awb).map((e) => e['outcome'])).toEqual(['ASSIGNED', 'OFFLOADED']);
    });

    it('a shipment cancelled before it was booked is never booked; a corrected one waiting for customs is booked with the new figures', async () => {
      const cancelled = nextAwb();
      await send(EventCatalog.CargoReceived, intake(cancelled));
      await waitProcessed(await send(EventCatalog.CargoCancelled, cancellation(cancelled)), await send(EventCatalog.CustomsReleased, release(cancelled)));
      expect((await http<{ status: string }>('GET', `/v1/shipments/${cancelled}`)).body.status).toBe('CANCELLED');

      const corrected = nextAwb();
      await send(EventCatalog.CargoReceived, intake(corrected));
      await send(EventCatalog.CargoCorrected, correction(corrected, { pieces: 10, grossWeightKg: 250, volumeM3: 1.2 }, { pieces: 11, grossWeightKg: 275 }));
      await send(EventCatalog.CustomsReleased, release(corrected));
      expect(await waitForOutcome(corrected, 'ASSIGNED')).toMatchObject({ chargeableWeightKg: 275 });
      expect(eventsOf(cancelled)).toEqual([]);
    });
  });

  it('manifest closes at cut-off with the right totals (JSON, FFM and flight.manifest.v1)', async () => {
    const a = nextAwb();
    const b = nextAwb();
    await receiveAndRelease(a, { destinationAirport: 'ICN', serviceLevel: 'D2', pieces: 7, grossWeightKg: 180.5, volumeM3: 0.9 });
    await receiveAndRelease(b, { destinationAirport: 'ICN', serviceLevel: 'D2', pieces: 3, grossWeightKg: 60, volumeM3: 0.6, specialHandlingCodes: ['ELI'], dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI966', properShippingName: 'Lithium ion batteries packed with equipment' }] });
    const flightA = (await waitForOutcome(a, 'ASSIGNED'))['flightId'] as string;
    await waitForOutcome(b, 'ASSIGNED');
    expect((await http('GET', `/v1/flights/${flightA}/manifest`)).status).toBe(409);

    const flight = (await http<FlightView>('GET', `/v1/flights/${flightA}`)).body;
    const minutes = Math.ceil((Date.parse(flight.cutoffAt) - Date.parse((await http<{ now: string }>('GET', '/v1/ops/clock')).body.now)) / 60_000);
    const advanced = await http<{ now: string }>('POST', '/v1/ops/clock/advance', { minutes });
    expect(advanced.status).toBe(200);

    const manifest = await waitFor(async () => {
      const res = await http<{ shipments: Array<{ awb: string; pieces: number; grossWeightKg: number; volumeM3: number; chargeableWeightKg: number }>; totals: Record<string, number>; loadFactor: number; capacity: { kg: number } }>('GET', `/v1/flights/${flightA}/manifest`);
      return res.status === 200 ? res.body : undefined;
    }, { description: 'manifest closed' });
    const lines = manifest.shipments;
    expect(lines.map((l) => l.awb)).toContain(a);
    const sum = (k: 'pieces' | 'grossWeightKg' | 'volumeM3' | 'chargeableWeightKg') => Math.round(lines.reduce((s, l) => s + l[k], 0) * 1000) / 1000;
    expect(manifest.totals).toEqual({ pieces: sum('pieces'), grossWeightKg: sum('grossWeightKg'), volumeM3: sum('volumeM3'), chargeableWeightKg: sum('chargeableWeightKg') });
    expect(lines.find((l) => l.awb === a)).toMatchObject({ pieces: 7, grossWeightKg: 180.5, volumeM3: 0.9, chargeableWeightKg: 180.5 });
    expect(manifest.loadFactor).toBeCloseTo(manifest.totals['chargeableWeightKg']! / manifest.capacity.kg, 3);
    // The manifest as CSV: its shipments, one line each.
    const exported = await csv(`/v1/flights/${flightA}/manifest`);
    expect(exported.response.headers.get('content-disposition')).toBe(`attachment; filename="flights-${flightA}-manifest.csv"`);
    expect(exported.rows.map((r) => r['awb'])).toEqual(lines.map((l) => l.awb));
    expect(exported.rows.find((r) => r['awb'] === a)).toMatchObject({ pieces: '7', grossWeightKg: '180.5', volumeM3: '0.9' });

    const event = await waitFor(() => seen.find((e) => e.topic === Topics.FlightManifest && e.data['flightId'] === flightA), { description: 'flight.manifest.v1 for the flight' });
    expect(event.type).toBe(EventCatalog.FlightManifestClosed.type);
    expect(event.data['totals']).toEqual(manifest.totals);

    const ffm = await http<string>('GET', `/v1/flights/${flightA}/manifest?format=ffm`);
    expect(ffm.status).toBe(200);
    const ffmManifest = parseFfmManifest(ffm.text);
    expect(ffmManifest.flight.pointOfLoading).toBe(flight.origin);
    expect(ffmManifest.pointsOfUnloading.flatMap((p) => p.bulk).find((c) => c.awb === a)).toMatchObject({ destination: 'ICN', quantity: { code: 'T', pieces: 7, weight: { code: 'K', value: 180.5 } }, volume: { code: 'MC', value: 0.9 } });
    expect((await http<FlightView>('GET', `/v1/flights/${flightA}`)).body.status).toBe('CLOSED');
    expect((await http<{ status: string }>('GET', `/v1/shipments/${a}`)).body.status).toBe('MANIFESTED');
  });

  it('never overbooks when batches race each other (capacity lock), and the database refuses an overbooking outright', async () => {
    const added = await http<FlightView>('POST', '/v1/flights', {
      flightNumber: 'MU7003',
      origin: 'WUH',
      destination: 'ALA',
      departureAt: '2026-11-25T09:00:00Z',
      arrivalAt: '2026-11-25T14:00:00Z',
      aircraftKind: 'BELLY',
      aircraftType: 'A320',
      capacityKg: 500,
      capacityM3: 10,
      coldChain: false,
    });
    const awbs = Array.from({ length: 6 }, nextAwb);
    await Promise.all(awbs.map((awb) => receiveAndRelease(awb, { destinationAirport: 'ALA', serviceLevel: 'D2', grossWeightKg: 200, volumeM3: 1 })));
    const runner = service.app.get(UnitOfWorkRunner);
    const engine = service.app.get(AssignmentEngine);
    // Race four batches (plus the scheduler's own) until every shipment has its decision.
    await waitFor(async () => {
      await Promise.all(Array.from({ length: 4 }, () => runner.run((u) => engine.runBatch(u))));
      return awbs.every((awb) => eventsOf(awb).length > 0);
    }, { timeoutMs: 20_000, description: 'decisions for the six' });
    const assigned = awbs.filter((awb) => eventsOf(awb).some((e) => e['outcome'] === 'ASSIGNED'));
    expect(assigned).toHaveLength(2);
    for (const awb of awbs) expect(eventsOf(awb).filter((e) => e['outcome'] === 'ASSIGNED').length).toBeLessThanOrEqual(1);
    expect((await http<FlightView>('GET', `/v1/flights/${added.body.flightId}`)).body.booked.kg).toBe(400);

    const dataSource = service.app.get(DataSource);
    await expect(
      dataSource.query(`UPDATE "flight_assignment"."flights" SET "booked_kg" = "capacity_kg" + 1 WHERE "flight_id" = $1`, [added.body.flightId]),
    ).rejects.toThrow(/flights_capacity_never_exceeded/);
  });

  it('rejects bad ops input with field-level errors and changes nothing', async () => {
    const bad = await http<{ error: { code: string; fields: Array<{ field: string }> } }>('POST', '/v1/flights/MU2501-2026-11-25/delay', { minutes: -5, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ASSIGNMENT.INVALID_REQUEST');
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['extra', 'minutes']);
    expect((await http<{ delayMinutes: number }>('GET', '/v1/flights/MU2501-2026-11-25')).body.delayMinutes).toBe(0);
    expect((await http('GET', '/v1/flights?airport=wuh&date=2026-11-25')).status).toBe(400);
    expect((await http('GET', '/v1/shipments/784-12345670')).status).toBe(400);
    expect((await http('GET', '/v1/flights/XX1-2026-11-25')).status).toBe(404);
    const list = await http<{ items: FlightView[] }>('GET', '/v1/flights?airport=EHU&date=2026-11-25');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(10);
  });

  it('opens an exception when nothing can carry the shipment (CAO, belly only), lists it for ops, and re-plans it when ops resolves it', async () => {
    // Only a belly flies to Bishkek: cargo-aircraft-only cargo has no freighter and no road feeder.
    const belly = await http<FlightView>('POST', '/v1/flights', {
      flightNumber: 'MU7005', origin: 'WUH', destination: 'FRU', departureAt: '2026-11-25T09:00:00Z', arrivalAt: '2026-11-25T15:00:00Z',
      aircraftKind: 'BELLY', aircraftType: 'A330-300', capacityKg: 8000, capacityM3: 60, coldChain: false,
    });
    expect(belly.status).toBe(201);
    const awb = nextAwb();
    await receiveAndRelease(awb, { destinationAirport: 'FRU', serviceLevel: 'D3', specialHandlingCodes: ['CAO'] });
    const opened = await waitForOutcome(awb, 'EXCEPTION');
    expect(opened).toMatchObject({ outcome: 'EXCEPTION', reason: { code: 'CAO_NO_FREIGHTER', explanation: expect.stringContaining('operator must resolve') } });
    expect(opened['retryUntil']).toBeUndefined();
    const open = await http<{ items: Array<{ awb: string; reason: { code: string }; cargoAircraftOnly: boolean }> }>('GET', '/v1/exceptions');
    expect(open.body.items.find((e) => e.awb === awb)).toMatchObject({ reason: { code: 'CAO_NO_FREIGHTER' }, cargoAircraftOnly: true });
    expect((await csv('/v1/exceptions')).rows.find((r) => r['awb'] === awb)).toMatchObject({ 'reason.code': 'CAO_NO_FREIGHTER', cargoAircraftOnly: 'true' });
    // Not a list: refused in the JSON error shape.
    const notList = await fetch(`${service.url}/v1/ops/clock`, { headers: { authorization: `Bearer ${opsToken}`, accept: 'text/csv' } });
    expect(notList.status).toBe(406);
    expect(await notList.json()).toMatchObject({ error: { code: 'ASSIGNMENT.NOT_ACCEPTABLE' } });
    expect((await http<{ status: string; reason: { code: string } }>('GET', `/v1/shipments/${awb}`)).body).toMatchObject({ status: 'EXCEPTION', reason: { code: 'CAO_NO_FREIGHTER' } });

    // Resolving without a change in the timetable: re-planned at once, and still an exception.
    const again = await http<{ decision: { outcome: string; reasonCode: string } }>('POST', `/v1/exceptions/${awb}/resolve`, { action: 'REPLAN', note: 'Checked again' });
    expect(again).toMatchObject({ status: 200, body: { decision: { outcome: 'EXCEPTION', reasonCode: 'CAO_NO_FREIGHTER' } } });
    await waitForOutcome(awb, 'EXCEPTION', 2);

    // Ops adds a freighter, then resolves: the shipment is booked on it, and the exception is closed.
    const freighter = await http<FlightView>('POST', '/v1/flights', {
      flightNumber: 'O36995', origin: 'EHU', destination: 'FRU', departureAt: '2026-11-26T10:00:00Z', arrivalAt: '2026-11-26T16:00:00Z',
      aircraftKind: 'FREIGHTER', aircraftType: 'B757-200F', capacityKg: 20000, capacityM3: 150, coldChain: false,
    });
    expect(freighter.status).toBe(201);
    const resolved = await http<{ resolved: { actor: string; reasonCode: string }; decision: { outcome: string; flightId: string } }>('POST', `/v1/exceptions/${awb}/resolve`, {
      action: 'REPLAN',
      note: 'Added freighter O36995 EHU-FRU',
    });
    expect(resolved).toMatchObject({ status: 200, body: { resolved: { actor: 'ops-controller-1', reasonCode: 'CAO_NO_FREIGHTER' }, decision: { outcome: 'ASSIGNED', flightId: freighter.body.flightId } } });
    const booked = await waitForOutcome(awb, 'ASSIGNED');
    expect(booked).toMatchObject({ flightId: freighter.body.flightId, aircraftKind: 'FREIGHTER', reason: { code: 'EXCEPTION_RESOLVED', explanation: expect.stringContaining('Added freighter O36995') } });
    expect((await http<{ items: Array<{ awb: string }> }>('GET', '/v1/exceptions')).body.items.map((e) => e.awb)).not.toContain(awb);

    // Only an open exception can be resolved; bad input is refused field by field.
    expect(await http('POST', `/v1/exceptions/${awb}/resolve`, { action: 'REPLAN', note: 'again' })).toMatchObject({ status: 409, body: { error: { code: 'ASSIGNMENT.NO_OPEN_EXCEPTION' } } });
    const bad = await http<{ error: { fields: Array<{ field: string }> } }>('POST', `/v1/exceptions/${awb}/resolve`, { action: 'IGNORE', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['action', 'note']);
    expect((await http('POST', '/v1/exceptions/784-99999992/resolve', { action: 'REPLAN', note: 'x' })).status).toBe(404);
  });

  // Last: it moves the manual clock past a departure.
  it('the airline silent past departure + AIRLINE_SILENCE_MINUTES: the manifested shipments are reported departed, marked assumed (DEP on cargo.handling.v1)', async () => {
    const awb = nextAwb();
    await receiveAndRelease(awb, { destinationAirport: 'ICN', serviceLevel: 'D2', pieces: 4, grossWeightKg: 90, volumeM3: 0.5 });
    const flightId = (await waitForOutcome(awb, 'ASSIGNED'))['flightId'] as string;
    const flight = (await http<FlightView>('GET', `/v1/flights/${flightId}`)).body;
    const now = async () => Date.parse((await http<{ now: string }>('GET', '/v1/ops/clock')).body.now);
    await http('POST', '/v1/ops/clock/advance', { minutes: Math.ceil((Date.parse(flight.cutoffAt) - (await now())) / 60_000) });
    await waitFor(async () => (await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status === 'MANIFESTED', { description: 'manifested' });
    expect(seen.some((e) => e.topic === Topics.CargoHandling && e.data['awb'] === awb)).toBe(false);

    // At departure time the hub waits for the airline's DEP (flight-assignment no longer reports it on the airline's behalf)…
    await http('POST', '/v1/ops/clock/advance', { minutes: Math.ceil((Date.parse(flight.departureAt) - (await now())) / 60_000) });
    expect((await http<FlightView>('GET', `/v1/flights/${flightId}`)).body.status).toBe('CLOSED');
    // …and assumes it once the airline stayed silent for 30 minutes (the default AIRLINE_SILENCE_MINUTES).
    await http('POST', '/v1/ops/clock/advance', { minutes: 31 });
    const departed = await waitFor(() => seen.find((e) => e.topic === Topics.CargoHandling && e.data['awb'] === awb), { description: 'DEP for the shipment' });
    expect(departed.type).toBe(EventCatalog.HandlingScanned.type);
    expect(departed.data).toMatchObject({ code: 'DEP', place: flight.origin, flightNumber: flight.flightNumber, pieces: 4, source: 'ASSUMED' });
    expect(Date.parse(String(departed.data['happenedAt']))).toBe(Date.parse(flight.departureAt));
    expect((await http<FlightView>('GET', `/v1/flights/${flightId}`)).body.status).toBe('DEPARTED');
    expect((await http<{ status: string }>('GET', `/v1/shipments/${awb}`)).body.status).toBe('DEPARTED');
  });
});
