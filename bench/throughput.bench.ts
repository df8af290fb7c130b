/**
 * Throughput of the whole hub on this machine (issue 21). Not a test: run it with
 *
 *   npm run bench -- [--shipments 1000] [--rate 100 | --concurrency 16] [--replicas 1] [--compare <git-rev>] [--json]
 *
 * Starts the system as `npm start -- --no-simulator` does (the built launcher as a child process,
 * embedded broker and PostgreSQL in a throw-away folder), posts the intakes of qualified (grade-A)
 * shippers to station-intake's HTTP API at a rate (open loop) or concurrency (closed loop), and
 * follows each shipment on the topics until tracking has booked it. Prints accepted/s, end-to-end
 * shipments/s, the latencies intake→assignment and intake→tracking, database commits per shipment,
 * CPU per process, peak consumer lag per group, pgbench's tps on the same server, and the rate of
 * tracking's rebuild over the run's events. `--compare <rev>` builds `rev` in a git worktree and
 * runs the same driver against it first, then against the current tree, and prints the ratio.
 *
 * The driver relies only on what every revision offers: the launcher's command line and environment,
 * the HTTP API, the topics (contracts), PostgreSQL's statistics and tracking's rebuild command.
 */
import { Awb } from '@cargo/contracts';
import { SHIPPERS } from '@cargo/seeds';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { BenchArgsError, describeLoad, parseBenchArgs, type BenchOptions } from './bench-args.parser';
import { formatReport, type RunResult } from './bench-report.formatter';
import { ConsumerLagMonitor } from './consumer-lag.monitor';
import { DatabaseProbe, pgbenchTps } from './database.probe';
import { BENCH_ENVIRONMENT, createStationKey, serviceEnvironment, startHubUnderTest } from './hub-under-test.process';
import { driveIntakes } from './intake.driver';
import { summarizeLatencies } from './latency.stats';
import { clockTicksPerSecond, cpuSecondsBetween, cpuTicksByRole, machineTicks, processTree } from './process-cpu.sampler';
import { checkoutRevision, resolveCommit } from './revision.worktree';
import { ShipmentMilestonesObserver } from './shipment-milestones.observer';
import { timeTrackingRebuild } from './tracking-rebuild.timer';

const root = resolve(__dirname, '../..');
const STATION = 'OVS';
const DESTINATIONS = ['PVG', 'CAN', 'PEK', 'SZX'];
/** Idle time measured before the run (background commits), and waited after it (statistics flushed). */
const IDLE_MS = 10_000;
const SETTLE_MS = 11_000;
const OWN_CONSUMER_PREFIX = 'bench-';

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Things to undo if the run is interrupted (Ctrl-C) or fails. */
const cleanups: (() => Promise<void>)[] = [];

/** Grade-A shippers of the station, not e-commerce, that ship electronics: no control rule holds their cargo. */
const QUALIFIED = SHIPPERS.filter(
  (s) => s.stationCode === STATION && s.creditGrade === 'A' && !s.ecommerce && s.commodityCategories.some((c) => c === 'CONSUMER_ELECTRONICS' || c === 'OPTOELECTRONICS'),
);

function intakeBody(awb: string, index: number, receivedAt: Date): unknown {
  const shipper = QUALIFIED[index % QUALIFIED.length];
  if (!shipper) throw new Error(`no grade-A electronics shipper at ${STATION} in the seeds`);
  const electronics = shipper.commodityCategories.includes('CONSUMER_ELECTRONICS');
  return {
    awb,
    shipper: { id: shipper.id, name: shipper.nameEn },
    pieces: 2,
    grossWeightKg: 12,
    volumeM3: 0.06,
    commodity: electronics
      ? { description: 'Display panels', category: 'CONSUMER_ELECTRONICS', hsCode: '85249100', declaredValue: { amount: 3000, currency: 'USD' } }
      : { description: 'Optical transceiver modules', category: 'OPTOELECTRONICS', hsCode: '85176299', declaredValue: { amount: 3000, currency: 'USD' } },
    specialHandlingCodes: [],
    dangerousGoods: [],
    ecommerce: false,
    destinationAirport: DESTINATIONS[index % DESTINATIONS.length],
    serviceLevel: 'D1',
    receivedAt: receivedAt.toISOString(),
  };
}

async function currentCommit(): Promise<string> {
  const commit = await resolveCommit(root, 'HEAD');
  const { stdout } = await promisify(execFile)('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no']);
  return stdout.trim() ? `${commit} + changes` : commit;
}

