/**
 * The simulator's closing summary: where the day's shipments ended and the hub's KPIs, as readable
 * lines (not a JSON dump). Pure: the caller fetches the numbers (tracking's search totals and KPIs,
 * flight assignment's open exceptions).
 */

interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

/** The part of tracking's `GET /v1/kpis` the summary reads. */
export interface KpiFigures {
  asOf?: string;
  airSelfTransport: Ratio & { target: number; breakdown?: { flown: number; roadFed: number; waitlisted: number; exceptions: number; undecided: number } };
  onTime: Array<Ratio & { serviceLevel: string; lateDelivered?: number; lateNotDelivered?: number; notYetDue?: number }>;
  expressLines: { shanghaiPerDay: number | null; hongKongPerDay: number | null; completedDays?: number };
  internationalRoutes: { count: number; target: number };
  transferRoutes: { count: number; target: number };
  customsHoldHours: { count: number; medianHours: number | null; p90Hours: number | null; open: number };
  loadFactors: { byAirport: Array<{ key: string } & Ratio> };
}

export interface DaySummaryInput {
  /** The shared clock's time at the end of the run. */
  at: Date;
  /** How many shipments tracking shows in each status (RCS, FOH, TGC, CCD, BKD, MAN, DEP, ARR, RCF, NFD, DLV). */
  statusCounts: Readonly<Record<string, number>>;
  /** Flight assignment's open exceptions (nothing can carry them; ops must resolve them). */
  exceptions: ReadonlyArray<{ awb: string; reason: { code: string } }>;
  /** Undefined when tracking did not answer. */
  kpis?: KpiFigures;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const hours = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} h`);
const perDay = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const count = (counts: Readonly<Record<string, number>>, ...statuses: string[]) => statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);

/** Open exceptions by reason, most frequent first: `CAO_NO_FREIGHTER 3, NO_COLD_CHAIN 1`. */
function byReason(exceptions: DaySummaryInput['exceptions']): string {
  const counts = new Map<string, number>();
  for (const e of exceptions) counts.set(e.reason.code, (counts.get(e.reason.code) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([code, n]) => `${code} ${n}`).join(', ');
}

function shipmentLines(input: DaySummaryInput): string[] {
  const c = input.statusCounts;
  const total = Object.values(c).reduce((sum, n) => sum + n, 0);
  const rows: Array<[string, number, string?]> = [
    ['delivered (DLV)', count(c, 'DLV')],
    ['arrived, not yet delivered', count(c, 'ARR', 'RCF', 'NFD'), 'ARR / RCF / NFD'],
    ['in transit (departed, with an ETA)', count(c, 'DEP')],
    ['booked or manifested, not yet departed', count(c, 'BKD', 'MAN')],
    ['cleared, no flight yet', count(c, 'CCD'), 'wait-listed, being planned, or an exception'],
    ['held by customs or security', count(c, 'TGC')],
    ['received, not yet cleared', count(c, 'RCS', 'FOH')],
    ['open exceptions (ops must resolve)', input.exceptions.length, byReason(input.exceptions) || undefined],
  ];
  return [
    `Shipments tracked: ${total}`,
    ...rows.map(([label, n, note]) => `  ${label.padEnd(42)}${String(n).padStart(6)}${note ? `   ${note}` : ''}`),
  ];
}

function onTimeLine(o: KpiFigures['onTime'][number]): string {
  const detail = o.lateDelivered === undefined ? '' : `; delivered late ${o.lateDelivered}, past promise not delivered ${o.lateNotDelivered ?? 0}; ${o.notYetDue ?? 0} not yet due`;
  return `  On time ${o.serviceLevel.padEnd(27)}${pct(o.value).padStart(8)}   ${o.numerator} of ${o.denominator} due delivered by the promise${detail}`;
}

function kpiLines(k: KpiFigures): string[] {
  const a = k.airSelfTransport;
  const b = a.breakdown;
  const plans = b ? `; road-fed ${b.roadFed}, wait-listed ${b.waitlisted}, exceptions ${b.exceptions}, not decided ${b.undecided}` : '';
  const days = k.expressLines.completedDays === undefined ? '' : ` over ${k.expressLines.completedDays} completed day(s)`;
  const holds = k.customsHoldHours;
  return [
    `KPIs${k.asOf ? ` as of ${k.asOf}` : ''}:`,
    `  ${'Air self-transport rate'.padEnd(35)}${pct(a.value).padStart(8)}   ${a.numerator} of ${a.denominator} metro-area shipments flown${plans}; target ${pct(a.target)}`,
    ...k.onTime.map(onTimeLine),
    `  ${'Wuhan–Shanghai flights per day'.padEnd(35)}${perDay(k.expressLines.shanghaiPerDay).padStart(8)}   target ~20${days}`,
    `  ${'Wuhan–Hong Kong flights per day'.padEnd(35)}${perDay(k.expressLines.hongKongPerDay).padStart(8)}   target 5–6${days}`,
    `  ${'International routes'.padEnd(35)}${String(k.internationalRoutes.count).padStart(8)}   target ${k.internationalRoutes.target}+`,
    `  ${'Transfer routes'.padEnd(35)}${String(k.transferRoutes.count).padStart(8)}   target ${k.transferRoutes.target}+`,
    `  ${'Customs hold time (median / p90)'.padEnd(35)}${`${hours(holds.medianHours)} / ${hours(holds.p90Hours)}`.padStart(8)}   over ${holds.count} released hold(s); ${holds.open} still open`,
    `  ${'Load factor by airport'.padEnd(35)}${' '.repeat(8)}   ${k.loadFactors.byAirport.map((g) => `${g.key} ${pct(g.value)}`).join(', ') || '—'}`,
  ];
}

/** The summary as lines to print. */
export function formatDaySummary(input: DaySummaryInput): string[] {
  return [
    `Day summary at ${input.at.toISOString()}`,
    ...shipmentLines(input),
    ...(input.kpis ? kpiLines(input.kpis) : ['KPIs unavailable (tracking did not answer)']),
  ];
}
