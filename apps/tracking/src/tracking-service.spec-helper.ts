import { EventCatalog, createEnvelope, exampleEventPayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import type { Producer } from 'kafkajs';
import type { TrackingConfig } from './config/tracking.config';
import type { ShipmentView } from './domain/shipment.projection';
import { TRACKED_TOPICS } from './infrastructure/kafka/tracking-record.processor';
import { TrackingService } from './tracking.service-definition';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

/** An SSE stream being read: `readUntil` resolves once the text received contains `needle`. */
export interface OpenStream {
  readonly text: string;
  readUntil(needle: string | RegExp): Promise<void>;
  close(): void;
}

/** The tracking service in-process on a real broker and PostgreSQL, with an operations token and a producer that writes as the services' relays do. */
export interface TrackingHarness {
  service: RunningService<TrackingConfig>;
  issuer: TestTokenIssuer;
  opsToken: string;
  /** Produces one event the way the services' outbox relay does (CloudEvents binary mode, keyed by subject). */
  produce<T extends object>(def: EventDefinition<T>, data: Record<string, unknown>): Promise<EventEnvelope<T>>;
  /** GET as operations (or with another token, or none with `null`), JSON answer. */
  get<T>(path: string, token?: string | null): Promise<{ status: number; body: T }>;
  /** Opens a server-sent-event stream as operations. */
  openStream(path: string): Promise<OpenStream>;
  stop(): Promise<void>;
}

/**
 * Starts a broker, a database, a token issuer and the tracking service (extra environment in `env`,
 * e.g. `CLOCK_MODE=manual`). `stop()` takes all of it down.
 */
export async function startTrackingHarness(databaseName: string, env: Record<string, string> = {}): Promise<TrackingHarness> {
  const broker: TestBroker = await startTestBroker();
  const db: TestDatabase = await createTestDatabase(databaseName);
  const issuer = await startTestTokenIssuer();
  const opsToken = await issuer.token({ sub: 'hub-ops-1', roles: ['ops'] });
  const kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: `${databaseName}-test` });
  await new TopicProvisioner(kafka).ensureTopics({ topics: TRACKED_TOPICS, partitions: 3, replicationFactor: 1 });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  const service = await startService(TrackingService, {
    HTTP_PORT: '0',
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.bootstrap,
    TRACKING_CONSUMER_GROUP: `${databaseName}-${Date.now()}`,
    OIDC_ISSUER: issuer.issuer,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const codec = new CloudEventCodec();
  const streams: OpenStream[] = [];

  return {
    service,
    issuer,
    opsToken,
    async produce(def, data) {
      const envelope = createEnvelope(def, data as never, { source: '/services/test' });
      await producer.send({ topic: def.topic, messages: [codec.encode(envelope as EventEnvelope, { key: envelope.subject as string })] });
      return envelope;
    },
    async get<T>(path: string, token: string | null = opsToken) {
      const res = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as T };
    },
    async openStream(path) {
      const controller = new AbortController();
      const res = await fetch(`${service.url}${path}`, { signal: controller.signal, headers: { authorization: `Bearer ${opsToken}` } });
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) throw new Error(`${path} answered ${res.status} ${res.headers.get('content-type')}`);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const stream: OpenStream = {
        get text() {
          return text;
        },
        async readUntil(needle) {
          const found = () => (typeof needle === 'string' ? text.includes(needle) : needle.test(text));
          while (!found()) {
            const { value, done } = await reader.read();
            if (done) throw new Error(`stream ended before ${String(needle)}`);
            text += Buffer.from(value).toString('utf8');
          }
        },
        close: () => controller.abort(),
      };
      streams.push(stream);
      return stream;
    },
    async stop() {
      for (const s of streams) s.close();
      await producer.disconnect();
      await service.stop();
      await db.drop();
      await broker.dispose();
      await issuer.close();
    },
  };
}

/** The AWBs and the freighter of the operator-views scenario (`seedControlScenario`). */
export const CONTROL_SCENARIO = {
  /** EHU → FRA freighter, manifest closed: OVS's shipment on a truck on the road, NPB's not loaded yet. */
  FREIGHTER: 'O36921-2026-11-25',
  OVS: '784-12345675',
  NPB: '784-00000103',
  /** On CZ3001 (WUH → PVG), which left at 08:30 local, before now. */
  GONE: '784-00000114',
  /** Booked on MU2501, then moved to CZ3003: MU2501 is left empty. */
  MOVED: '784-00000125',
  /** Held for documents a minute before the examples' moment. */
  HELD: '784-00000136',
} as const;

