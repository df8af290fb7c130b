/**
 * Quality benchmark of flight assignment (issue 8). Not a test: run after `npm run build` with
 *
 *   node dist/apps/flight-assignment/bench/assignment.bench.js [--shipments 5000] [--seed 8] [--window 5]
 *
 * 1. A seeded realistic day (~5,000 released shipments) played online against the seeded timetable:
 *    (a) first-come-first-served greedy (each shipment at its release, earliest arrival that fits) and
 *    (b) the service's batch assignment (releases collected for `--window` minutes, decided together).
 * 2. Small instances (one contended batch each, capacities scaled down so demand exceeds supply):
 *    (a), (b) and (c) the exact optimum from HiGHS (MIP, npm `highs`, WebAssembly).
 */
import { hubDayStart } from '@cargo/contracts';
import { generateTimetable } from '@cargo/seeds';
import { networkOf } from '../src/application/transport-network.factory';
import { planBatch, type PlanDecision, type PlanningPolicy } from '../src/domain/assignment.planner';
import { optimiseBatch, DEFAULT_OPTIMISER_SETTINGS, type AssignmentRequest } from '../src/domain/batch.optimiser';
import { CapacityLedger } from '../src/domain/capacity.ledger';
import { flightFromSchedule, MINUTE_MS, type Flight } from '../src/domain/flight.model';
import { findItineraries, type Itinerary } from '../src/domain/itinerary.rules';
import type { TransportNetwork } from '../src/domain/transport-network.model';
import { generateDay, type SimulatedShipment } from './realistic-day.generator';

interface Args {
  shipments: number;
  seed: number;
  window: number;
  date: string;
  instances: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { shipments: 5000, seed: 8, window: 5, date: '2026-11-25', instances: 12 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Args | undefined;
    const value = argv[i + 1];
    if (!key || value === undefined || !(key in args)) throw new Error(`unknown option ${argv[i]}`);
    (args as unknown as Record<string, string | number>)[key] = key === 'date' ? value : Number(value);
  }
  return args;
}

interface Metrics {
  policy: string;
  shipments: number;
  onTime: number;
  air: number;
  meanLoadFactor: number;
  batches: number;
  decisionMs: number[];
  /** Shipments without an on-time place, by the reason air failed. */
  late: Map<string, number>;
  road: number;
  roadOnTime: number;
  stillWaiting: number;
  /** Shipments nothing in the timetable can carry (an operator must resolve them). */
  exceptions: number;
}

function ledgerOf(flights: readonly Flight[], scale = 1): CapacityLedger {
  const ledger = new CapacityLedger();
  for (const f of flights) ledger.open(f.flightId, Math.round(f.capacityKg * scale), Math.max(1, Math.round(f.capacityM3 * scale * 10) / 10));
  return ledger;
}

function meanLoadFactor(flights: readonly Flight[], ledger: CapacityLedger): number {
  const used = flights.filter((f) => f.leg === 'FROM_WUHAN' && ledger.account(f.flightId).bookedKg > 0);
  return used.length === 0 ? 0 : used.reduce((s, f) => s + ledger.loadFactor(f.flightId), 0) / used.length;
}

