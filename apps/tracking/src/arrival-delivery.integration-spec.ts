import { Awb, EventCatalog, createEnvelope, exampleEventPayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { TrackingConfig } from './config/tracking.config';
import type { PublicShipmentView, ShipmentView } from './domain/shipment.projection';
import { TRACKED_TOPICS } from './infrastructure/kafka/tracking-record.processor';
import { TrackingService } from './tracking.service-definition';

const codec = new CloudEventCodec();
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

/**
 * Tracking after departure, fed the way flight-assignment's airline status API publishes
 * (`HandlingScanned` on `cargo.handling.v1`, `source` AIRLINE or ASSUMED), against the real broker
 * and PostgreSQL. The shared clock starts on 2026-11-26 at 06:00Z, after the example flight's ETA
 * (O36921 EHU→FRA, due 02:20Z), so an unarrived shipment is overdue as soon as it is read.
 */
describe('tracking after departure: arrival, receipt, delivery, and the discrepancies (real broker + PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let service: RunningService<TrackingConfig>;
  let kafka: Kafka;
  let producer: Producer;
  let issuer: TestTokenIssuer;
  let opsToken: string;

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('tracking_arrival');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'hub-ops-1', roles: ['ops'] });
    kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'tracking-arrival-test' });
    await new TopicProvisioner(kafka).ensureTopics({ topics: TRACKED_TOPICS, partitions: 3, replicationFactor: 1 });
    producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
    await producer.connect();
    service = await startService(TrackingService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      TRACKING_CONSUMER_GROUP: `tracking-arrival-${Date.now()}`,
      CLOCK_SIM_ORIGIN: '2026-11-26T06:00:00Z',
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await db?.drop();
    await broker?.dispose();
    await issuer?.close();
  });

  async function produce<T extends object>(def: EventDefinition<T>, data: Record<string, unknown>): Promise<void> {
    const envelope = createEnvelope(def, data as T, { source: '/services/flight-assignment' });
    await producer.send({ topic: def.topic, messages: [codec.encode(envelope as EventEnvelope, { key: envelope.subject as string })] });
  }
  /** A scan as the airline status API publishes it (no station, no truck). */
  const airline = (awb: string, over: Record<string, unknown>) => {
    const { truckId: _truckId, stationCode: _stationCode, ...base } = exampleEventPayload('HandlingScanned');
    return { ...base, awb, source: 'AIRLINE', ...over };
  };
  const get = async <T>(path: string, token: string | null = opsToken): Promise<T> => {
    const res = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return (await res.json()) as T;
  };
  const codes = (v: ShipmentView) => v.flags.map((f) => f.code).sort();
  const waitForView = (awb: string, probe: (v: ShipmentView) => boolean, description: string) =>
    waitFor(async () => {
      const v = await get<ShipmentView>(`/v1/shipments/${awb}`);
      return v.timeline && probe(v) ? v : undefined;
    }, { timeoutMs: 30_000, description });
  const search = async (flag: string) => (await get<{ items: ShipmentView[] }>(`/v1/shipments?flag=${flag}&pageSize=100`)).items.map((v) => v.awb);

  it('an assumed departure, then the airline’s own reports to DLV: the flags come and go with the facts and the clock', async () => {
    const awb = Awb.of(784, 5_300_001).toString();
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
    await produce(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb });
    await produce(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb });
    await produce(EventCatalog.HandlingScanned, airline(awb, {
      code: 'DEP', place: 'EHU', flightNumber: 'O36921', flightId: 'O36921-2026-11-25', source: 'ASSUMED',
      remarks: 'Departure assumed: no DEP from the airline 30 min after the scheduled departure',
      happenedAt: '2026-11-25T14:30:00Z', recordedAt: '2026-11-25T15:00:00Z',
    }));

    // Departed as far as anyone knows, by the hub's assumption; past its ETA on the shared clock.
    const assumed = await waitForView(awb, (v) => v.status === 'DEP' && v.booking !== null && v.cleared, 'the assumed departure (and the booking)');
    expect(codes(assumed)).toEqual(['DEPARTURE_ASSUMED', 'NOT_ARRIVED_BY_ETA']);
    expect(assumed.flags.find((f) => f.code === 'NOT_ARRIVED_BY_ETA')?.detail).toContain('ETA 2026-11-26T02:20:00Z');
    expect(await search('NOT_ARRIVED_BY_ETA')).toContain(awb);
    expect(await search('DEPARTURE_ASSUMED')).toContain(awb);

    // The airline's own DEP, 22 minutes late: no longer assumed, and the ETA moves with it.
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DEP', place: 'EHU', flightNumber: 'O36921', happenedAt: '2026-11-25T14:52:00Z', recordedAt: '2026-11-25T15:20:00Z' }));
    const reported = await waitForView(awb, (v) => v.eta === '2026-11-26T02:42:00Z', 'the ETA after the airline DEP');
    expect(codes(reported)).toEqual(['NOT_ARRIVED_BY_ETA']);

    // Arrival, 11 of 12 pieces off the flight, consignee notified, delivered.
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'ARR', place: 'FRA', flightNumber: 'O36921', happenedAt: '2026-11-26T02:50:00Z', recordedAt: '2026-11-26T02:55:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'RCF', place: 'FRA', flightNumber: 'O36921', pieces: 11, remarks: '1 piece not found in the ULD', happenedAt: '2026-11-26T03:30:00Z', recordedAt: '2026-11-26T03:31:00Z' }));
    const arrived = await waitForView(awb, (v) => v.status === 'RCF', 'the receipt from the flight');
    expect(codes(arrived)).toEqual(['PIECES_SHORT']);
    expect(await search('NOT_ARRIVED_BY_ETA')).not.toContain(awb);
    expect(await search('PIECES_SHORT')).toContain(awb);
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'NFD', place: 'FRA', pieces: undefined, happenedAt: '2026-11-26T04:10:00Z', recordedAt: '2026-11-26T04:10:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DLV', place: 'FRA', pieces: 11, happenedAt: '2026-11-26T05:40:00Z', recordedAt: '2026-11-26T05:41:00Z' }));
    const delivered = await waitForView(awb, (v) => v.status === 'DLV', 'the delivery');
    expect(delivered).toMatchObject({ arrivedAt: '2026-11-26T02:50:00Z', deliveredAt: '2026-11-26T05:40:00Z', eta: '2026-11-26T02:50:00Z', nextActivity: null });
    expect(delivered.timeline.map((e) => e.code).slice(-6)).toEqual(['DEP', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV']);
    expect(codes(delivered)).toEqual(['PIECES_SHORT']);
    // Anyone with the AWB sees where and when, down to the delivery.
    expect(await get<PublicShipmentView>(`/v1/shipments/${awb}`, null)).toMatchObject({ restricted: true, status: 'DLV', deliveredAt: '2026-11-26T05:40:00Z' });
  });

  it('a transfer that left the hub on another flight than booked is flagged misrouted', async () => {
    const awb = Awb.of(784, 5_300_002).toString();
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
    await produce(EventCatalog.FlightAssigned, {
      ...exampleEventPayload('FlightAssigned'),
      awb,
      flightId: 'O36501-2026-11-25', flightNumber: 'O36501', arrivalAt: '2026-11-25T16:05:00Z',
      connection: { flightId: 'CK207-2026-11-26', flightNumber: 'CK207', via: 'PVG', departureAt: '2026-11-25T18:30:00Z', arrivalAt: '2026-11-26T07:30:00Z' },
    });
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DEP', place: 'EHU', flightNumber: 'O36501', happenedAt: '2026-11-25T14:31:00Z', recordedAt: '2026-11-25T14:40:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DEP', place: 'PVG', flightNumber: 'MU219', happenedAt: '2026-11-25T19:00:00Z', recordedAt: '2026-11-25T19:05:00Z' }));
    const view = await waitForView(awb, (v) => v.flags.some((f) => f.code === 'MISROUTED') && v.timeline.length === 4, 'the misrouted transfer');
    expect(view.flags.find((f) => f.code === 'MISROUTED')?.detail).toBe('Left PVG on MU219, booked onward from PVG on CK207');
    expect(await search('MISROUTED')).toEqual([awb]);
  });
});