/**
 * The operator views' scenario at the examples' moment (25 Nov 2026, 09:15 in Wuhan; give the
 * service `CLOCK_SIM_ORIGIN=EXAMPLE_MOMENT`): one flight already gone, two to come (one of them
 * empty), a freighter fed by a truck on the road and a station still to load, and a customs hold that
 * becomes overdue by the clock moving alone. Resolves once tracking shows all of it.
 */
export async function seedControlScenario(h: TrackingHarness): Promise<typeof CONTROL_SCENARIO> {
  const { OVS, NPB, GONE, MOVED, HELD } = CONTROL_SCENARIO;
  const received = (awb: string, stationCode: string) => ({ ...exampleEventPayload('CargoReceived'), awb, stationCode });
  const assigned = (awb: string, stationCode: string, flight: Record<string, unknown>) => ({ ...exampleEventPayload('FlightAssigned'), awb, stationCode, ...flight });
  const belly = (flightNumber: string, departureAt: string, cutoffAt: string, truckDepartBy: string) => ({
    flightId: `${flightNumber}-2026-11-25`,
    flightNumber,
    origin: 'WUH',
    destination: 'PVG',
    aircraftKind: 'BELLY',
    departureAt,
    cutoffAt,
    truckDepartBy,
    arrivalAt: '2026-11-25T16:00:00Z',
    chargeableWeightKg: 300,
  });
  const waitForView = (awb: string, probe: (v: ShipmentView) => boolean) =>
    waitFor(
      async () => {
        const res = await h.get<ShipmentView>(`/v1/shipments/${awb}`);
        return res.status === 200 && probe(res.body) ? res.body : undefined;
      },
      { timeoutMs: 60_000, description: `the view of ${awb}` },
    );

  // The freighter to FRA: OVS's shipment on a truck on the road, NPB's not loaded yet; its manifest closed.
  await h.produce(EventCatalog.CargoReceived, received(OVS, 'OVS'));
  await h.produce(EventCatalog.FlightAssigned, assigned(OVS, 'OVS', {}));
  await h.produce(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), code: 'LOT', happenedAt: '2026-11-25T13:55:00+08:00' });
  await h.produce(EventCatalog.HandlingScanned, exampleEventPayload('HandlingScanned'));
  await h.produce(EventCatalog.CargoReceived, { ...received(NPB, 'NPB'), volumeM3: 1.1 });
  await h.produce(EventCatalog.FlightAssigned, assigned(NPB, 'NPB', { chargeableWeightKg: 300 }));
  await h.produce(EventCatalog.FlightManifestClosed, exampleEventPayload('FlightManifestClosed'));
  // A belly flight that left at 08:30 local, before now.
  await h.produce(EventCatalog.CargoReceived, received(GONE, 'XGS'));
  await h.produce(EventCatalog.FlightAssigned, assigned(GONE, 'XGS', belly('CZ3001', '2026-11-25T00:30:00Z', '2026-11-24T22:30:00Z', '2026-11-24T21:30:00Z')));
  // Booked on MU2501, then moved to CZ3003: MU2501 is left empty.
  await h.produce(EventCatalog.CargoReceived, received(MOVED, 'OVS'));
  await h.produce(EventCatalog.FlightAssigned, assigned(MOVED, 'OVS', belly('MU2501', '2026-11-25T12:00:00Z', '2026-11-25T10:00:00Z', '2026-11-25T09:00:00Z')));
  await h.produce(EventCatalog.FlightAssigned, { ...assigned(MOVED, 'OVS', belly('CZ3003', '2026-11-25T10:00:00Z', '2026-11-25T08:00:00Z', '2026-11-25T07:00:00Z')), decisionVersion: 2 });
  // Held for documents a minute ago (01:14:33Z).
  await h.produce(EventCatalog.CargoReceived, received(HELD, 'OVS'));
  await h.produce(EventCatalog.CustomsHoldPlaced, { ...exampleEventPayload('CustomsHoldPlaced'), awb: HELD, caseId: `CASE-${HELD}`, reasons: [{ code: 'DOCUMENTS', explanation: 'HS code missing' }] });
  await waitForView(OVS, (v) => v.timeline.some((e) => e.code === 'MAN') && v.timeline.some((e) => e.code === 'TDP'));
  await waitForView(NPB, (v) => v.booking !== null);
  await waitForView(GONE, (v) => v.booking !== null);
  await waitForView(MOVED, (v) => v.booking?.flightNumber === 'CZ3003');
  await waitForView(HELD, (v) => v.status === 'TGC');
  return CONTROL_SCENARIO;
}