/** Plays the day online: every `windowMinutes` (0 = each release on its own) the pending releases are decided. */
function simulateDay(
  day: readonly SimulatedShipment[],
  flights: readonly Flight[],
  network: TransportNetwork,
  policy: PlanningPolicy,
  windowMinutes: number,
  measured: (s: SimulatedShipment) => boolean,
  measuredFlights: readonly Flight[],
): Metrics {
  const ledger = ledgerOf(flights);
  const decisions: PlanDecision[] = [];
  const decisionMs: number[] = [];
  const deadlines = new Map(day.map((s) => [s.facts.awb, s.facts.deadlineAt]));
  const counted = new Set(day.filter(measured).map((s) => s.facts.awb));
  const settings = { ...DEFAULT_OPTIMISER_SETTINGS, ...(JSON.parse(process.env['FA_BENCH_SETTINGS'] ?? '{}') as Partial<typeof DEFAULT_OPTIMISER_SETTINGS>) };
  const facts = new Map(day.map((s) => [s.facts.awb, s.facts]));
  const final = new Map<string, PlanDecision>();
  // Wait-listed shipments come back when their retry deadline passed (capacity only shrinks in this
  // replay, so an earlier retry could not succeed): then air is out and the road feeder is tried.
  let waitlist: Array<{ awb: string; retryUntil: number }> = [];
  let i = 0;
  while (i < day.length || waitlist.length > 0) {
    let batch: SimulatedShipment[];
    let now: number;
    const nextRetry = Math.min(...waitlist.map((w) => w.retryUntil));
    if (i >= day.length || nextRetry < day[i]!.releasedAt) {
      batch = [];
      now = nextRetry + 1;
    } else if (windowMinutes <= 0) {
      batch = [day[i]!];
      now = day[i]!.releasedAt;
      i += 1;
    } else {
      const windowEnd = day[i]!.releasedAt + windowMinutes * MINUTE_MS;
      batch = [];
      while (i < day.length && day[i]!.releasedAt < windowEnd) batch.push(day[i++]!);
      now = windowEnd;
    }
    const due = waitlist.filter((w) => w.retryUntil < now);
    waitlist = waitlist.filter((w) => w.retryUntil >= now);
    const shipments = [...due.map((w) => facts.get(w.awb)!), ...batch.map((s) => s.facts)];
    const result = planBatch(shipments, network, ledger, now, policy, settings);
    decisionMs.push(result.elapsedMs);
    for (const d of result.decisions) {
      final.set(d.awb, d);
      // A shipment on standby for a later flight comes back when its standby opens.
      if (d.kind === 'WAITLISTED') waitlist.push({ awb: d.awb, retryUntil: d.standbyFrom !== undefined ? Math.min(d.retryUntil, d.standbyFrom - 1) : d.retryUntil });
    }
  }
  decisions.push(...final.values());
  let onTime = 0;
  let air = 0;
  let road = 0;
  let roadOnTime = 0;
  let stillWaiting = 0;
  let exceptions = 0;
  const late = new Map<string, number>();
  for (const d of decisions) {
    if (!counted.has(d.awb)) continue;
    if (d.kind === 'AIR') {
      air += 1;
      if (d.itinerary.finalArrivalAt <= deadlines.get(d.awb)!) onTime += 1;
    } else if (d.kind === 'ROAD_FEEDER' && d.itinerary.onTime) {
      onTime += 1;
      road += 1;
      roadOnTime += 1;
    } else {
      if (d.kind === 'ROAD_FEEDER') road += 1;
      else if (d.kind === 'EXCEPTION') exceptions += 1;
      else stillWaiting += 1;
      const code = d.kind === 'ROAD_FEEDER' ? d.airRejection.code : d.rejection.code;
      late.set(code, (late.get(code) ?? 0) + 1);
    }
  }
  return { policy, shipments: counted.size, onTime, air, meanLoadFactor: meanLoadFactor(measuredFlights, ledger), batches: decisionMs.length, decisionMs, late, road, roadOnTime, stillWaiting, exceptions };
}

interface Instance {
  requests: AssignmentRequest[];
  flights: Flight[];
  scale: number;
  now: number;
}

/** One contended batch: shipments released around the same time, capacity scaled so demand exceeds supply. */
function smallInstance(day: readonly SimulatedShipment[], flights: readonly Flight[], network: TransportNetwork, k: number, size: number): Instance {
  const start = Math.floor((day.length * (k + 0.5)) / 14) % Math.max(1, day.length - size);
  const picked = day.slice(start, start + size * 3).filter((_, j) => j % 3 === k % 3).slice(0, size);
  const now = picked[picked.length - 1]!.releasedAt;
  const requests: AssignmentRequest[] = [];
  const demand = new Map<string, number>();
  for (const s of picked) {
    const options = findItineraries(s.facts, network, now, { transport: 'AIR' }).options;
    if (options.length === 0) continue;
    requests.push({ awb: s.facts.awb, kg: s.facts.chargeableWeightKg, m3: s.facts.volumeM3, cargoAircraftOnly: s.facts.cargoAircraftOnly, temperatureControlled: s.facts.temperatureControlled, options });
    for (const id of new Set(options.flatMap((o) => o.flightIds))) demand.set(id, (demand.get(id) ?? 0) + s.facts.chargeableWeightKg / options.length);
  }
  // Scale every flight so the average flight in demand can carry about 60% of what is asked of it.
  const ratios = [...demand.entries()].map(([id, kg]) => kg / flights.find((f) => f.flightId === id)!.capacityKg);
  const scale = (0.6 * ratios.reduce((s, r) => s + r, 0)) / Math.max(1, ratios.length);
  return { requests, flights: flights.filter((f) => demand.has(f.flightId)), scale, now };
}

