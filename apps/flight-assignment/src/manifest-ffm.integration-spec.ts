import { parseFfmManifest, type FfmConsignment } from '@cargo/cargo-imp';
import { Awb, createEnvelope, EventCatalog, exampleEventPayload, type EventDefinition } from '@cargo/contracts';
import { CloudEventCodec, KafkaConsumerStarter } from '@cargo/messaging';
import { registrationFor } from '@cargo/seeds';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentService } from './flight-assignment.service-definition';

interface FlightView {
  flightId: string;
  flightNumber: string;
  carrier: string;
  origin: string;
  destination: string;
  aircraftKind: string;
  aircraftType: string;
  status: string;
  cutoffAt: string;
}

interface ManifestLineJson {
  awb: string;
  pieces: number;
  grossWeightKg: number;
  destination: string;
  goodsDescription?: string;
  consignee?: { name: string };
  houseWaybills?: Array<{ number: string; consignee: { name: string } }>;
}

/**
 * A day of manifests as airlines receive them: shipments to every region are received and released,
 * the manual clock runs through the local day 2026-11-25, and then every manifest of that day from
 * WUH and EHU is fetched as FFM and parsed by the strict FFM/8 parser of @cargo/cargo-imp. Real
 * broker, real PostgreSQL.
 */
describe('every manifest of a day is valid FFM/8 (real broker, real PostgreSQL)', () => {
  const codec = new CloudEventCodec();
  let db: TestDatabase;
  let broker: TestBroker;
  let issuer: TestTokenIssuer;
  let service: RunningService<FlightAssignmentConfig>;
  let producer: Producer;
  let opsToken: string;

  beforeAll(async () => {
    db = await createTestDatabase('flight_assignment_ffm');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'ops-ffm', roles: ['ops'] });
    broker = await startTestBroker();
    service = await startService(FlightAssignmentService, {
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
    await service.app.get(KafkaConsumerStarter).whenStarted();
    producer = new Kafka({ clientId: 'fa-ffm-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await broker?.dispose();
    await db?.drop();
    await issuer?.close();
  });

  async function send<T extends object>(def: EventDefinition<T>, payload: Record<string, unknown>): Promise<void> {
    const envelope = createEnvelope(def, payload as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, acks: -1, messages: [codec.encode(envelope, { key: def.keyOf(payload as T) })] });
  }

  async function http<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string; headers: Headers }> {
    const headers: Record<string, string> = { authorization: `Bearer ${opsToken}`, ...(body ? { 'content-type': 'application/json' } : {}) };
    const res = await fetch(`${service.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // text/plain (FFM)
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  const consignee = { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE' };
  const houseWaybills = [
    { number: 'HWB0001', pieces: 7, grossWeightKg: 21, description: 'Phone cases', consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', country: 'DE' } },
    { number: 'HWB0002', pieces: 5, grossWeightKg: 14.5, description: 'Earphones', consignee: { name: 'Jan de Vries', street: 'Dorpsstraat 1', city: 'Utrecht', country: 'NL' } },
  ];

  /** Where the day's cargo goes: domestic, Asia and the world's hubs, with the service level their region gets. */
  const DESTINATIONS: ReadonlyArray<[airport: string, level: string]> = [
    ['PVG', 'D1'], ['PEK', 'D1'], ['CAN', 'D1'], ['SZX', 'D1'], ['CTU', 'D1'], ['CKG', 'D1'],
    ['HKG', 'D2'], ['ICN', 'D2'], ['NRT', 'D2'], ['SIN', 'D2'], ['BKK', 'D2'],
    ['FRA', 'D3'], ['LHR', 'D3'], ['AMS', 'D3'], ['LGG', 'D3'], ['JFK', 'D3'], ['DXB', 'D3'],
  ];

  it('fetches every manifest of 25 Nov from WUH and EHU as FFM and parses it strictly, with the same AWBs as the JSON manifest', async () => {
    const awbs: string[] = [];
    for (let i = 0; i < 68; i++) {
      const awb = Awb.of(784, 5_100_000 + i).toString();
      awbs.push(awb);
      const [destinationAirport, serviceLevel] = DESTINATIONS[i % DESTINATIONS.length] as [string, string];
      const consolidated = i % 9 === 0;
      await send(EventCatalog.CargoReceived, {
        ...exampleEventPayload('CargoReceived'),
        awb,
        destinationAirport,
        serviceLevel,
        pieces: 12,
        grossWeightKg: 40 + (i % 13) * 17.35,
        volumeM3: 0.2 + (i % 7) * 0.137,
        commodity: { description: i % 2 === 0 ? 'Optical transceiver modules (100G QSFP28), 光模块' : 'Cross-border e-commerce parcels', category: 'OPTOELECTRONICS', hsCode: '85176299' },
        specialHandlingCodes: i % 4 === 0 ? ['ELI'] : [],
        dangerousGoods: i % 4 === 0 ? [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', properShippingName: 'Lithium ion batteries contained in equipment' }] : [],
        receivedAt: '2026-11-24T23:30:00Z',
        recordedAt: '2026-11-24T23:31:00Z',
        ...(consolidated ? { ecommerce: true, consignee, houseWaybills } : {}),
      });
      await send(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb, cargoAircraftOnly: false, specialHandlingCodes: [], releasedAt: '2026-11-24T23:50:00Z' });
    }
    await waitFor(
      async () => {
        const statuses = await Promise.all(awbs.map(async (awb) => (await http<{ status?: string }>('GET', `/v1/shipments/${awb}`)).body.status));
        return statuses.every((s) => s !== undefined && s !== 'PENDING' && s !== 'RECEIVED');
      },
      { timeoutMs: 60_000, description: 'a decision for every shipment' },
    );

    // Through the local day: 08:00 → 24:00 in Wuhan, closing each flight's manifest at its cut-off.
    for (let step = 0; step < 16; step++) expect((await http('POST', '/v1/ops/clock/advance', { minutes: 60 })).status).toBe(200);

    const flights = (await Promise.all(['WUH', 'EHU'].map(async (airport) => (await http<{ items: FlightView[] }>('GET', `/v1/flights?airport=${airport}&date=2026-11-25`)).body.items))).flat();
    // Flights whose cut-off was before the service started (08:00 in Wuhan) never had a manifest to close.
    const flown = flights.filter((f) => f.status !== 'CANCELLED' && Date.parse(f.cutoffAt) > Date.parse('2026-11-25T00:00:00Z'));
    expect(flown.length).toBeGreaterThan(40);

    const manifested = new Set<string>();
    let withCargo = 0;
    let consolidations = 0;
    for (const f of flown) {
      const json = await http<{ aircraftRegistration?: string; shipments: ManifestLineJson[] }>('GET', `/v1/flights/${f.flightId}/manifest`);
      expect(json.status).toBe(200);
      const ffm = await http<string>('GET', `/v1/flights/${f.flightId}/manifest?format=ffm`);
      expect(ffm.status).toBe(200);
      expect(ffm.headers.get('content-type')).toMatch(/^text\/plain/);
      let parsed: ReturnType<typeof parseFfmManifest>;
      try {
        parsed = parseFfmManifest(ffm.text);
      } catch (error) {
        throw new Error(`FFM of ${f.flightId} does not parse: ${(error as Error).message}\n${ffm.text}`);
      }
      expect(Number(ffm.headers.get('x-cargo-imp-messages'))).toBeGreaterThanOrEqual(1);
      const registration = f.aircraftKind === 'TRUCK' ? undefined : registrationFor(f.carrier, f.aircraftType, f.flightNumber);
      expect({ flight: `${parsed.flight.flight.carrier}${Number.parseInt(parsed.flight.flight.number, 10)}`, loading: parsed.flight.pointOfLoading, registration: parsed.flight.aircraftRegistration }).toEqual({
        flight: f.flightNumber,
        loading: f.origin,
        registration,
      });
      expect(json.body.aircraftRegistration).toBe(registration);
      const consignments: FfmConsignment[] = parsed.pointsOfUnloading.flatMap((p) => [...p.bulk, ...p.ulds.flatMap((u) => u.consignments)]);
      expect(parsed.pointsOfUnloading.map((p) => p.airport)).toEqual([f.destination]);
      expect(consignments.map((c) => c.awb)).toEqual(json.body.shipments.map((s) => s.awb));
      for (const line of json.body.shipments) {
        const c = consignments.find((x) => x.awb === line.awb) as FfmConsignment;
        expect(c).toMatchObject({ origin: f.origin, destination: line.destination, quantity: { code: 'T', pieces: line.pieces } });
        expect(c.goodsDescription.length).toBeLessThanOrEqual(15);
        expect(c.specialHandlingCodes.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
        if (awbs.includes(line.awb)) manifested.add(line.awb);
      }
      if (json.body.shipments.length > 0) withCargo++;
      const consolidatedLine = json.body.shipments.find((s) => s.houseWaybills);
      if (consolidatedLine) {
        consolidations++;
        expect(consolidatedLine.consignee?.name).toBe(consignee.name);
        expect(consolidatedLine.houseWaybills?.map((h) => [h.number, h.consignee.name])).toEqual([['HWB0001', 'Anna Schmidt'], ['HWB0002', 'Jan de Vries']]);
      }
    }
    expect(withCargo).toBeGreaterThan(5);
    expect(consolidations).toBeGreaterThan(0);
    expect(manifested.size).toBeGreaterThan(20);
  });
});
