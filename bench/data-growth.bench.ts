/**
 * Data-growth benchmark (issue 21): what one shipment costs station-intake, customs-hold and
 * flight-assignment with 10,000 and with 1,000,000 shipments already stored. Not a test. Run after
 * `npm run build` with
 *
 *   node dist/bench/data-growth.bench.js [--stored 10000,1000000] [--shipments 300] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--template <prefix> --awb-offset 500000]   (copy the databases an earlier run seeded, BENCH_DB_PREFIX=<prefix>)
 *
 * For each size: fresh databases (`dg_<schema>`) migrated by each service's migrate command, seeded
 * with `generate_series` (a year of receipts, realistic statuses; published outbox rows and
 * processed-event ids as many as shipments, i.e. no purge), ANALYZEd; then the three services start
 * in this process, each on its own embedded broker (so none consumes another's events and the
 * timings stay apart), and:
 * - station-intake: `--shipments` intakes POSTed one after another over HTTP with a station key;
 * - customs-hold: the CargoReceived events station-intake wrote, applied one by one through its
 *   intake use case (the consumer's work, without Kafka);
 * - flight-assignment: the same intakes and the releases customs-hold wrote applied one by one
 *   (onIntake, onRelease), then one batch decision of them all; and the scheduler's queue query.
 * Printed per shipment: wall time, SQL statements (counted at TypeORM's query runner, BEGIN and
 * COMMIT included) and commits (`pg_stat_database.xact_commit` of the service's database, so also
 * its relay's and scheduler's).
 */
import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { CargoReceivedEvent, CustomsReleasedEvent, type CargoReceivedPayload, type CustomsReleasedPayload } from '@cargo/contracts';
import { startService, type RunningService } from '@cargo/service-runtime';
import { startTestBroker, startTestTokenIssuer, type TestBroker } from '@cargo/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { StationIntakeService } from '../apps/station-intake/src/station-intake.service-definition';
import { CustomsHoldService } from '../apps/customs-hold/src/customs-hold.service-definition';
import { FlightAssignmentService } from '../apps/flight-assignment/src/flight-assignment.service-definition';
import { CustomsTransactionRunner } from '../apps/customs-hold/src/application/customs.ports';
import { RegisterIntakeUseCase as CustomsRegisterIntake } from '../apps/customs-hold/src/application/register-intake.use-case';
import { UnitOfWorkRunner } from '../apps/flight-assignment/src/application/unit-of-work.port';
import { ApplyShipmentEventsUseCase } from '../apps/flight-assignment/src/application/apply-shipment-events.use-case';
import { AssignmentEngine } from '../apps/flight-assignment/src/application/assignment.engine';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const HOUR = 3_600_000;

interface Args {
  stored: number[];
  shipments: number;
  adminUrl: string;
  /** Prefix of databases an earlier run left seeded (one size), copied instead of seeding. */
  template?: string;
  /** Added to the serials of the benchmark's AWBs (a copied database already holds an earlier run's). */
  awbOffset: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { stored: [10_000, 1_000_000], shipments: 300, awbOffset: 0, adminUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1] ?? ''];
    if (key === '--stored') args.stored = value.split(',').map(Number);
    else if (key === '--shipments') args.shipments = Number(value);
    else if (key === '--admin-url') args.adminUrl = value;
    else if (key === '--template') args.template = value;
    else if (key === '--awb-offset') args.awbOffset = Number(value);
    else throw new Error(`unknown option ${key}`);
  }
  return args;
}

/**
 * Statements and transactions per schema, counted where every TypeORM statement passes: a
 * transaction is a COMMIT or a statement run outside one (autocommit).
 */