function fcfsInstance(inst: Instance): { placed: Map<string, Itinerary>; ms: number } {
  const ledger = ledgerOf(inst.flights, inst.scale);
  const started = performance.now();
  const placed = new Map<string, Itinerary>();
  for (const r of inst.requests) {
    const o = r.options.find((x) => ledger.canFitAll(x.flightIds, r.kg, r.m3));
    if (o) {
      ledger.book(o.flightIds, r.kg, r.m3);
      placed.set(r.awb, o);
    }
  }
  return { placed, ms: performance.now() - started };
}

function batchInstance(inst: Instance): { placed: Map<string, Itinerary>; ms: number } {
  const ledger = ledgerOf(inst.flights, inst.scale);
  const started = performance.now();
  const outcome = optimiseBatch(inst.requests, ledger, inst.now, DEFAULT_OPTIMISER_SETTINGS);
  for (const [awb, it] of outcome.chosen) {
    const r = inst.requests.find((x) => x.awb === awb)!;
    ledger.book(it.flightIds, r.kg, r.m3);
  }
  return { placed: outcome.chosen, ms: performance.now() - started };
}

type Highs = { solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> } };

async function optimumInstance(highs: Highs, inst: Instance): Promise<{ placed: Map<string, Itinerary>; ms: number; status: string }> {
  const ledger = ledgerOf(inst.flights, inst.scale);
  const vars: string[] = [];
  const perFlightKg = new Map<string, string[]>();
  const perFlightM3 = new Map<string, string[]>();
  const rows: string[] = [];
  inst.requests.forEach((r, i) => {
    const mine = r.options.map((o, j) => {
      const v = `x${i}_${j}`;
      vars.push(v);
      for (const id of o.flightIds) {
        (perFlightKg.get(id) ?? perFlightKg.set(id, []).get(id)!).push(`${r.kg} ${v}`);
        (perFlightM3.get(id) ?? perFlightM3.set(id, []).get(id)!).push(`${r.m3} ${v}`);
      }
      return v;
    });
    rows.push(` s${i}: ${mine.join(' + ')} <= 1`);
  });
  let c = 0;
  for (const [id, terms] of perFlightKg) rows.push(` k${c++}: ${terms.join(' + ')} <= ${ledger.remainingKg(id)}`);
  for (const [id, terms] of perFlightM3) rows.push(` m${c++}: ${terms.join(' + ')} <= ${ledger.remainingM3(id)}`);
  const lp = `Maximize\n obj: ${vars.join(' + ')}\nSubject To\n${rows.join('\n')}\nBinary\n ${vars.join(' ')}\nEnd\n`;
  const started = performance.now();
  const solution = highs.solve(lp, { time_limit: 60, mip_rel_gap: 0 });
  const ms = performance.now() - started;
  const placed = new Map<string, Itinerary>();
  inst.requests.forEach((r, i) =>
    r.options.forEach((o, j) => {
      if ((solution.Columns[`x${i}_${j}`]?.Primal ?? 0) > 0.5) placed.set(r.awb, o);
    }),
  );
  return { placed, ms, status: solution.Status };
}

