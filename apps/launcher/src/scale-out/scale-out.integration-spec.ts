import { EventCatalog } from '@cargo/contracts';
import { createTestDatabase, freePort, TestDatabase, waitFor, WORKSPACE_ROOT } from '@cargo/testing';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LauncherConfig } from '../config/launcher.config';
import { launchHub, type LaunchedHub, type ServiceName } from '../hub.launcher';
import { HubTestClient, type Json } from '../lifecycle/hub-client.spec-helper';
import { consumerElectronicsIntake, nextAwb } from '../lifecycle/lifecycle-scenarios.spec-helper';
import { SseRecorder } from './sse-recorder.spec-helper';

const SERVICES: ServiceName[] = ['station-intake', 'customs-hold', 'flight-assignment', 'tracking'];
/** Simulated seconds per real second: flights close and depart within the test. */
const SPEED = 600;

/**
 * Two replicas of every service on the project's broker and a real PostgreSQL, as `npm start --
 * --replicas 2` runs them: intakes go alternately to both station-intake replicas and officers'
 * releases to both customs-hold replicas; mid-run one replica of every service is killed (SIGKILL)
 * and restarted. Every shipment is processed once in effect, every manifest is closed once, and an
 * SSE client on each tracking replica hears every change, whichever replica consumed it.
 */
