import { parseFsu } from '@cargo/cargo-imp';
import { Awb, EventCatalog, Topics, createEnvelope, exampleEventPayload, validateEvent, type EventDefinition, type EventEnvelope, type ShipmentStatusReportedPayload } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient, headerText } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import type { TrackingConfig } from './config/tracking.config';
import type { FsuStatusMessage } from './domain/fsu-status.builder';
import type { ShipmentView } from './domain/shipment.projection';
import { TrackingService } from './tracking.service-definition';

const codec = new CloudEventCodec();
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

/**
 * Every status of a shipment as IATA FSU/15: over HTTP for the parties allowed the full view, and on
 * cargo.status.v1 keyed by AWB, each message parsed by the strict parser; the consignee and house
 * waybills in the full view only. Real broker and PostgreSQL.
 */
describe('FSU statuses from tracking (real broker + PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let service: RunningService<TrackingConfig>;
  let kafka: Kafka;
  let producer: Producer;
  let reader: Consumer;
  let issuer: TestTokenIssuer;
  const statuses: EachMessagePayload[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('tracking_fsu');
    issuer = await startTestTokenIssuer();
    tokens['ops'] = await issuer.token({ sub: 'hub-ops-1', roles: ['ops'] });
    tokens['shipper'] = await issuer.token({ sub: 'shipper-1', roles: ['shipper'], party_id: 'SHP-OV-001' });
    tokens['otherShipper'] = await issuer.token({ sub: 'shipper-2', roles: ['shipper'], party_id: 'SHP-OV-999' });
    tokens['airline'] = await issuer.token({ sub: 'o3-ops', roles: ['airline'], carriers: ['O3'] });
    tokens['otherAirline'] = await issuer.token({ sub: 'cz-ops', roles: ['airline'], carriers: ['CZ'] });
    kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'tracking-fsu-test' });
    await new TopicProvisioner(kafka).ensureTopics({ topics: Object.values(Topics), partitions: 3, replicationFactor: 1 });
    producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
    await producer.connect();
    reader = kafka.consumer({ groupId: `fsu-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.CargoStatus], fromBeginning: true });
    await reader.run({ eachMessage: async (payload) => void statuses.push(payload) });
    service = await startService(TrackingService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      TRACKING_CONSUMER_GROUP: `tracking-fsu-${Date.now()}`,
      CLOCK_SIM_ORIGIN: '2026-11-26T06:00:00Z',
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await db?.drop();
    await broker?.dispose();
    await issuer?.close();
  });

  async function produce<T extends object>(def: EventDefinition<T>, data: Record<string, unknown>): Promise<void> {
    const envelope = createEnvelope(def, data as T, { source: '/services/test' });
    await producer.send({ topic: def.topic, messages: [codec.encode(envelope as EventEnvelope, { key: envelope.subject as string })] });
  }
  const airline = (awb: string, over: Record<string, unknown>) => {
    const { truckId: _truckId, stationCode: _stationCode, ...base } = exampleEventPayload('HandlingScanned');
    return { ...base, awb, source: 'AIRLINE', ...over };
  };
  const station = (awb: string, over: Record<string, unknown>) => ({ ...exampleEventPayload('HandlingScanned'), awb, truckId: undefined, ...over });
  const call = async (path: string, token: string | null) => {
    const res = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, text, json: (() => { try { return JSON.parse(text) as Record<string, any>; } catch { return undefined; } })() }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('writes every status of the timeline as FSU/15, over HTTP for the shipment’s parties and on cargo.status.v1', async () => {
    const awb = Awb.of(784, 5_400_001).toString();
    const consignee = { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', country: 'DE' };
    const houseWaybills = [
      { number: 'HWB0001', pieces: 7, grossWeightKg: 280, description: 'Optical modules', consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', country: 'DE' } },
      { number: 'HWB0002', pieces: 5, grossWeightKg: 206.5, description: 'Optical modules', consignee: { name: 'Jan de Vries', street: 'Dorpsstraat 1', city: 'Utrecht', country: 'NL' } },
    ];
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb, consignee, houseWaybills });
    await produce(EventCatalog.HandlingScanned, station(awb, { code: 'FOH', place: 'OVS', happenedAt: '2026-11-25T09:40:00+08:00', recordedAt: '2026-11-25T09:41:00+08:00' }));
    await produce(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb });
    await produce(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb });
    await produce(EventCatalog.FlightManifestClosed, {
      ...exampleEventPayload('FlightManifestClosed'),
      shipments: [{ ...(exampleEventPayload('FlightManifestClosed')['shipments'] as Array<Record<string, unknown>>)[0], awb }],
      totals: { pieces: 12, grossWeightKg: 486.5, volumeM3: 2.4, chargeableWeightKg: 486.5 },
      loadFactor: 0.0097,
    });
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DEP', place: 'EHU', flightNumber: 'O36921', flightId: 'O36921-2026-11-25', happenedAt: '2026-11-25T14:42:00Z', recordedAt: '2026-11-25T14:45:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'ARR', place: 'FRA', flightNumber: 'O36921', happenedAt: '2026-11-26T02:30:00Z', recordedAt: '2026-11-26T02:31:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'RCF', place: 'FRA', flightNumber: 'O36921', pieces: 11, happenedAt: '2026-11-26T03:30:00Z', recordedAt: '2026-11-26T03:31:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DIS', place: 'FRA', flightNumber: 'O36921', pieces: 1, remarks: '1 piece missing from the ULD', happenedAt: '2026-11-26T03:35:00Z', recordedAt: '2026-11-26T03:36:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'NFD', place: 'FRA', pieces: undefined, happenedAt: '2026-11-26T04:10:00Z', recordedAt: '2026-11-26T04:10:00Z' }));
    await produce(EventCatalog.HandlingScanned, airline(awb, { code: 'DLV', place: 'FRA', pieces: 11, happenedAt: '2026-11-26T05:40:00Z', recordedAt: '2026-11-26T05:41:00Z' }));

    const ALL = ['ARR', 'BKD', 'DEP', 'DIS', 'DLV', 'FOH', 'MAN', 'NFD', 'RCF', 'RCS'];
    const http = await waitFor(async () => {
      const res = await call(`/v1/shipments/${awb}/fsu`, tokens['shipper'] as string);
      const got = (res.json?.['messages'] ?? []) as FsuStatusMessage[];
      return [...new Set(got.map((m) => m.status))].sort().join() === ALL.join() ? got : undefined;
    }, { timeoutMs: 30_000, description: 'an FSU for every status' });
    for (const m of http) {
      const parsed = parseFsu(m.fsu);
      expect(parsed).toMatchObject({ awb, origin: 'EHU', destination: 'FRA', quantity: { code: 'T', pieces: 12 } });
      expect(parsed.statuses[0]?.code).toBe(m.status);
    }
    expect(http.find((m) => m.status === 'RCF')?.fsu).toContain('RCF/O36921/26NOV0430/FRA/P11T12');
    expect(http.find((m) => m.status === 'FOH')).toMatchObject({ place: 'EHU' });

    // The same statuses on cargo.status.v1, keyed by AWB, valid events whose FSU parses.
    const onTopic = await waitFor(() => {
      const mine = statuses.filter((r) => r.message.key?.toString() === awb);
      return mine.length >= http.length ? mine : undefined;
    }, { timeoutMs: 30_000, description: 'the statuses on cargo.status.v1' });
    const events = await Promise.all(onTopic.map(async (r) => {
      const { envelope } = codec.decode({ key: r.message.key, value: r.message.value, headers: r.message.headers });
      const checked = await validateEvent(envelope);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      expect(headerText(r.message.headers?.['ce_type'])).toBe(EventCatalog.ShipmentStatusReported.type);
      // One clock: recorded at the service's simulated day (CLOCK_SIM_ORIGIN), not at the wall clock.
      expect(Math.abs(Date.parse(envelope.time) - Date.parse('2026-11-26T06:00:00Z'))).toBeLessThan(60 * 60_000);
      return { id: envelope.id, data: envelope.data as ShipmentStatusReportedPayload };
    }));
    expect([...new Set(events.map((e) => e.data.status))].sort()).toEqual(ALL);
    for (const e of events) expect(parseFsu(e.data.fsu).awb).toBe(awb);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    // As text, for systems that read FSU as it is.
    const text = await call(`/v1/shipments/${awb}/fsu?format=fsu`, tokens['airline'] as string);
    expect(text.status).toBe(200);
    expect(text.text.startsWith('FSU/15\r\n784-54000015EHUFRA/T12K486.5\r\nRCS/')).toBe(true);

    // Only the shipment's parties: not the public, not another shipper or airline.
    expect((await call(`/v1/shipments/${awb}/fsu`, null)).status).toBe(401);
    expect((await call(`/v1/shipments/${awb}/fsu`, tokens['otherShipper'] as string)).status).toBe(403);
    expect((await call(`/v1/shipments/${awb}/fsu`, tokens['otherAirline'] as string)).status).toBe(403);
    expect((await call(`/v1/shipments/${awb}/fsu`, tokens['ops'] as string)).status).toBe(200);

    // The consignee and house waybills: in the full view, not in the public one.
    const full = (await call(`/v1/shipments/${awb}`, tokens['shipper'] as string)).json as ShipmentView;
    expect(full.consignee).toEqual(consignee);
    expect(full.houseWaybills.map((h) => [h.number, h.consignee.name])).toEqual([['HWB0001', 'Anna Schmidt'], ['HWB0002', 'Jan de Vries']]);
    const anonymous = (await call(`/v1/shipments/${awb}`, null)).json as Record<string, unknown>;
    expect(anonymous['restricted']).toBe(true);
    expect(JSON.stringify(anonymous)).not.toContain('Anna Schmidt');
    expect(anonymous).not.toHaveProperty('consignee');
  });
});
