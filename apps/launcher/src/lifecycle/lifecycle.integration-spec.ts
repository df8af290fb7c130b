import { createTestDatabase, TestDatabase, waitFor } from '@cargo/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { HubTestClient, Json } from './hub-client.spec-helper';
import { startHub, stopHub, type RunningHub } from './hub-fixture.spec-helper';
import { bookedView, clearCustoms, consumerElectronicsIntake, lithiumIntake, nextAwb, opticsValleyToDelivery } from './lifecycle-scenarios.spec-helper';

describe('cargo lifecycle across the four services (embedded broker, real PostgreSQL)', () => {
  let db: TestDatabase;
  let running: RunningHub | undefined;
  let hub: HubTestClient;

  beforeAll(async () => {
    db = await createTestDatabase('lifecycle');
    running = await startHub(db.url);
    hub = running.client;
  });
  afterAll(async () => {
    await stopHub(running);
    await db?.drop();
  });

  it('1. Optics Valley → release → WUH/EHU flight → dispatch list → manifest at cut-off → departure → arrival → delivery (the airline reporting)', async () => {
    await opticsValleyToDelivery(hub);
  });

  it('2. lithium batteries (UN3480) from an unqualified shipper: held, released by an officer, flown on a freighter only', async () => {
    const awb = nextAwb();
    expect((await hub.intake('OVS', lithiumIntake(awb, new Date()))).status).toBe(201);
    const held = await waitFor(async () => {
      const found = await hub.customsCase(awb);
      return found?.['state'] === 'HELD' ? found : undefined;
    }, { description: `${awb} held by customs` });
    expect((held['holds'] as Json[]).map((h) => h['code'])).toContain('DG_QUALIFICATION');
    await hub.trackingStatus(awb, ['TGC']);
    expect((await hub.booking(awb))?.['booking']).toBeUndefined();

    await clearCustoms(hub, awb);
    const booked = await bookedView(hub, awb);
    expect(booked.booking['aircraftKind']).toBe('FREIGHTER');
    const flight = await hub.flight(String(booked.booking['flightId']));
    expect(flight['aircraftKind']).toBe('FREIGHTER');
    if (booked.booking['connection']) {
      const onward = await hub.flight(String((booked.booking['connection'] as Json)['flightId']));
      expect(onward['aircraftKind']).toBe('FREIGHTER');
    }
    // Never on a belly: this freighter booking is the only one it ever had.
    const bookings = ((await hub.tracking(awb))?.['timeline'] as Json[]).filter((entry) => entry['code'] === 'BKD');
    expect(bookings).toHaveLength(1);
  });

  it('3. a manual hold after assignment offloads the shipment and frees its capacity; release re-assigns it', async () => {
    const awb = nextAwb();
    expect((await hub.intake('OVS', consumerElectronicsIntake(awb, new Date()))).status).toBe(201);
    await clearCustoms(hub, awb);
    const booked = await bookedView(hub, awb);
    const flightId = String(booked.booking['flightId']);
    const before = (await hub.flight(flightId))['booked'] as { kg: number };

    const hold = await hub.customsAct(awb, 'holds', 'CUSTOMS_OFFICER', { reason: 'Risk tip: declaration to be verified' });
    expect(hold.status).toBe(200);
    await hub.trackingStatus(awb, ['TGC']);
    await waitFor(async () => (await hub.booking(awb))?.['booking'] === undefined, { description: `${awb} offloaded` });
    const after = (await hub.flight(flightId))['booked'] as { kg: number };
    expect(after.kg).toBeCloseTo(before.kg - Number(booked.booking['chargeableWeightKg']), 1);

    const release = await hub.customsAct(awb, 'releases', 'CUSTOMS_OFFICER', { kind: 'FULL', reason: 'Declaration verified' });
    expect(release.status).toBe(200);
    const rebooked = await bookedView(hub, awb);
    expect(['WUH', 'EHU']).toContain(rebooked.booking['origin']);
  });

  it('4. a cancelled flight: its shipments are re-assigned or wait-listed, and tracking shows it', async () => {
    const awb = nextAwb();
    expect((await hub.intake('OVS', consumerElectronicsIntake(awb, new Date()))).status).toBe(201);
    await clearCustoms(hub, awb);
    const booked = await bookedView(hub, awb);
    const flightId = String(booked.booking['flightId']);
    const cancelled = await hub.request('POST', `${hub.urls['flight-assignment']}/v1/flights/${flightId}/cancel`, { reason: 'AOG at Tianhe' });
    expect(cancelled.status).toBeLessThan(300);
    const view = await waitFor(async () => {
      const current = await hub.tracking(awb);
      const booking = current?.['booking'] as Json | null | undefined;
      const moved = booking && booking['flightId'] !== flightId;
      const waitlisted = current?.['waitlistedUntil'];
      return moved || waitlisted ? current : undefined;
    }, { timeoutMs: 40_000, description: `${awb} re-planned after ${flightId} was cancelled` });
    const booking = view['booking'] as Json | null;
    if (booking) expect(booking['flightId']).not.toBe(flightId);
    else expect(view['waitlistedUntil']).toBeTruthy();
  });
});

describe('the same lifecycle on an external PostgreSQL (DATABASE_URL → 127.0.0.1:5432)', () => {
  const admin = process.env['EXTERNAL_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `lifecycle_ext_${randomBytes(4).toString('hex')}`;
  let running: RunningHub | undefined;

  beforeAll(async () => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${database}`;
    running = await startHub(url.toString());
  });
  afterAll(async () => {
    await stopHub(running);
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });

  it('5. Optics Valley → delivery, with every service on the external server', async () => {
    if (!running) throw new Error('hub did not start');
    await opticsValleyToDelivery(running.client);
    const client = new Client({ connectionString: admin.replace(/\/[^/]*$/, `/${database}`) });
    await client.connect();
    try {
      const schemas = await client.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('station_intake','customs_hold','flight_assignment','tracking') ORDER BY 1");
      expect(schemas.rows.map((row: { schema_name: string }) => row.schema_name)).toEqual(['customs_hold', 'flight_assignment', 'station_intake', 'tracking']);
    } finally {
      await client.end();
    }
  });
});
