import type { LatencySummary } from './latency.stats';
import type { RebuildTiming } from './tracking-rebuild.timer';

/** Everything one run measured (the `--json` output is a list of these). */
export interface RunResult {
  /** What ran: "current tree" or the revision compared with. */
  label: string;
  commit: string;
  load: string;
  replicas: number;
  shipments: { posted: number; accepted: number; rejected: Record<string, number>; held: number; notBooked: number; measured: number };
  offeredPerSecond: number;
  acceptedPerSecond: number;
  httpLatencyMs: LatencySummary;
  endToEnd: { seconds: number; shipmentsPerSecond: number };
  intakeToAssignmentMs: LatencySummary;
  intakeToTrackingMs: LatencySummary;
  database: {
    commitsPerShipment: number;
    writingTransactionsPerShipment: number;
    commitsPerSecond: number;
    idleCommitsPerSecond: number;
    benchStatementsSubtracted: number;
  };
  cpu: { role: string; seconds: number; processes: number; coreShare: number }[];
  machineBusyShare: number;
  consumerLagPeaks: Record<string, number>;
  pgbench?: { clients: number; seconds: number; tps: number; endToEndShare: number };
  rebuild?: RebuildTiming;
  /** Shipments tracking's read model shows booked after the run (a cross-check; undefined if the query failed). */
  trackingReadModelBooked?: number;
  notes: string[];
}

/** One line of the table: a number (ratios are taken of these) or a text. */
export interface ReportRow {
  key: string;
  label: string;
  value?: number;
  text?: string;
  digits?: number;
}

function latencyRows(key: string, label: string, s: LatencySummary): ReportRow[] {
  return (['p50', 'p95', 'p99'] as const).map((p) => ({ key: `${key}.${p}`, label: `${label} ${p} (ms)`, value: s[p], digits: 0 }));
}

/** The rows of one run, in reading order. */
export function reportRows(r: RunResult): ReportRow[] {
  const rows: ReportRow[] = [
    { key: 'commit', label: 'revision', text: r.commit },
    { key: 'accepted', label: 'shipments accepted / posted', text: `${r.shipments.accepted} / ${r.shipments.posted}` },
    { key: 'measured', label: 'shipments booked in tracking (measured)', value: r.shipments.measured, digits: 0 },
    { key: 'held', label: 'held by customs (excluded)', value: r.shipments.held, digits: 0 },
    { key: 'notBooked', label: 'not booked before the stall limit (excluded)', value: r.shipments.notBooked, digits: 0 },
    { key: 'offered', label: 'intakes sent/s', value: r.offeredPerSecond, digits: 1 },
    { key: 'acceptedPerSecond', label: 'accepted/s (HTTP)', value: r.acceptedPerSecond, digits: 1 },
    ...latencyRows('http', 'intake HTTP', r.httpLatencyMs),
    { key: 'e2e', label: 'end to end shipments/s (accepted → booked in tracking)', value: r.endToEnd.shipmentsPerSecond, digits: 1 },
    { key: 'e2eSeconds', label: 'end-to-end duration (s)', value: r.endToEnd.seconds, digits: 1 },
    ...latencyRows('assign', 'intake→assignment', r.intakeToAssignmentMs),
    ...latencyRows('track', 'intake→tracking', r.intakeToTrackingMs),
    { key: 'commitsPerShipment', label: 'DB commits/shipment', value: r.database.commitsPerShipment, digits: 1 },
    { key: 'writesPerShipment', label: 'DB writing transactions/shipment', value: r.database.writingTransactionsPerShipment, digits: 1 },
    { key: 'commitsPerSecond', label: 'DB commits/s during the run', value: r.database.commitsPerSecond, digits: 0 },
    { key: 'idleCommits', label: 'DB commits/s at idle (background)', value: r.database.idleCommitsPerSecond, digits: 1 },
  ];
  if (r.pgbench) {
    rows.push(
      { key: 'pgbench', label: `pgbench tps (${r.pgbench.clients} clients, ${r.pgbench.seconds} s)`, value: r.pgbench.tps, digits: 0 },
      { key: 'pgbenchShare', label: 'end to end as % of pgbench tps', value: r.pgbench.endToEndShare * 100, digits: 2 },
    );
  }
  for (const c of r.cpu) rows.push({ key: `cpu.${c.role}`, label: `CPU ${c.role}${c.processes > 1 ? ` (${c.processes} processes)` : ''} (% of a core)`, value: c.coreShare * 100, digits: 1 });
  rows.push({ key: 'machine', label: 'machine busy, every process (% of all cores)', value: r.machineBusyShare * 100, digits: 1 });
  for (const [group, peak] of Object.entries(r.consumerLagPeaks).sort()) rows.push({ key: `lag.${group}`, label: `peak consumer lag ${group} (records)`, value: peak, digits: 0 });
  if (r.rebuild) {
    rows.push(
      { key: 'rebuildRate', label: 'tracking rebuild events/s', value: r.rebuild.eventsPerSecond, digits: 0 },
      { key: 'rebuild', label: 'tracking rebuild events / s (start-up excluded)', text: `${r.rebuild.events} / ${r.rebuild.seconds.toFixed(1)}` },
    );
  }
  if (r.trackingReadModelBooked !== undefined) rows.push({ key: 'readModel', label: "tracking read model: booked (check)", value: r.trackingReadModelBooked, digits: 0 });
  return rows;
}

function show(row: ReportRow | undefined): string {
  if (!row) return '';
  if (row.text !== undefined) return row.text;
  if (row.value === undefined || !Number.isFinite(row.value)) return '—';
  const digits = row.digits ?? 1;
  return row.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * An aligned text table under a line saying the load: one value column per run and, with two runs,
 * the ratio last/first of each numeric row (e.g. current / old revision).
 */
export function formatReport(runs: readonly RunResult[]): string {
  const perRun = runs.map((r) => new Map(reportRows(r).map((row) => [row.key, row])));
  const keys: string[] = [];
  // The last run (the current tree) sets the order; rows only an earlier run has follow.
  for (const r of [...runs].reverse()) for (const row of reportRows(r)) if (!keys.includes(row.key)) keys.push(row.key);
  const header = ['', ...runs.map((r) => r.label), ...(runs.length === 2 ? ['ratio'] : [])];
  const lines = keys.map((key) => {
    const rows = perRun.map((m) => m.get(key));
    const label = rows.find((r) => r)?.label ?? key;
    const cells = rows.map(show);
    if (runs.length === 2) {
      const [a, b] = rows;
      const ratio = a?.value !== undefined && b?.value !== undefined && a.value !== 0 ? (b.value / a.value).toFixed(2) + '×' : '';
      cells.push(ratio);
    }
    return [label, ...cells];
  });
  const first = runs[0];
  const title = first ? `${first.shipments.posted} intakes, ${first.load}, ${first.replicas} replica${first.replicas > 1 ? 's' : ''} of each service` : '';
  const table = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...table.map((l) => (l[i] ?? '').length)));
  const render = (l: string[]) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [title, '', render(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}
