/**
 * Rebuild rate of tracking's read model (issue 21). Not a test: run after `npm run build` with
 *
 *   node dist/apps/tracking/bench/rebuild.bench.js [--shipments 5000] [--compare <another rebuild.main.js>] [--profile <dir>]
 *
 * Starts the embedded broker, creates a database on the PostgreSQL of `DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/postgres), puts a realistic mix of the six topics' events for
 * `--shipments` shipments on the topics (about eight events a shipment, see `generateReplayMix`),
 * then runs `node dist/apps/tracking/src/rebuild.main.js` (the `nx run tracking:rebuild` entry) on
 * them and prints its events/s. With `--compare`, runs that other build's rebuild entry first on the
 * same data (e.g. a checkout of an earlier revision, built), prints both rates, the ratio, and
 * whether both left the same read model (a digest of every row of shipments, flights and timeline).
 * `--profile` writes a V8 CPU profile of each rebuild process into that folder.
 */
import { Topics } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { createTestDatabase, startTestBroker } from '@cargo/testing';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { generateReplayMix } from './replay-events.generator';

const CURRENT = resolve(__dirname, '../src/rebuild.main.js');

interface Run {
  entry: string;
  records: number;
  processed: number;
  durationMs: number;
  wallMs: number;
  /** The rebuild's own report line, as printed. */
  report: string;
  digest: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shipments: { type: 'string', default: '5000' }, compare: { type: 'string' }, profile: { type: 'string' } } });
  const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [];
  process.env['CARGO_TEST_ADMIN_URL'] ??= process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const broker = await startTestBroker();
  const db = await createTestDatabase('tracking_rebuild_bench');
  try {
    const kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'rebuild-bench' });
    await new TopicProvisioner(kafka).ensureTopics({ topics: [...Object.values(Topics)], partitions: 3, replicationFactor: 1 });
    const mix = generateReplayMix({ shipments: Number(values.shipments) });
    const codec = new CloudEventCodec();
    const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
    await producer.connect();
    for (let i = 0; i < mix.length; i += 1000) {
      const byTopic = new Map<string, Array<ReturnType<CloudEventCodec['encode']>>>();
      for (const { def, envelope } of mix.slice(i, i + 1000)) byTopic.set(def.topic, [...(byTopic.get(def.topic) ?? []), codec.encode(envelope, { key: envelope.subject as string })]);
      await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
    await producer.disconnect();
    console.log(`${mix.length} events of ${values.shipments} shipments on the topics`);

    const runs: Run[] = [];
    for (const entry of values.compare ? [resolve(values.compare), CURRENT] : [CURRENT]) {
      runs.push(await rebuild(entry, { DATABASE_URL: db.url, KAFKA_BROKERS: broker.bootstrap }, nodeArgs));
      const run = runs[runs.length - 1] as Run;
      console.log(`${entry}\n  ${run.records} records, ${run.processed} applied in ${run.durationMs} ms: ${rate(run)} events/s (process ${run.wallMs} ms)\n  ${run.report}`);
    }
    const [before, after] = runs;
    if (before && after) {
      console.log(`ratio ${(rate(after) / rate(before)).toFixed(1)}×; same read model: ${before.digest === after.digest ? 'yes' : 'NO'}`);
    }
  } finally {
    await db.drop();
    await broker.dispose();
  }
}

const rate = (run: Run) => Math.round((run.records * 1000) / Math.max(1, run.durationMs));

/** Runs one rebuild entry in its own process, as `nx run tracking:rebuild` would. */
async function rebuild(entry: string, env: Record<string, string>, nodeArgs: readonly string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, entry], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`${entry} exited with ${code}: ${out}`);
  const line = out.split('\n').reverse().find((l) => l.startsWith('{"records"'));
  if (!line) throw new Error(`${entry} printed no report: ${out}`);
  const report = JSON.parse(line) as { records: Record<string, number>; processed: number; durationMs: number };
  return {
    entry,
    records: Object.values(report.records).reduce((a, b) => a + b, 0),
    processed: report.processed,
    durationMs: report.durationMs,
    wallMs: Date.now() - started,
    report: line,
    digest: await readModelDigest(env['DATABASE_URL'] as string),
  };
}

/** A digest of every row of the read model but the write times (`updated_at`, `consumed_at`). */
async function readModelDigest(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ digest: string }>(`
      SELECT md5(
        (SELECT coalesce(string_agg(t::text, '|' ORDER BY awb), '') FROM (SELECT awb, status, station_code, airport, destination, booked_flight_id, booked_chargeable_kg, held, flags, received_at, last_happened_at, view FROM tracking.shipments) t) ||
        (SELECT coalesce(string_agg(f::text, '|' ORDER BY flight_id), '') FROM tracking.flights f) ||
        (SELECT coalesce(string_agg(e::text, '|' ORDER BY awb, event_id), '') FROM (SELECT awb, event_id, kind, happened_at, recorded_at, data FROM tracking.timeline_events) e)
      ) AS digest`);
    return rows[0]?.digest ?? '';
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
