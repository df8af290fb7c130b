/**
 * Capacity of the hub on this machine (issue 17). Not a test: run after `npm run build` with
 *
 *   node dist/apps/launcher/bench/capacity.bench.js [--replicas 2] [--shipments 600] [--concurrency 24]
 *
 * Starts what `npm start -- --replicas N --no-simulator` starts (embedded broker and PostgreSQL in a
 * throw-away folder, N processes of each service), then registers `--shipments` intakes spread over
 * the station-intake replicas, `--concurrency` at a time, resolves the customs holds the control
 * rules place as officers would (spread over the customs-hold replicas), and measures until tracking
 * shows every shipment booked on a flight: each shipment has then passed through all four services
 * (intake → customs decision → batch assignment → tracking projection). Prints shipments per second
 * end to end, and per replica.
 */
import { Awb } from '@cargo/contracts';
import { resolveDatabase } from '@cargo/persistence';
import { ClientCredentialsTokenSource } from '@cargo/service-runtime';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { LauncherConfig } from '../src/config/launcher.config';
import { launchHub } from '../src/hub.launcher';

const root = resolve(__dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { replicas: { type: 'string' }, shipments: { type: 'string' }, concurrency: { type: 'string' } } });
  const replicas = Number(values.replicas ?? 2);
  const shipments = Number(values.shipments ?? 600);
  const concurrency = Number(values.concurrency ?? 24);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-capacity-'));
  chmodSync(dataDir, 0o755);
  const adminKey = randomBytes(24).toString('hex');
  writeFileSync(join(dataDir, 'admin-api-key'), adminKey);
  const pgPort = await freePort();
  const database = await resolveDatabase({ embeddedDataDir: join(dataDir, 'postgres'), embeddedPort: pgPort, log: () => undefined });
  const config = Object.assign(new LauncherConfig(), {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    BROKER_PORT: await freePort(),
    STATION_INTAKE_PORT: await freePort(),
    CUSTOMS_HOLD_PORT: await freePort(),
    FLIGHT_ASSIGNMENT_PORT: await freePort(),
    TRACKING_PORT: await freePort(),
    IDENTITY_PORT: await freePort(),
    SIMULATOR: false,
  });
  const hub = await launchHub(config, root, () => undefined, { speed: 1, clockStart: new Date(), replicas, replicaPortStep: 0 });
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  try {
    const client = (id: string) => {
      const c = hub.identity.clients.find((x) => x.client_id === id);
      if (!c) throw new Error(`no client ${id}`);
      return new ClientCredentialsTokenSource(hub.identity.tokenUrl, { id: c.client_id, secret: c.client_secret });
    };
    const [officer, screener] = [client('demo-customs-officer'), client('demo-screener')];
    const intakeUrls = hub.replicas['station-intake'].map((r) => r.url);
    const customsUrls = hub.replicas['customs-hold'].map((r) => r.url);
    const keys = await Promise.all(
      intakeUrls.map(async () => {
        const response = await fetch(`${intakeUrls[0]}/v1/admin/stations/OVS/api-keys`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify({ label: 'capacity bench' }) });
        return String(((await response.json()) as { apiKey: string }).apiKey);
      }),
    );
    const base = 5_000_000 + Math.floor(Math.random() * 1_000_000);
    const awbs = Array.from({ length: shipments }, (_, i) => Awb.of('784', String(base + i).padStart(7, '0')).toString());
    console.log(`capacity: ${replicas} replica(s) of each service ready; ${shipments} shipments, ${concurrency} requests in flight`);

    const started = Date.now();
    await pool(awbs, concurrency, async (awb, i) => {
      const r = i % intakeUrls.length;
      const response = await fetch(`${intakeUrls[r]}/v1/stations/OVS/intakes`, {
        method: 'POST',
        headers: { 'x-api-key': keys[r] as string, 'content-type': 'application/json' },
        body: JSON.stringify({
          awb,
          shipper: { id: 'SHP-OV-007', name: 'Wuhan Guanggu Display Technology Co., Ltd.' },
          pieces: 2,
          grossWeightKg: 40,
          volumeM3: 0.2,
          commodity: { description: 'Display panels', category: 'CONSUMER_ELECTRONICS', hsCode: '85249100', declaredValue: { amount: 8000, currency: 'USD' } },
          specialHandlingCodes: [],
          dangerousGoods: [],
          ecommerce: false,
          destinationAirport: ['PVG', 'CAN', 'SZX', 'PEK'][i % 4],
          serviceLevel: 'D1',
          receivedAt: new Date(Date.now() - 60_000).toISOString(),
        }),
      });
      if (response.status !== 201 && response.status !== 200) throw new Error(`intake ${awb}: ${response.status} ${await response.text()}`);
    });
    const posted = Date.now();
    console.log(`capacity: ${shipments} intakes accepted in ${((posted - started) / 1000).toFixed(1)} s (${(shipments / ((posted - started) / 1000)).toFixed(1)}/s over HTTP)`);

    // Officers and screeners resolve what the rules held, while the rest flows.
    const resolved = new Set<string>();
    let booked = 0;
    const deadline = Date.now() + 10 * 60_000;
    while (booked < shipments) {
      if (Date.now() > deadline) throw new Error(`only ${booked} of ${shipments} booked after 10 minutes`);
      const held = (
        await sql.query(`SELECT awb, holds FROM customs_hold.customs_case WHERE state = 'HELD' AND awb = ANY($1)`, [awbs]).catch(() => ({ rows: [] as { awb: string; holds: unknown }[] }))
      ).rows as { awb: string; holds: { code: string }[] }[];
      await pool(
        held.filter((h) => !resolved.has(`${h.awb}:${JSON.stringify(h.holds)}`)),
        8,
        async (h, i) => {
          resolved.add(`${h.awb}:${JSON.stringify(h.holds)}`);
          const url = customsUrls[i % customsUrls.length];
          const screening = JSON.stringify(h.holds).includes('SCREENING');
          await fetch(`${url}/v1/cases/${h.awb}/${screening ? 'screening-results' : 'releases'}`, {
            method: 'POST',
            headers: { ...(await (screening ? screener : officer).headers()), 'content-type': 'application/json' },
            body: JSON.stringify(screening ? { result: 'PASS', reason: 'X-ray clear' } : { kind: 'FULL', reason: 'Documents checked' }),
          });
        },
      );
      booked = Number((await sql.query(`SELECT count(*)::int AS n FROM tracking.shipments WHERE awb = ANY($1) AND booked_flight_id IS NOT NULL`, [awbs])).rows[0]?.n ?? 0);
      await new Promise((done) => setTimeout(done, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    const rate = shipments / seconds;
    console.log(`capacity: ${shipments} shipments booked and tracked in ${seconds.toFixed(1)} s: ${rate.toFixed(1)} shipments/s end to end, ${(rate / replicas).toFixed(1)} per replica (${cpus().length} cores)`);
  } finally {
    await sql.end();
    await hub.stop();
    if (database.owned) await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