/** One measurement of the system built at `systemRoot`, driven by this process. */
async function measure(systemRoot: string, label: string, commit: string, options: BenchOptions): Promise<RunResult> {
  say(`▶ ${label} (${commit}): starting the system…`);
  const mark = cleanups.length;
  const hub = await startHubUnderTest(systemRoot, { replicas: options.replicas, speed: options.speed, log: say });
  cleanups.push(() => hub.stop());
  const probe = await DatabaseProbe.connect(hub.databaseUrl);
  cleanups.push(() => probe.close());
  const kafka = new Kafka({ clientId: 'throughput-bench', brokers: [hub.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  cleanups.push(() => admin.disconnect());
  try {
    const apiKey = await createStationKey(hub, STATION);
    const serial = 1_000_000 + Math.floor(Math.random() * 8_000_000);
    const awbs = Array.from({ length: options.shipments }, (_, i) => Awb.of('784', String((serial + i) % 10_000_000).padStart(7, '0')).toString());
    const observer = new ShipmentMilestonesObserver(kafka, `${OWN_CONSUMER_PREFIX}observer-${Date.now()}`, new Set(awbs));
    await observer.start();
    cleanups.push(() => observer.stop());
    const lag = new ConsumerLagMonitor(admin, OWN_CONSUMER_PREFIX);
    lag.start();

    await sleep(2_000);
    const idleFrom = await probe.sample();
    await sleep(IDLE_MS);
    const start = await probe.sample();
    const idleCommitsPerSecond = (start.commits - idleFrom.commits - (start.ownBefore - idleFrom.ownBefore)) / ((start.at - idleFrom.at) / 1000);

    const hz = clockTicksPerSecond();
    const cpuFrom = cpuTicksByRole(processTree(hub.pid), hub.pid);
    const machineFrom = machineTicks();
    const benchFrom = process.cpuUsage();
    const cpuFromAt = Date.now();
    say(`  ${options.shipments} intakes, ${describeLoad(options.load)}…`);
    const outcomes = await driveIntakes(
      { urls: hub.intakeUrls, station: STATION, apiKey, body: (awb, i) => intakeBody(awb, i, new Date(hub.simNow().getTime() - 60_000)) },
      awbs,
      options.load,
      options.maxInFlight,
    );
    const accepted = outcomes.filter((o) => o.status === 200 || o.status === 201);
    const rejected: Record<string, number> = {};
    for (const o of outcomes) if (o.status !== 200 && o.status !== 201) rejected[String(o.status)] = (rejected[String(o.status)] ?? 0) + 1;
    say(`  accepted ${accepted.length}/${outcomes.length}${Object.keys(rejected).length ? ` (refused: ${JSON.stringify(rejected)})` : ''}; waiting until tracking has booked them…`);
    const progress = setInterval(() => say(`  booked in tracking: ${observer.tracked}/${accepted.length}`), 10_000);
    const { stalled } = await observer.waitUntilTracked(new Set(accepted.map((o) => o.awb)), options.stallSeconds * 1000).finally(() => clearInterval(progress));

    const endAt = Date.now();
    const cpuTo = cpuTicksByRole(processTree(hub.pid), hub.pid);
    const machineTo = machineTicks();
    const bench = process.cpuUsage(benchFrom);
    const end = await probe.sample();
    say(`  done; ${SETTLE_MS / 1000} s for the statistics to settle…`);
    await sleep(SETTLE_MS);
    const settled = await probe.sample();
    const lagResult = await lag.stop();
    await observer.stop();

    const measured = accepted.filter((o) => observer.milestones.get(o.awb)?.trackedAt !== undefined && !observer.milestones.get(o.awb)?.held);
    const held = accepted.filter((o) => observer.milestones.get(o.awb)?.held).length;
    const notBooked = accepted.length - measured.length - held;
    const firstSent = Math.min(...outcomes.map((o) => o.sentAt));
    const lastAnswered = Math.max(...accepted.map((o) => o.answeredAt));
    const lastSent = Math.max(...outcomes.map((o) => o.sentAt));
    const lastTracked = Math.max(...measured.map((o) => observer.milestones.get(o.awb)?.trackedAt ?? 0));
    const e2eSeconds = (lastTracked - firstSent) / 1000;
    const windowSeconds = (endAt - cpuFromAt) / 1000;
    const ownStatements = settled.ownBefore - start.ownBefore;
    const runCommits = settled.commits - start.commits - ownStatements - idleCommitsPerSecond * ((settled.at - endAt) / 1000);
    const perShipment = Math.max(1, accepted.length);
    const cpu = [
      ...cpuSecondsBetween(cpuFrom, cpuTo, hz),
      { role: 'bench driver (this process)', seconds: (bench.user + bench.system) / 1e6, processes: 1 },
    ].map((c) => ({ ...c, coreShare: c.seconds / windowSeconds }));
    const e2eRate = measured.length > 0 && e2eSeconds > 0 ? measured.length / e2eSeconds : 0;

    const notes = [
      `environment set by the bench: ${Object.entries(BENCH_ENVIRONMENT).map(([k, v]) => `${k}=${v}`).join(' ')}; shared clock ×${options.speed}`,
      `DB commits: pg_stat_database.xact_commit of database "cargo" over the run, net of the bench's own ${ownStatements} statements; the ${SETTLE_MS / 1000} s waited after the run for the statistics are charged at the idle rate; background work during the run is included`,
      'DB writing transactions: transaction ids assigned over the run (pg_snapshot_xmax), exact',
      'times: intake accepted = the HTTP answer at the driver; assigned = FlightAssigned record timestamp on flight.assignment.v1; in tracking = BKD record timestamp on cargo.status.v1',
    ];
    if (held > 0) notes.push(`${held} shipments were held by customs: excluded from end to end and latencies`);
    if (notBooked > 0) notes.push(`${notBooked} accepted shipments were not booked in tracking ${options.stallSeconds} s after the last booking${stalled ? ' (stalled)' : ''}: excluded`);
    if (lagResult.failedPolls > 0) notes.push(`${lagResult.failedPolls} consumer-lag polls failed`);

    const measuredAwbs = measured.map((o) => o.awb);
    const readModel = await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM tracking.shipments WHERE awb = ANY($1) AND booked_flight_id IS NOT NULL', [measuredAwbs]);

    let pgbench: RunResult['pgbench'];
    if (options.pgbench) {
      say(`  pgbench (${options.pgbench.clients} clients, ${options.pgbench.seconds} s) on the same server…`);
      const tps = await pgbenchTps(hub.pgPort, options.pgbench.clients, options.pgbench.seconds).catch((error: unknown) => {
        notes.push(`pgbench failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        return undefined;
      });
      if (tps !== undefined) pgbench = { ...options.pgbench, tps, endToEndShare: e2eRate / tps };
    }
    let rebuild: RunResult['rebuild'];
    if (options.rebuild) {
      say('  tracking rebuild over the run’s events…');
      rebuild = await timeTrackingRebuild(systemRoot, serviceEnvironment(hub)).catch((error: unknown) => {
        notes.push(`tracking rebuild failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        return undefined;
      });
    }

    return {
      label,
      commit,
      load: describeLoad(options.load),
      replicas: options.replicas,
      shipments: { posted: outcomes.length, accepted: accepted.length, rejected, held, notBooked, measured: measured.length },
      offeredPerSecond: lastSent > firstSent ? (outcomes.length - 1) / ((lastSent - firstSent) / 1000) : outcomes.length,
      acceptedPerSecond: accepted.length > 0 ? accepted.length / ((lastAnswered - firstSent) / 1000) : 0,
      httpLatencyMs: summarizeLatencies(accepted.map((o) => o.answeredAt - o.sentAt)),
      endToEnd: { seconds: e2eSeconds, shipmentsPerSecond: e2eRate },
      intakeToAssignmentMs: summarizeLatencies(
        measured.flatMap((o) => {
          const at = observer.milestones.get(o.awb)?.assignedAt;
          return at === undefined ? [] : [at - o.answeredAt];
        }),
      ),
      intakeToTrackingMs: summarizeLatencies(measured.map((o) => (observer.milestones.get(o.awb)?.trackedAt ?? 0) - o.answeredAt)),
      database: {
        commitsPerShipment: runCommits / perShipment,
        writingTransactionsPerShipment: (end.nextXid - start.nextXid) / perShipment,
        commitsPerSecond: runCommits / ((endAt - start.at) / 1000),
        idleCommitsPerSecond,
        benchStatementsSubtracted: ownStatements,
      },
      cpu,
      machineBusyShare: (machineTo.busy - machineFrom.busy) / Math.max(1, machineTo.total - machineFrom.total),
      consumerLagPeaks: Object.fromEntries(lagResult.peaks),
      ...(pgbench ? { pgbench } : {}),
      ...(rebuild ? { rebuild } : {}),
      ...(readModel?.[0] ? { trackingReadModelBooked: readModel[0].n } : {}),
      notes,
    };
  } finally {
    while (cleanups.length > mark) await cleanups.pop()?.().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const runs: RunResult[] = [];
  if (options.compare) {
    say(`▶ preparing ${options.compare} (git worktree, npm ci, npm run build)…`);
    const checkout = await checkoutRevision(root, options.compare, say);
    cleanups.push(() => checkout.remove());
    try {
      runs.push(await measure(checkout.dir, options.compare, checkout.commit, options));
    } finally {
      await cleanups.pop()?.();
    }
  }
  runs.push(await measure(root, 'current tree', await currentCommit(), options));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ options, runs }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`\n${formatReport(runs)}\n\n`);
  for (const run of runs) for (const note of run.notes) process.stdout.write(`${runs.length > 1 ? `[${run.label}] ` : ''}${note}\n`);
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  say('\nSIGINT: stopping the system and removing the temporary folders…');
  void (async () => {
    while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
    process.exit(130);
  })();
});

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error instanceof BenchArgsError ? error.message : error);
    while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
    process.exit(1);
  },
);
