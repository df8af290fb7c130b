import { hubDayStart, hubLocalDate } from '@cargo/contracts';
import { formatTextTable, type TextCell, type TextColumn } from '@cargo/service-runtime';

/**
 * The simulator's closing summary: where the day's shipments ended, the open exceptions by reason
 * and the hub's KPIs against their targets (✔ met, ✘ not), as aligned tables (not a JSON dump).
 * Pure: the caller fetches the numbers (tracking's search totals and KPIs, flight assignment's open
 * exceptions).
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
  expressLines: { shanghaiPerDay: number | null; hongKongPerDay: number | null; completedDays?: number; targets?: { shanghai: number; hongKong: { min: number; max: number } } };
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

/** ✔ when the value reaches the target, ✘ when not; nothing without a value or a target. */
export const MET = '✔';
export const NOT_MET = '✘';
const mark = (value: number | null, target: number | undefined) => (value === null || target === undefined ? '' : value >= target ? MET : NOT_MET);

/** `2026-11-26 06:00` in the hub's local time (UTC+8). */
export function hubLocalClock(at: Date): string {
  const date = hubLocalDate(at);
  const minutes = Math.floor((at.getTime() - hubDayStart(date).getTime()) / 60_000);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const SHIPMENT_COLUMNS: TextColumn[] = [{ header: 'Shipments' }, { header: 'count', align: 'right' }, { header: 'statuses' }];

function shipmentTable(c: Readonly<Record<string, number>>): string[] {
  const total = Object.values(c).reduce((sum, n) => sum + n, 0);
  const rows: TextCell[][] = [
    ['delivered', count(c, 'DLV'), 'DLV'],
    ['arrived, not yet delivered', count(c, 'ARR', 'RCF', 'NFD'), 'ARR RCF NFD'],
    ['in transit (departed, with an ETA)', count(c, 'DEP'), 'DEP'],
    ['booked or manifested, not departed', count(c, 'BKD', 'MAN'), 'BKD MAN'],
    ['cleared, no flight yet', count(c, 'CCD'), 'CCD (wait-listed, being planned, or an exception)'],
    ['held by customs or security', count(c, 'TGC'), 'TGC'],
    ['received, not yet cleared', count(c, 'RCS', 'FOH'), 'RCS FOH'],
    ['total tracked', total, ''],
  ];
  return formatTextTable(SHIPMENT_COLUMNS, rows, '  ');
}

/** Open exceptions by reason, most frequent first. */
function exceptionTable(exceptions: DaySummaryInput['exceptions']): string[] {
  if (exceptions.length === 0) return ['  Open exceptions: none'];
  const counts = new Map<string, number>();
  for (const e of exceptions) counts.set(e.reason.code, (counts.get(e.reason.code) ?? 0) + 1);
  const rows: TextCell[][] = [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return formatTextTable([{ header: 'Open exceptions (ops must resolve)' }, { header: 'count', align: 'right' }], [...rows, ['total', exceptions.length]], '  ');
}

const KPI_COLUMNS: TextColumn[] = [{ header: 'KPI' }, { header: 'value', align: 'right' }, { header: 'target', align: 'right' }, { header: 'met' }, { header: 'detail' }];

function kpiRows(k: KpiFigures): TextCell[][] {
  const a = k.airSelfTransport;
  const b = a.breakdown;
  const days = k.expressLines.completedDays === undefined ? '' : `over ${k.expressLines.completedDays} completed day(s)`;
  const targets = k.expressLines.targets;
  const holds = k.customsHoldHours;
  return [
    ['Air self-transport rate', pct(a.value), `≥ ${pct(a.target)}`, mark(a.value, a.target), `${a.numerator} of ${a.denominator} metro-area shipments flown${b ? `; road-fed ${b.roadFed}, wait-listed ${b.waitlisted}, exceptions ${b.exceptions}, not decided ${b.undecided}` : ''}`],
    ...k.onTime.map((o): TextCell[] => [
      `On time ${o.serviceLevel}`,
      pct(o.value),
      '—',
      '',
      `${o.numerator} of ${o.denominator} due delivered by the promise${o.lateDelivered === undefined ? '' : `; late ${o.lateDelivered}, past promise ${o.lateNotDelivered ?? 0}; ${o.notYetDue ?? 0} not yet due`}`,
    ]),
    ['Wuhan–Shanghai flights per day', perDay(k.expressLines.shanghaiPerDay), targets ? `≥ ${targets.shanghai}` : '—', mark(k.expressLines.shanghaiPerDay, targets?.shanghai), days],
    ['Wuhan–Hong Kong flights per day', perDay(k.expressLines.hongKongPerDay), targets ? `${targets.hongKong.min}–${targets.hongKong.max}` : '—', mark(k.expressLines.hongKongPerDay, targets?.hongKong.min), days],
    ['International routes', k.internationalRoutes.count, `≥ ${k.internationalRoutes.target}`, mark(k.internationalRoutes.count, k.internationalRoutes.target), ''],
    ['Transfer routes', k.transferRoutes.count, `≥ ${k.transferRoutes.target}`, mark(k.transferRoutes.count, k.transferRoutes.target), ''],
    ['Customs hold time, median', hours(holds.medianHours), '—', '', `p90 ${hours(holds.p90Hours)} over ${holds.count} released hold(s); ${holds.open} still open`],
    ...k.loadFactors.byAirport.map((g): TextCell[] => [`Load factor ${g.key}`, pct(g.value), '—', '', `${g.numerator} of ${g.denominator} kg`]),
  ];
}

/** The summary as lines to print. */
export function formatDaySummary(input: DaySummaryInput): string[] {
  return [
    `Day summary at ${hubLocalClock(input.at)} hub-local time (${input.at.toISOString()})`,
    '',
    ...shipmentTable(input.statusCounts),
    '',
    ...exceptionTable(input.exceptions),
    '',
    ...(input.kpis ? [`  KPIs as of ${input.kpis.asOf ?? input.at.toISOString()} (targets: the 2027 work plan; ${MET} met, ${NOT_MET} not yet)`, ...formatTextTable(KPI_COLUMNS, kpiRows(input.kpis), '  ')] : ['  KPIs unavailable (tracking did not answer)']),
  ];
}