const statements = new Map<string, number>();
const transactions = new Map<string, number>();
/** The same, counting only statements of the measured work itself (in its async context), not the relay's or the scheduler's. */
const ownStatements = new Map<string, number>();
const ownTransactions = new Map<string, number>();
const measured = new AsyncLocalStorage<true>();
/** `BENCH_SQL=<schema>` prints that schema's statements (the first 40 of each measured step). */
const traced = process.env['BENCH_SQL'];
let traceLeft = 0;
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const originalQuery = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...rest: Parameters<typeof originalQuery>) {
  const schema = (this.connection.options as { schema?: string }).schema ?? '?';
  const sql = String(rest[0]).trim();
  const own = measured.getStore() === true;
  bump(statements, schema);
  if (own) bump(ownStatements, schema);
  if (/^COMMIT/i.test(sql) || (!this.isTransactionActive && !/^(START TRANSACTION|BEGIN)/i.test(sql))) {
    bump(transactions, schema);
    if (own) bump(ownTransactions, schema);
  }
  if (schema === traced && traceLeft-- > 0) console.log(`    [sql] ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
  return originalQuery.apply(this, rest);
} as typeof originalQuery;

const SERVICES = [
  { app: 'station-intake', schema: 'station_intake' },
  { app: 'customs-hold', schema: 'customs_hold' },
  { app: 'flight-assignment', schema: 'flight_assignment' },
] as const;

const dbName = (schema: string) => `${process.env['BENCH_DB_PREFIX'] ?? 'dg'}_${schema}`;
function urlOf(admin: string, database: string): string {
  const u = new URL(admin);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A valid AWB (serial mod 7 check digit). */
const awbOf = (prefix: string, serial: number) => `${prefix}-${String(serial).padStart(7, '0')}${serial % 7}`;
/** SQL for the same AWB form over `i`. */
const awbSql = (prefix: string) => `'${prefix}-' || lpad(i::text, 7, '0') || (i % 7)::text`;

/** Seeds `n` stored shipments into each schema (generate_series), a year of receipts, mostly departed. */
function seedSql(schema: string, n: number): string[] {
  const received = `now() - ((i % 365) * interval '1 day') - ((i % 1440) * interval '1 minute') - interval '2 days'`;
  const station = `(ARRAY['OVS','NPB','HKO','DHU','JXS'])[1 + i % 5]`;
  const messaging = [
    `INSERT INTO ${schema}.outbox (id, topic, key, event_type, headers, payload, created_at, published_at)
       SELECT gen_random_uuid(), 'cargo.intake.v1', ${awbSql('999')}, 'seed', '{}'::jsonb, repeat('x', 400), ${received}, ${received} FROM generate_series(1, ${n}) i`,
    `INSERT INTO ${schema}.processed_events (consumer, event_id, event_type, topic, partition, "offset", processed_at)
       SELECT 'seed', gen_random_uuid()::text, 'seed', 'seed', 0, i, ${received} FROM generate_series(1, ${n}) i`,
  ];
  const content = (awb: string) =>
    `jsonb_build_object('awb', ${awb}, 'shipper', jsonb_build_object('id', 'SHP-OV-001', 'name', 'Wuhan Optics Valley Photonics Co.'), 'pieces', 12, 'grossWeightKg', 340.5, 'volumeM3', 1.8, 'commodity', jsonb_build_object('description', 'Optical transceiver modules', 'category', 'CONSUMER_ELECTRONICS', 'hsCode', '85176299'), 'destinationAirport', 'FRA', 'serviceLevel', 'D3')`;
  if (schema === 'station_intake') {
    return [
      ...messaging,
      `INSERT INTO station_intake.intake (awb, station_code, status, status_at, received_at, recorded_at, pieces, gross_weight_kg, content, event_id)
         SELECT ${awbSql('999')}, ${station}, CASE WHEN i % 50 = 0 THEN 'RECEIVED' ELSE 'DEP' END, ${received}, ${received}, ${received}, 12, 340.5, ${content(awbSql('999'))}, gen_random_uuid() FROM generate_series(1, ${n}) i`,
      `INSERT INTO station_intake.handling_scan (event_id, awb, station_code, code, happened_at, recorded_at, pieces)
         SELECT gen_random_uuid(), ${awbSql('999')}, ${station}, c, ${received} + (k * interval '1 hour'), ${received} + (k * interval '1 hour'), 12
           FROM generate_series(1, ${n}) i, unnest(ARRAY['RCS','LOT','TDP']) WITH ORDINALITY AS s(c, k)`,
    ];
  }
  if (schema === 'customs_hold') {
    return [
      ...messaging,
      `INSERT INTO customs_hold.customs_case (case_id, awb, station_code, shipper_id, commodity_category, state, lab_status, two_stage, had_conditional_release, cargo_aircraft_only,
                                              special_handling_codes, priority, post_release_check, passes, holds, held_since, received_at, opened_at, updated_at, version, closed_at)
         SELECT 'CASE-SEED-' || i, ${awbSql('999')}, ${station}, 'SHP-OV-001', 'CONSUMER_ELECTRONICS',
                CASE WHEN i % 100 = 0 THEN 'HELD' WHEN i % 10 = 0 THEN 'CLOSED' ELSE 'RELEASED' END, 'NOT_REQUIRED', false, false, false, '[]'::jsonb, 'NORMAL', false, '[]'::jsonb,
                CASE WHEN i % 100 = 0 THEN '[{"code":"DOCS_MISSING","explanation":"seed"}]'::jsonb ELSE '[]'::jsonb END,
                CASE WHEN i % 100 = 0 THEN ${received} END, ${received}, ${received}, ${received}, 2, CASE WHEN i % 100 <> 0 AND i % 10 = 0 THEN ${received} END
           FROM generate_series(1, ${n}) i`,
      `INSERT INTO customs_hold.case_audit_entry (case_id, action, actor_role, actor_id, reason, details, occurred_at, recorded_at)
         SELECT 'CASE-SEED-' || i, a, 'SYSTEM', 'rules', 'seed', '{}'::jsonb, ${received}, ${received} FROM generate_series(1, ${n}) i, unnest(ARRAY['OPENED','RELEASED']) a`,
    ];
  }
  return [
    ...messaging,
    `INSERT INTO flight_assignment.shipments (awb, station_code, facts, status, customs, release_facts, reason_code, received_at, released_at, decided_at, updated_at)
       SELECT ${awbSql('999')}, ${station}, ${content(awbSql('999'))},
              CASE WHEN i % 200 = 0 THEN 'EXCEPTION' WHEN i % 50 = 0 THEN 'CANCELLED' WHEN i % 20 = 0 THEN 'HELD' ELSE 'DEPARTED' END,
              CASE WHEN i % 20 = 0 AND i % 50 <> 0 AND i % 200 <> 0 THEN 'HELD' ELSE 'RELEASED' END, '{"cargoAircraftOnly":false,"specialHandlingCodes":[]}'::jsonb,
              CASE WHEN i % 200 = 0 THEN 'SEED' END, ${received}, ${received}, ${received}, ${received}
         FROM generate_series(1, ${n}) i`,
  ];
}

async function prepare(args: Args, stored: number): Promise<void> {
  const admin = new Client({ connectionString: args.adminUrl });
  await admin.connect();
  for (const { app, schema } of SERVICES) {
    const t0 = Date.now();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName(schema)}" WITH (FORCE)`);
    // --template: a copy of databases an earlier run seeded (its shipments included), migrated to this revision.
    await admin.query(args.template ? `CREATE DATABASE "${dbName(schema)}" TEMPLATE "${args.template}_${schema}"` : `CREATE DATABASE "${dbName(schema)}"`);
    execFileSync(process.execPath, [resolve(__dirname, `../apps/${app}/src/migrate.main.js`)], { env: { ...process.env, DATABASE_URL: urlOf(args.adminUrl, dbName(schema)) }, stdio: 'ignore' });
    const db = new Client({ connectionString: urlOf(args.adminUrl, dbName(schema)) });
    await db.connect();
    if (!args.template) for (const sql of seedSql(schema, stored)) await db.query(sql);
    await db.query('VACUUM ANALYZE');
    await db.end();
    console.log(`  ${args.template ? `copied ${args.template}_${schema}` : 'seeded'} ${schema}: ${stored.toLocaleString('en')} shipments in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  await admin.end();
}

async function commitsOf(admin: Client, schema: string): Promise<number> {
  const rows = await admin.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1', [dbName(schema)]);
  return Number(rows.rows[0]?.n ?? 0);
}

interface Measure {
  label: string;
  ms: number;
  statements: number;
  transactions: number;
  own: { statements: number; transactions: number };
  commits: number;
  per: number;
}

/** Runs `work`, counting the statements of `schema`'s service and its database's commits (stats flushed after a second). */
async function measure(admin: Client, schema: string, label: string, per: number, work: () => Promise<void>): Promise<Measure> {
  await new Promise((r) => setTimeout(r, 1_100));
  const c0 = await commitsOf(admin, schema);
  const s0 = statements.get(schema) ?? 0;
  const x0 = transactions.get(schema) ?? 0;
  const o0 = { statements: ownStatements.get(schema) ?? 0, transactions: ownTransactions.get(schema) ?? 0 };
  console.log(`  ${label}`);
  traceLeft = 40;
  const t0 = process.hrtime.bigint();
  await measured.run(true, work);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const s1 = statements.get(schema) ?? 0;
  const x1 = transactions.get(schema) ?? 0;
  // Backends flush their statistics when idle at the latest after 10 s (PostgreSQL 15).
  await new Promise((r) => setTimeout(r, 11_000));
  const c1 = await commitsOf(admin, schema);
  const own = { statements: (ownStatements.get(schema) ?? 0) - o0.statements, transactions: (ownTransactions.get(schema) ?? 0) - o0.transactions };
  return { label, ms, statements: s1 - s0, transactions: x1 - x0, own, commits: c1 - c0, per };
}

function intakeBody(awb: string): Record<string, unknown> {
  return {
    awb,
    shipper: { id: 'SHP-OV-001', name: 'Wuhan Optics Valley Photonics Co.' },
    pieces: 12,
    grossWeightKg: 340.5,
    volumeM3: 1.8,
    commodity: { description: 'Optical transceiver modules', category: 'CONSUMER_ELECTRONICS', hsCode: '85176299' },
    specialHandlingCodes: [],
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    receivedAt: new Date(Date.now() - HOUR).toISOString(),
  };
}

async function runSize(args: Args, stored: number, brokers: [TestBroker, TestBroker, TestBroker], issuerUrl: string): Promise<Measure[]> {
  console.log(`\n== ${stored.toLocaleString('en')} shipments stored ==`);
  await prepare(args, stored);
  const admin = new Client({ connectionString: args.adminUrl });
  await admin.connect();
  const env = (schema: string, broker: TestBroker) => ({
    HTTP_PORT: '0',
    DATABASE_URL: urlOf(args.adminUrl, dbName(schema)),
    KAFKA_BROKERS: broker.bootstrap,
    OIDC_ISSUER: issuerUrl,
    LOG_LEVEL: 'error',
  });
  const intake = await startService(StationIntakeService, { ...env('station_intake', brokers[0]), ADMIN_API_KEY: ADMIN_KEY });
  const customs = await startService(CustomsHoldService, env('customs_hold', brokers[1]));
  // A long batch window: the bench decides the batch itself, the scheduler only ticks.
  const assignment = await startService(FlightAssignmentService, { ...env('flight_assignment', brokers[2]), ASSIGNMENT_BATCH_WINDOW_MS: '600000' });
  const services: RunningService<never>[] = [intake, customs, assignment] as never;
  try {
    const created = await fetch(`${intake.url}/v1/admin/stations/OVS/api-keys`, { method: 'POST', headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, body: '{}' });
    const stationKey = ((await created.json()) as { apiKey: string }).apiKey;
    const awbs = Array.from({ length: args.shipments }, (_, i) => awbOf('784', 1_000_000 + args.awbOffset + stored / 1000 + i * 13));
    const results: Measure[] = [];
    const latencies: number[] = [];
    results.push(
      await measure(admin, 'station_intake', 'station-intake: POST intake', awbs.length, async () => {
        for (const awb of awbs) {
          const t = Date.now();
          const res = await fetch(`${intake.url}/v1/stations/OVS/intakes`, { method: 'POST', headers: { 'x-api-key': stationKey, 'content-type': 'application/json' }, body: JSON.stringify(intakeBody(awb)) });
          if (res.status !== 201) throw new Error(`intake ${awb}: ${res.status} ${await res.text()}`);
          latencies.push(Date.now() - t);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    console.log(`  intake HTTP latency p50 ${latencies[Math.floor(latencies.length / 2)]} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]} ms`);
    const siClient = new Client({ connectionString: urlOf(args.adminUrl, dbName('station_intake')) });
    await siClient.connect();
    const received = (await siClient.query<{ payload: string; id: string }>(`SELECT payload, id FROM station_intake.outbox WHERE event_type = $1 AND key = ANY($2) ORDER BY seq`, [CargoReceivedEvent.type, awbs])).rows.map((r) => ({
      id: r.id,
      data: JSON.parse(r.payload) as CargoReceivedPayload,
    }));
    await siClient.end();

    const customsRunner = customs.app.get(CustomsTransactionRunner);
    const customsIntake = customs.app.get(CustomsRegisterIntake);
    results.push(
      await measure(admin, 'customs_hold', 'customs-hold: intake → case + decision', received.length, async () => {
        for (const r of received) await customsRunner.run((uow) => customsIntake.execute(r.data, r.id, uow));
      }),
    );
    const chClient = new Client({ connectionString: urlOf(args.adminUrl, dbName('customs_hold')) });
    await chClient.connect();
    const releases = (await chClient.query<{ payload: string }>(`SELECT payload FROM customs_hold.outbox WHERE event_type = $1 AND key = ANY($2) ORDER BY seq`, [CustomsReleasedEvent.type, awbs])).rows.map(
      (r) => JSON.parse(r.payload) as CustomsReleasedPayload,
    );
    await chClient.end();

    const uow = assignment.app.get(UnitOfWorkRunner);
    const apply = assignment.app.get(ApplyShipmentEventsUseCase);
    const engine = assignment.app.get(AssignmentEngine);
    results.push(
      await measure(admin, 'flight_assignment', 'flight-assignment: onIntake', received.length, async () => {
        for (const r of received) await uow.run((u) => apply.onIntake(u, r.data));
      }),
    );
    results.push(
      await measure(admin, 'flight_assignment', 'flight-assignment: onRelease', releases.length, async () => {
        for (const r of releases) await uow.run((u) => apply.onRelease(u, r));
      }),
    );
    let decided = 0;
    results.push(
      await measure(admin, 'flight_assignment', 'flight-assignment: batch decision', releases.length, async () => {
        decided = (await uow.run((u) => engine.runBatch(u))).length;
      }),
    );
    console.log(`  batch decided ${decided} of ${releases.length} released shipments`);
    results.push(
      await measure(admin, 'flight_assignment', 'flight-assignment: queue state (per tick)', 20, async () => {
        for (let i = 0; i < 20; i++) await uow.run((u) => u.store.queueState());
      }),
    );
    for (const m of results) {
      console.log(
        `  ${m.label.padEnd(44)} ${(m.ms / m.per).toFixed(2).padStart(8)} ms ${(m.statements / m.per).toFixed(2).padStart(7)} statements ${(m.transactions / m.per).toFixed(2).padStart(6)} transactions ${(m.commits / m.per).toFixed(2).padStart(6)} commits in the database; own work ${(m.own.statements / m.per).toFixed(2)} statements ${(m.own.transactions / m.per).toFixed(2)} transactions  (per item, n=${m.per})`,
      );
    }
    return results;
  } finally {
    for (const s of services.reverse()) await s.stop();
    await admin.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const brokers: [TestBroker, TestBroker, TestBroker] = [await startTestBroker(), await startTestBroker(), await startTestBroker()];
  const issuer = await startTestTokenIssuer();
  const all = new Map<number, Measure[]>();
  try {
    for (const stored of args.stored) all.set(stored, await runSize(args, stored, brokers, issuer.issuer));
  } finally {
    for (const b of brokers) await b.dispose();
    await issuer.close();
  }
  const [fewer, more] = args.stored;
  const [small, large] = [all.get(fewer ?? -1), all.get(more ?? -1)];
  if (small && large) {
    console.log(`\n== per-item time at ${String(more)} vs ${String(fewer)} stored ==`);
    small.forEach((m, i) => {
      const l = large[i];
      if (l) console.log(`  ${m.label.padEnd(44)} ×${(l.ms / l.per / (m.ms / m.per)).toFixed(2)}`);
    });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