function instanceLoadFactor(inst: Instance, placed: Map<string, Itinerary>): number {
  const ledger = ledgerOf(inst.flights, inst.scale);
  for (const r of inst.requests) {
    const o = placed.get(r.awb);
    if (o) ledger.book(o.flightIds, r.kg, r.m3);
  }
  return meanLoadFactor(inst.flights, ledger);
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(2)} %`;
const ms = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return `${mean.toFixed(2)} / ${p99.toFixed(2)} / ${(sorted[sorted.length - 1] ?? 0).toFixed(2)}`;
};

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Steady state: the measured day sits between a day of warm-up and a day of cool-down traffic, so
  // its cargo competes for tomorrow's flights with tomorrow's cargo, as it would in operation.
  const dayMs = 24 * 60 * MINUTE_MS;
  const previous = new Date(Date.parse(`${args.date}T00:00:00Z`) - dayMs).toISOString().slice(0, 10);
  const next = new Date(Date.parse(`${args.date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
  const flights = generateTimetable({ date: previous, days: 6, seed: 2027 }).map(flightFromSchedule);
  const network = networkOf(flights);
  const day = generateDay({ date: args.date, count: args.shipments, seed: args.seed });
  const traffic = [
    ...generateDay({ date: previous, count: args.shipments, seed: args.seed + 1000, firstSerial: 2_000_000 }),
    ...day,
    ...generateDay({ date: next, count: args.shipments, seed: args.seed + 2000, firstSerial: 3_000_000 }),
  ].sort((a, b) => a.releasedAt - b.releasedAt);
  const measuredAwbs = new Set(day.map((s) => s.facts.awb));
  const dayStart = hubDayStart(args.date).getTime();
  const measuredFlights = flights.filter((f) => f.departureAt >= dayStart && f.departureAt < dayStart + dayMs);
  const demandKg = day.reduce((s, x) => s + x.facts.chargeableWeightKg, 0);
  console.log(
    `Flight assignment benchmark — ${args.shipments} shipments received on ${args.date} (seed ${args.seed}; plus a day of traffic before and after), ` +
      `${measuredFlights.filter((f) => f.leg === 'FROM_WUHAN').length} departures from WUH/EHU that day, demand ${(demandKg / 1000).toFixed(0)} t chargeable`,
  );
  console.log('');

  const measured = (s: SimulatedShipment) => measuredAwbs.has(s.facts.awb);
  const results = [
    simulateDay(traffic, flights, network, 'FCFS', 0, measured, measuredFlights),
    simulateDay(traffic, flights, network, 'BATCH', args.window, measured, measuredFlights),
  ];
  console.log(`Full day (online replay; batch window ${args.window} min of simulated time; load factor of that day's departures from WUH/EHU)`);
  console.log(
    table(
      ['policy', 'on time', 'flown from WUH/EHU', 'mean load factor', 'decisions', 'decision ms mean / p99 / max'],
      results.map((m) => [
        m.policy === 'FCFS' ? '(a) FCFS greedy' : '(b) batch assignment',
        pct(m.onTime, m.shipments),
        pct(m.air, m.shipments),
        `${(100 * m.meanLoadFactor).toFixed(1)} %`,
        String(m.batches),
        ms(m.decisionMs),
      ]),
    ),
  );
  for (const m of results) {
    console.log(
      `  ${m.policy}: ${m.road} by road feeder (${m.roadOnTime} on time), ${m.stillWaiting} left wait-listed, ${m.exceptions} exceptions; not on time, by the reason air failed last: ` +
        [...m.late.entries()].sort().map(([code, count]) => `${code} ${count}`).join(', '),
    );
  }
  console.log('');

  const highs = (await (require('highs') as (o?: unknown) => Promise<Highs>)()) as Highs;
  const totals = { fcfs: 0, batch: 0, opt: 0, n: 0, lfF: 0, lfB: 0, lfO: 0 };
  const times = { fcfs: [] as number[], batch: [] as number[], opt: [] as number[] };
  const perInstance: string[][] = [];
  for (let k = 0; k < args.instances; k++) {
    const size = 60 + 20 * (k % 4);
    const inst = smallInstance(day, flights, network, k, size);
    const a = fcfsInstance(inst);
    const b = batchInstance(inst);
    const c = await optimumInstance(highs, inst);
    totals.fcfs += a.placed.size;
    totals.batch += b.placed.size;
    totals.opt += c.placed.size;
    totals.n += inst.requests.length;
    totals.lfF += instanceLoadFactor(inst, a.placed);
    totals.lfB += instanceLoadFactor(inst, b.placed);
    totals.lfO += instanceLoadFactor(inst, c.placed);
    times.fcfs.push(a.ms);
    times.batch.push(b.ms);
    times.opt.push(c.ms);
    perInstance.push([String(k + 1), String(inst.requests.length), String(inst.flights.length), String(a.placed.size), String(b.placed.size), String(c.placed.size), c.status, `${c.ms.toFixed(0)}`]);
  }
  console.log(`Small instances (${args.instances} contended batches of 60–120 shipments; capacity scaled so demand exceeds supply)`);
  console.log(table(['#', 'shipments', 'flights', '(a) FCFS', '(b) batch', '(c) optimum', 'HiGHS status', 'HiGHS ms'], perInstance));
  console.log('');
  const n = args.instances;
  console.log(
    table(
      ['policy', 'on time', 'flown from WUH/EHU', 'mean load factor', 'decision ms mean / p99 / max', 'on time vs optimum'],
      [
        ['(a) FCFS greedy', pct(totals.fcfs, totals.n), pct(totals.fcfs, totals.n), `${((100 * totals.lfF) / n).toFixed(1)} %`, ms(times.fcfs), pct(totals.fcfs, totals.opt)],
        ['(b) batch assignment', pct(totals.batch, totals.n), pct(totals.batch, totals.n), `${((100 * totals.lfB) / n).toFixed(1)} %`, ms(times.batch), pct(totals.batch, totals.opt)],
        ['(c) exact optimum (HiGHS)', pct(totals.opt, totals.n), pct(totals.opt, totals.n), `${((100 * totals.lfO) / n).toFixed(1)} %`, ms(times.opt), '100.00 %'],
      ],
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
