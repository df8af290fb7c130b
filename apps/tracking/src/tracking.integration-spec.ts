import { EXAMPLE_MOMENT, EventCatalog, createEnvelope, exampleEventPayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, waitFor, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Browser } from 'playwright-core';
import type { TrackingConfig } from './config/tracking.config';
import { TRACKED_TOPICS } from './infrastructure/kafka/tracking-record.processor';
import { TrackingRebuildRunner } from './infrastructure/kafka/tracking-rebuild.runner';
import type { ShipmentView } from './domain/shipment.projection';
import { TrackingService } from './tracking.service-definition';
import { launchChromium, newDashboardPage, saveScreenshot } from './interface/web/dashboard-browser.spec-helper';
import { generateReplayMix } from '../bench/replay-events.generator';

/**
 * The service's clock starts at the moment of the contracts' example payloads (their flight departs
 * 2026-11-25T14:30Z): what the service and its dashboard call "now" never depends on the day the
 * suite runs.
 */
const CLOCK_SIM_ORIGIN = EXAMPLE_MOMENT;
const codec = new CloudEventCodec();
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

describe('tracking service (real broker + PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let service: RunningService<TrackingConfig>;
  let kafka: Kafka;
  let producer: Producer;
  let issuer: TestTokenIssuer;
  /** Operations' bearer token: the full views, search, board, holds and KPIs. */
  let opsToken: string;

  /** Produces one event the way the services' outbox relay does (CloudEvents binary mode, keyed by subject). */
  async function produce<T extends object>(def: EventDefinition<T>, data: Record<string, unknown>, time?: string): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(def, data as T, { source: '/services/test', ...(time ? { time } : {}) });
    const record = codec.encode(envelope as EventEnvelope, { key: envelope.subject as string });
    await producer.send({ topic: def.topic, messages: [record] });
    return envelope;
  }
  const get = async <T>(path: string, token: string | null = opsToken): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as T };
  };
  const shipment = async (awb: string) => (await get<ShipmentView>(`/v1/shipments/${awb}`)).body;
  const waitForShipment = (awb: string, probe: (v: ShipmentView) => boolean, description: string) =>
    waitFor(
      async () => {
        const res = await get<ShipmentView>(`/v1/shipments/${awb}`);
        return res.status === 200 && probe(res.body) ? res.body : undefined;
      },
      { timeoutMs: 30_000, description },
    );

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('tracking');
    issuer = await startTestTokenIssuer();
    opsToken = await issuer.token({ sub: 'hub-ops-1', roles: ['ops'] });
    kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'tracking-test' });
    await new TopicProvisioner(kafka).ensureTopics({ topics: TRACKED_TOPICS, partitions: 3, replicationFactor: 1 });
    producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
    await producer.connect();
    service = await startTracking();
  });

  const consumerGroup = `tracking-test-${Date.now()}`;
  /** Starts the service (again, after `service.stop()`: same database and consumer group, so it resumes where it stopped). */
  function startTracking(): Promise<RunningService<TrackingConfig>> {
    return startService(TrackingService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      TRACKING_CONSUMER_GROUP: consumerGroup,
      CLOCK_SIM_ORIGIN,
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'warn',
    });
  }

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await db?.drop();
    await broker?.dispose();
    await issuer?.close();
  });

  it('projects events of all six topics into the shipment view, late and out-of-order ones in place', async () => {
    const awb = '784-12345675';
    // Delivered out of order: the DEP scan first, the intake last but one, a late-recorded truck scan last.
    await produce(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), code: 'DEP', place: 'EHU', flightNumber: 'O36921', truckId: undefined, happenedAt: '2026-11-25T14:35:00Z', recordedAt: '2026-11-25T14:36:00Z' });
    await produce(EventCatalog.CustomsHoldPlaced, exampleEventPayload('CustomsHoldPlaced'));
    await produce(EventCatalog.CustomsReleased, exampleEventPayload('CustomsReleased'));
    await produce(EventCatalog.FlightAssigned, exampleEventPayload('FlightAssigned'));
    await produce(EventCatalog.FlightManifestClosed, exampleEventPayload('FlightManifestClosed'));
    await produce(EventCatalog.CargoReceived, exampleEventPayload('CargoReceived'));
    await produce(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), happenedAt: '2026-11-25T06:05:00Z', recordedAt: '2026-11-25T09:00:00Z' });

    const view = await waitForShipment(awb, (v) => v.timeline.length === 7, 'all seven events on the timeline');
    expect(view.timeline.map((e) => e.code)).toEqual(['RCS', 'TGC', 'CCD', 'BKD', 'TDP', 'MAN', 'DEP']);
    expect(view).toMatchObject({ status: 'DEP', airport: 'EHU', booking: { flightNumber: 'O36921' }, eta: '2026-11-26T02:20:00Z', nextActivity: { code: 'ARRIVAL' }, flags: [] });
    expect(view.timeline.find((e) => e.code === 'TDP')).toMatchObject({ recordedLate: true });

    // the other AWB of the manifest only has its manifest line so far
    expect(await shipment('112-76543213')).toMatchObject({ status: 'MAN', airport: 'EHU' });
  });

  it('is idempotent: a redelivered event changes nothing', async () => {
    const awb = '784-12345675';
    const before = await shipment(awb);
    const envelope = createEnvelope(EventCatalog.CustomsReleased, exampleEventPayload('CustomsReleased') as never, { source: '/services/test' });
    const record = codec.encode(envelope as EventEnvelope, { key: awb });
    await producer.send({ topic: EventCatalog.CustomsReleased.topic, messages: [record, record] });
    const after = await waitForShipment(awb, (v) => v.timeline.length === before.timeline.length + 1, 'the release filed once');
    expect(after.timeline.filter((e) => e.eventId === envelope.id)).toHaveLength(1);
  });

  it('searches by station, status, airport, date and flag, paged; board, holds and KPIs answer', async () => {
    const held = '784-00000011';
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb: held });
    await produce(EventCatalog.CustomsHoldPlaced, { ...exampleEventPayload('CustomsHoldPlaced'), awb: held, caseId: 'CASE-2' });
    const wrong = '784-00000022';
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb: wrong, stationCode: 'NPB' });
    await produce(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb: wrong, stationCode: 'NPB' });
    await produce(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), awb: wrong, code: 'TAR', place: 'WUH', happenedAt: '2026-11-25T07:00:00Z', recordedAt: '2026-11-25T07:00:00Z' });
    await waitForShipment(held, (v) => v.status === 'TGC', 'the hold');
    await waitForShipment(wrong, (v) => v.flags.some((f) => f.code === 'WRONG_AIRPORT'), 'the wrong-airport flag');

    const search = async (q: string) => (await get<{ items: ShipmentView[]; total: number; page: number; pageSize: number }>(`/v1/shipments?${q}`)).body;
    expect((await search('status=TGC')).items.map((v) => v.awb)).toEqual([held]);
    expect((await search('flag=WRONG_AIRPORT')).items.map((v) => v.awb)).toEqual([wrong]);
    expect((await search('station=NPB')).items.map((v) => v.awb)).toEqual([wrong]);
    expect((await search('airport=EHU&date=2026-11-25')).total).toBe(2);
    expect((await search('date=2026-11-24')).total).toBe(0);
    const page = await search('pageSize=1&page=2');
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: 4 });
    expect(page.items).toHaveLength(1);

    const bad = await get<{ error: { code: string; fields: Array<{ field: string }> } }>('/v1/shipments?status=XXX&pageSize=1001');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('TRACKING.INVALID_REQUEST');
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['pageSize', 'status']);
    const badAwb = await get<{ error: { code: string; fields: Array<{ field: string }> } }>('/v1/shipments/784-12345676');
    expect(badAwb).toMatchObject({ status: 400, body: { error: { code: 'TRACKING.INVALID_AWB', fields: [{ field: 'awb' }] } } });
    expect(await get('/v1/shipments/784-99999992')).toMatchObject({ status: 404, body: { error: { code: 'TRACKING.SHIPMENT_NOT_FOUND' } } });
    expect(await get('/v1/shipments/784-12345676/stream')).toMatchObject({ status: 400, body: { error: { code: 'TRACKING.INVALID_AWB' } } });

    const holds = await get<{ items: ShipmentView[] }>('/v1/holds/open');
    expect(holds.body.items.map((v) => v.awb)).toEqual([held]);
    const board = await get<{ flights: Array<{ flightId: string; loadFactor: number; capacityKg: number; bookedShipments: number }> }>('/v1/board/departures?airport=EHU');
    expect(board.body.flights).toEqual([expect.objectContaining({ flightId: 'O36921-2026-11-25', loadFactor: 0.03, capacityKg: 50_000, bookedShipments: 2 })]);
    const kpis = await get<{ airSelfTransport: { numerator: number; denominator: number }; loadFactors: { byAirport: Array<{ key: string }> }; customsHoldHours: { open: number } }>('/v1/kpis');
    expect(kpis.body.airSelfTransport).toMatchObject({ numerator: 2, denominator: 2 });
    expect(kpis.body.loadFactors.byAirport.map((g) => g.key)).toEqual(['EHU']);
    expect(kpis.body.customsHoldHours.open).toBe(1);
  });

  /** Opens a server-sent-event stream; `readUntil` resolves once the text received contains `needle`. */
  async function openStream(path: string) {
    const controller = new AbortController();
    const res = await fetch(`${service.url}${path}`, { signal: controller.signal, headers: { authorization: `Bearer ${opsToken}` } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const stream = {
      text: '',
      async readUntil(needle: string) {
        while (!stream.text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${needle}`);
          stream.text += Buffer.from(value).toString('utf8');
        }
      },
      close: () => controller.abort(),
    };
    return stream;
  }

  it('streams a new event of one AWB, and of the whole board, over server-sent events', async () => {
    const awb = '784-12345675';
    const one = await openStream(`/v1/shipments/${awb}/stream`);
    const board = await openStream('/v1/board/stream');
    try {
      await one.readUntil('"code":"DEP"'); // the stored view comes first
      await produce(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), code: 'ARR', place: 'FRA', flightNumber: 'O36921', truckId: undefined, happenedAt: '2026-11-26T02:25:00Z', recordedAt: '2026-11-26T02:26:00Z' });
      await one.readUntil('"status":"ARR"');
      expect(one.text).toMatch(/event: shipment\n/);
      await board.readUntil(`"awb":"${awb}","status":"ARR"`);
    } finally {
      one.close();
      board.close();
    }
  });

  it('dead-letters a poison record and keeps consuming', async () => {
    const bad = createEnvelope(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), pieces: 0 } as never, { source: '/services/test' });
    await producer.send({ topic: EventCatalog.CargoReceived.topic, messages: [codec.encode(bad as EventEnvelope, { key: '784-00000044' })] });
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb: '784-00000055' });
    await waitForShipment('784-00000055', (v) => v.status === 'RCS', 'the good record after the poison one');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const dlq = await waitFor(async () => {
        const offsets = await admin.fetchTopicOffsets(`${EventCatalog.CargoReceived.topic}.dlq`);
        return offsets.some((o) => Number(o.high) > 0) ? offsets : undefined;
      }, { description: 'a dead letter' });
      expect(dlq.reduce((n, o) => n + Number(o.high), 0)).toBe(1);
    } finally {
      await admin.disconnect();
    }
    expect((await get('/v1/shipments/784-00000044')).status).toBe(404);
  });

  it("answers its shared clock's time, which the dashboard uses as now", async () => {
    const clock = await get<{ now: string; speed: number }>('/v1/clock');
    expect(clock.status).toBe(200);
    expect(clock.body.speed).toBe(1);
    const elapsed = Date.parse(clock.body.now) - Date.parse(CLOCK_SIM_ORIGIN);
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(10 * 60_000);
  });

  it('shows anyone with the exact AWB the public status only; the shipper, its station and ops the full view', async () => {
    const awb = '784-12345675';
    const anonymous = await get<Record<string, unknown>>(`/v1/shipments/${awb}`, null);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ awb, status: expect.any(String), restricted: true });
    for (const hidden of ['shipperName', 'shipperId', 'pieces', 'chargeableWeightKg', 'flags', 'openHold']) expect(anonymous.body).not.toHaveProperty(hidden);
    expect(JSON.stringify(anonymous.body)).not.toContain('Optoelectronics');
    const shipper = await issuer.token({ sub: 'shipper-user-7', roles: ['shipper'], party_id: 'SHP-OV-001' });
    expect((await get<Record<string, unknown>>(`/v1/shipments/${awb}`, shipper)).body).toMatchObject({ shipperName: expect.stringContaining('Optoelectronics') });
    const otherShipper = await issuer.token({ sub: 'shipper-user-8', roles: ['shipper'], party_id: 'SHP-OV-002' });
    expect((await get<Record<string, unknown>>(`/v1/shipments/${awb}`, otherShipper)).body).toMatchObject({ restricted: true });
    const station = await issuer.token({ sub: 'ovs-clerk', roles: ['station'], station: 'OVS' });
    expect((await get<Record<string, unknown>>(`/v1/shipments/${awb}`, station)).body).toHaveProperty('shipperName');
    expect((await get(`/v1/shipments?status=DEP`, null)).status).toBe(401);
    expect((await get(`/v1/kpis`, shipper)).status).toBe(403);
    expect((await get(`/v1/board/departures`, station)).status).toBe(403);
  });

  it('rebuilds the read model from the topics into the same state', async () => {
    const before = (await get<{ items: ShipmentView[] }>('/v1/shipments?pageSize=100')).body.items;
    const boardBefore = (await get<{ flights: unknown[] }>('/v1/board/departures')).body.flights;
    const report = await service.app.get(TrackingRebuildRunner).rebuild({ timeoutMs: 60_000 });
    expect(report.shipments).toBe(before.length);
    const after = (await get<{ items: ShipmentView[] }>('/v1/shipments?pageSize=100')).body.items;
    expect(after).toEqual(before);
    expect((await get<{ flights: unknown[] }>('/v1/board/departures')).body.flights).toEqual(boardBefore);
  });

  describe('customs and assignment decisions by version, whatever the topic order', () => {
    const processed = async (eventId: string) =>
      ((await service.app.get(DataSource).query(`SELECT 1 FROM "tracking"."processed_events" WHERE "event_id" = $1`, [eventId])) as unknown[]).length > 0;
    const waitProcessed = (...ids: string[]) =>
      waitFor(async () => (await Promise.all(ids.map(processed))).every(Boolean), { timeoutMs: 30_000, description: `events ${ids.join(', ')} projected` });
    const hold = (awb: string, decisionVersion: number) => ({ ...exampleEventPayload('CustomsHoldPlaced'), awb, caseId: `CASE-${awb}`, decisionVersion });
    const release = (awb: string, decisionVersion: number) => ({ ...exampleEventPayload('CustomsReleased'), awb, caseId: `CASE-${awb}`, decisionVersion });

    it('stopped, then restarted: the newer decision read first stands, the older one read after it is history only', async () => {
      const releasedLast = '784-00000044';
      const heldLast = '784-00000055';
      for (const awb of [releasedLast, heldLast]) await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
      await waitForShipment(heldLast, (v) => v.status === 'RCS', 'both received');
      await waitForShipment(releasedLast, (v) => v.status === 'RCS', 'both received');
      await service.stop();
      const newer = [(await produce(EventCatalog.CustomsReleased, release(releasedLast, 3))).id, (await produce(EventCatalog.CustomsHoldPlaced, hold(heldLast, 3))).id];
      service = await startTracking();
      await waitProcessed(...newer);
      // The older decisions arrive late, on the other topic, with later times of their own.
      const older = [
        (await produce(EventCatalog.CustomsHoldPlaced, { ...hold(releasedLast, 2), placedAt: '2026-11-25T12:00:00+08:00' })).id,
        (await produce(EventCatalog.CustomsReleased, { ...release(heldLast, 2), releasedAt: '2026-11-25T12:00:00+08:00' })).id,
      ];
      await waitProcessed(...older);
      expect(await shipment(releasedLast)).toMatchObject({ status: 'CCD', cleared: true, openHold: null });
      expect((await shipment(releasedLast)).timeline.find((e) => e.code === 'TGC')).toMatchObject({ superseded: true });
      expect(await shipment(heldLast)).toMatchObject({ status: 'TGC', cleared: false, openHold: { caseId: `CASE-${heldLast}` } });
      expect((await get<{ items: ShipmentView[] }>('/v1/shipments?status=TGC&pageSize=100')).body.items.map((v) => v.awb)).toContain(heldLast);
      expect((await get<{ items: ShipmentView[] }>('/v1/shipments?status=TGC&pageSize=100')).body.items.map((v) => v.awb)).not.toContain(releasedLast);
    });

    it('an assignment decision older than the one shown changes nothing', async () => {
      const awb = '784-00000066';
      await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
      await produce(EventCatalog.CustomsReleased, release(awb, 1));
      const offloaded = {
        ...exampleEventPayload('AssignmentFailed'),
        awb,
        outcome: 'OFFLOADED',
        previousFlightId: 'O36921-2026-11-25',
        reason: { code: 'CUSTOMS_HOLD', explanation: 'held' },
        decisionVersion: 2,
      };
      await waitProcessed((await produce(EventCatalog.AssignmentFailed, offloaded)).id);
      await waitProcessed((await produce(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb, decisionVersion: 1 })).id);
      expect(await shipment(awb)).toMatchObject({ status: 'CCD', booking: null });
    });
  });

  it("files a station's correction (COR, corrected pieces) and cancellation (status CXL, nothing next, in no KPI)", async () => {
    const awb = '784-00000770';
    await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
    await produce(EventCatalog.CargoCorrected, {
      ...exampleEventPayload('CargoCorrected'),
      awb,
      intake: { ...(exampleEventPayload('CargoCorrected')['intake'] as Record<string, unknown>), awb, pieces: 14 },
    });
    const correctedView = await waitForShipment(awb, (v) => v.timeline.some((e) => e.code === 'COR'), 'the correction filed');
    expect(correctedView).toMatchObject({ status: 'RCS', pieces: 14 });
    await produce(EventCatalog.CargoCancelled, { ...exampleEventPayload('CargoCancelled'), awb });
    const cancelled = await waitForShipment(awb, (v) => v.status === 'CXL', 'the cancellation filed');
    expect(cancelled).toMatchObject({ cancelled: { reason: 'Shipper withdrew the shipment before dispatch' }, nextActivity: null });
    expect(cancelled.timeline.map((e) => e.code)).toEqual(['RCS', 'COR', 'CXL']);
    expect((await get<{ items: ShipmentView[] }>('/v1/shipments?status=CXL')).body.items.map((v) => v.awb)).toEqual([awb]);
    expect((await get<{ status: string }>(`/v1/shipments/${awb}`, null)).body.status).toBe('CXL');
  });

  describe('dashboard in a real browser (Debian chromium + playwright-core)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('searches an AWB and sees its timeline update live when a new event arrives', async () => {
      const awb = '784-00000033';
      await produce(EventCatalog.CargoReceived, { ...exampleEventPayload('CargoReceived'), awb });
      await produce(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb });
      await waitForShipment(awb, (v) => v.status === 'CCD', 'the new shipment cleared');

      const page = await newDashboardPage(browser, opsToken, { width: 1400, height: 1000 });
      try {
        await page.goto(`${service.url}/dashboard?lang=en`);
        await page.fill('#awb-input', awb);
        await page.click('#search-button');
        await page.waitForSelector('#shipment-status[data-status="CCD"]');
        expect(await page.locator('#timeline li').count()).toBe(2);

        await produce(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb });
        await page.waitForSelector('#shipment-status[data-status="BKD"]', { timeout: 20_000 });
        expect(await page.locator('#timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')))).toEqual(['RCS', 'CCD', 'BKD']);
        await page.click('#tab-network');
        await page.waitForSelector('#kpis .tile');
        await page.click('#tab-control');
        await page.waitForSelector('#board td');

        await page.click('#lang-zh');
        await page.waitForFunction(() => document.getElementById('search-title')?.textContent === '运单查询');
        await saveScreenshot(page, '.', 'tracking-dashboard', true);
      } finally {
        await page.close();
      }
    });
  });

  /** Every row of the read model, every column but the write times (`updated_at`, `consumed_at`). */
  async function readModel() {
    const db = service.app.get(DataSource);
    return {
      shipments: (await db.query(
        `SELECT "awb", "status", "station_code", "airport", "destination", "booked_flight_id", "booked_chargeable_kg", "held", "flags", "received_at", "last_happened_at", "view"
           FROM "tracking"."shipments" ORDER BY "awb"`,
      )) as Array<{ awb: string; view: ShipmentView }>,
      flights: (await db.query(`SELECT * FROM "tracking"."flights" ORDER BY "flight_id"`)) as unknown[],
      timeline: (await db.query(`SELECT "awb", "event_id", "kind", "happened_at", "recorded_at", "data" FROM "tracking"."timeline_events" ORDER BY "awb", "event_id"`)) as unknown[],
    };
  }

  it('rebuilds, from a realistic mix the live consumer projected batch by batch, the same read model row for row (shipments with their views, flights, timeline)', async () => {
    // Intakes, corrections, cancellations, holds and releases, wait-lists, assignments, manifests
    // (some closed twice), truck and flight scans, late records, duplicates; each topic lightly shuffled.
    const mix = generateReplayMix({ shipments: 60, seed: 7, firstSerial: 3_000_000 });
    const byTopic = new Map<string, Array<ReturnType<CloudEventCodec['encode']>>>();
    for (const { def, envelope } of mix) byTopic.set(def.topic, [...(byTopic.get(def.topic) ?? []), codec.encode(envelope, { key: envelope.subject as string })]);
    const poison = createEnvelope(EventCatalog.CustomsReleased, { ...exampleEventPayload('CustomsReleased'), awb: '784-30000003', kind: 'SOMETIMES' } as never, { source: '/services/test' });
    byTopic.get(EventCatalog.CustomsReleased.topic)?.push(codec.encode(poison as EventEnvelope, { key: '784-30000003' }));
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    const ids = [...new Set(mix.map((e) => e.envelope.id))];
    const db = service.app.get(DataSource);
    await waitFor(
      async () => {
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM "tracking"."processed_events" WHERE "event_id" = ANY($1)`, [ids])) as [{ n: number }];
        return n === ids.length || undefined;
      },
      { timeoutMs: 60_000, description: `the ${ids.length} events of the mix projected live` },
    );
    const live = await readModel();
    expect(live.shipments.filter((s) => s.awb.startsWith('784-3')).length).toBe(60);
    expect(new Set(live.shipments.map((s) => s.view.status)).size).toBeGreaterThanOrEqual(5);

    const admin = kafka.admin();
    await admin.connect();
    const deadLetters = async () => {
      let n = 0;
      for (const topic of TRACKED_TOPICS) for (const o of await admin.fetchTopicOffsets(`${topic}.dlq`).catch(() => [])) n += Number(o.high);
      return n;
    };
    // Small chunks, so an AWB's events are filed by several transactions; then the default.
    const deadLettered: number[] = [];
    for (const chunkSize of [97, undefined]) {
      const before = await deadLetters();
      const report = await service.app.get(TrackingRebuildRunner).rebuild({ timeoutMs: 60_000, ...(chunkSize ? { chunkSize } : {}) });
      // Poison (this test's release, any earlier one) is dead-lettered again, one by one, and counted.
      expect(report.deadLettered).toBeGreaterThanOrEqual(1);
      expect(await deadLetters()).toBe(before + report.deadLettered);
      deadLettered.push(report.deadLettered);
      const rebuilt = await readModel();
      expect(rebuilt.timeline).toEqual(live.timeline);
      expect(rebuilt.flights).toEqual(live.flights);
      expect(rebuilt.shipments).toEqual(live.shipments);
    }
    await admin.disconnect();
    expect(deadLettered[1]).toBe(deadLettered[0]);
  }, 180_000);
});