describe('scale-out: two replicas of every service, one of each killed mid-run', () => {
  let db: TestDatabase;
  let hub: LaunchedHub;
  let dataDir: string;
  /** Clients of replica 0 and replica 1 of every service. */
  let clients: [HubTestClient, HubTestClient];
  let sql: Client;
  const streams: SseRecorder[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('scale_out');
    dataDir = mkdtempSync(join(tmpdir(), 'hub-scale-out-'));
    chmodSync(dataDir, 0o755);
    const adminKey = randomBytes(24).toString('hex');
    writeFileSync(join(dataDir, 'admin-api-key'), adminKey);
    const config = Object.assign(new LauncherConfig(), {
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      BROKER_PORT: await freePort(),
      STATION_INTAKE_PORT: await freePort(),
      CUSTOMS_HOLD_PORT: await freePort(),
      FLIGHT_ASSIGNMENT_PORT: await freePort(),
      TRACKING_PORT: await freePort(),
      IDENTITY_PORT: await freePort(),
      SIMULATOR: false,
    });
    const started = Date.now();
    hub = await launchHub(config, WORKSPACE_ROOT, () => undefined, {
      speed: SPEED,
      clockStart: new Date(),
      replicas: 2,
      replicaPortStep: 0,
      // A killed replica's partitions move to the survivor after the session timeout.
      serviceEnv: Object.fromEntries(SERVICES.map((s) => [s, { KAFKA_SESSION_TIMEOUT_MS: '8000', ...(s === 'flight-assignment' ? { ASSIGNMENT_BATCH_WINDOW_MS: '200' } : {}) }])),
    });
    console.log(`scale-out: 2 × 4 services ready after ${Date.now() - started} ms`);
    const urlsOf = (index: number) => Object.fromEntries(SERVICES.map((s) => [s, hub.replicas[s][index]?.url ?? ''])) as HubTestClient['urls'];
    clients = [new HubTestClient(urlsOf(0), adminKey, hub.identity), new HubTestClient(urlsOf(1), adminKey, hub.identity)];
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await sql?.end();
    await hub?.stop();
    if (process.env['KEEP_HUB_DATA']) {
      console.log(`scale-out: kept ${dataDir} and the database ${db?.url}`);
      return;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  async function openBoardStream(replica: 0 | 1): Promise<SseRecorder> {
    const stream = new SseRecorder(`${hub.replicas.tracking[replica]?.url}/v1/board/stream`, await clients[0].as('demo-ops'));
    streams.push(stream);
    await stream.opened;
    return stream;
  }

  async function hubNow(): Promise<Date> {
    const { body } = await clients[0].request('GET', `${hub.urls['tracking']}/v1/clock`);
    return new Date(String(body['now']));
  }

  /** Registers a shipment at the station-intake replica given; a replica that died mid-request is retried on the other (idempotent). */
  async function intake(replica: 0 | 1, awb: string): Promise<void> {
    const body = consumerElectronicsIntake(awb, new Date((await hubNow()).getTime() - 60_000));
    for (const client of [clients[replica], clients[1 - replica] as HubTestClient]) {
      const response = await client.intake('OVS', body).catch(() => undefined);
      if (response && (response.status === 201 || response.status === 200)) return;
    }
    throw new Error(`intake of ${awb} refused by both replicas`);
  }

  /** Resolves what the control rules held, as officers do, through the customs-hold replica given. */
  async function clearCustoms(replica: 0 | 1, awb: string): Promise<void> {
    const client = clients[replica];
    let last: Json | undefined;
    const resolved = await waitFor(async () => {
      const found = await client.customsCase(awb);
      last = found;
      if (!found) return undefined;
      if (found['state'] !== 'HELD') return found;
      const codes = (found['holds'] as { code: string }[]).map((h) => h.code);
      const response = codes.includes('SCREENING')
        ? await client.customsAct(awb, 'screening-results', 'SECURITY_SCREENER', { result: 'PASS', reason: 'X-ray and ETD clear' })
        : await client.customsAct(awb, 'releases', 'CUSTOMS_OFFICER', { kind: 'FULL', reason: 'Documents checked' });
      expect(response.status).toBeLessThan(500);
      return undefined;
    }, { timeoutMs: 60_000, intervalMs: 400, description: `customs to release ${awb}` }).catch((error: Error) => {
      throw new Error(`${error.message}; the case at replica ${replica + 1}: ${JSON.stringify(last ?? null)}`);
    });
    expect(resolved['state']).not.toBe('HELD');
  }

  it('processes every shipment once, closes every manifest once, and streams every change from both tracking replicas', async () => {
    const board = [await openBoardStream(0), await openBoardStream(1)];
    const awbs = Array.from({ length: 24 }, () => nextAwb());
    const [first, second, third] = [awbs.slice(0, 10), awbs.slice(10, 18), awbs.slice(18)];

    // Traffic through both replicas.
    await Promise.all(first.map((awb, i) => intake((i % 2) as 0 | 1, awb)));
    const clearing = first.map((awb, i) => clearCustoms((i % 2) as 0 | 1, awb));

    // Mid-run: replica 1 of every service dies while the first wave is in flight.
    await Promise.all(SERVICES.map((s) => hub.replicas[s][1]?.kill('SIGKILL')));
    await Promise.all(second.map((awb) => intake(0, awb)));
    const clearingSecond = second.map((awb) => clearCustoms(0, awb));
    await Promise.all(SERVICES.map((s) => hub.replicas[s][1]?.restart()));
    board[1] = await openBoardStream(1);
    await Promise.all(third.map((awb, i) => intake((i % 2) as 0 | 1, awb)));
    await Promise.all([...clearing, ...clearingSecond, ...third.map((awb, i) => clearCustoms((i % 2) as 0 | 1, awb))]);

    // Every shipment is booked, manifested at cut-off and flown.
    for (const awb of awbs) {
      await waitFor(async () => (await clients[1].tracking(awb))?.['status'] === 'DEP', { timeoutMs: 120_000, intervalMs: 250, description: `${awb} departed in tracking` });
    }

    // Once in effect: one intake event, one release, one manifest entry per shipment; bookings add up.
    const once = async (query: string, params: unknown[] = []) => (await sql.query(query, params)).rows as Json[];
    const perAwb = async (schema: string, type: string) =>
      Object.fromEntries((await once(`SELECT key, count(*)::int AS n FROM ${schema}.outbox WHERE event_type = $1 AND key = ANY($2) GROUP BY key`, [type, awbs])).map((r) => [r['key'], r['n']]));
    const oncePerAwb = Object.fromEntries(awbs.map((awb) => [awb, 1]));
    expect(await perAwb('station_intake', EventCatalog.CargoReceived.type)).toEqual(oncePerAwb);
    expect(await perAwb('customs_hold', EventCatalog.CustomsReleased.type)).toEqual(oncePerAwb);
    // Tracking filed each shipment's intake, manifest and departure once (whichever replica consumed them).
    const filed = await once(
      `SELECT awb, count(*) FILTER (WHERE kind = 'CargoReceived')::int AS received, count(*) FILTER (WHERE kind = 'ManifestClosed')::int AS manifested,
              count(*) FILTER (WHERE kind = 'HandlingScanned' AND data->>'code' = 'DEP')::int AS departed
         FROM tracking.timeline_events WHERE awb = ANY($1) GROUP BY awb ORDER BY awb`,
      [awbs],
    );
    expect(filed).toEqual([...awbs].sort().map((awb) => ({ awb, received: 1, manifested: 1, departed: 1 })));
    // Timed work once: a manifest per flight, a departure per flight, whatever replica ticked.
    const manifests = await once(`SELECT key, count(*)::int AS n FROM flight_assignment.outbox WHERE event_type = $1 GROUP BY key`, [EventCatalog.FlightManifestClosed.type]);
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.filter((m) => m['n'] !== 1)).toEqual([]);
    const departures = await once(`SELECT key, count(*)::int AS n FROM flight_assignment.outbox WHERE event_type = $1 AND payload::jsonb->>'code' = 'DEP' AND key = ANY($2) GROUP BY key`, [EventCatalog.HandlingScanned.type, awbs]);
    expect(Object.fromEntries(departures.map((r) => [r['key'], r['n']]))).toEqual(oncePerAwb);
    // Every consumer group member applied each event at most once (processed_events), and nothing went to a dead-letter topic.
    for (const schema of ['station_intake', 'customs_hold', 'flight_assignment', 'tracking']) {
      expect([schema, await once(`SELECT event_id FROM ${schema}.processed_events GROUP BY consumer, event_id HAVING count(*) > 1`)]).toEqual([schema, []]);
    }

    // SSE: the client on tracking replica 1 heard every shipment's receipt, booking, manifest and departure, and
    // the client that reconnected to the restarted replica 2 heard every departure, whichever replica consumed it.
    for (const awb of awbs) {
      for (const [replica, stream] of board.entries()) {
        await waitFor(() => stream.shipment(awb).some((e) => e.data['status'] === 'DEP'), { timeoutMs: 10_000, description: `tracking replica ${replica + 1}'s stream to show ${awb} departed` });
      }
    }
    // Every change reached the stream of replica 1, whichever replica consumed it: one update for each
    // event tracking filed under the shipment.
    const filedPerAwb = await once(`SELECT awb, count(*)::int AS n FROM tracking.timeline_events WHERE awb = ANY($1) GROUP BY awb ORDER BY awb`, [awbs]);
    expect(filedPerAwb.map((r) => ({ awb: r['awb'], updates: board[0]?.shipment(String(r['awb'])).length }))).toEqual(filedPerAwb.map((r) => ({ awb: r['awb'], updates: r['n'] })));
    const consumedBy = await once(`SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'tracking-updates-%'`);
    expect(consumedBy[0]?.['n']).toBeGreaterThanOrEqual(2);
  });
});
