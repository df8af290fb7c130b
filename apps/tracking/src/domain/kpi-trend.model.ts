import type { KpiReport } from './kpi.calculator';

/**
 * The KPI tiles of one hub-local day, flattened from the report `computeKpis` gave as of that day's
 * end (as of now for today): one row per day, so a trend is a list and exports as CSV. Ratios are
 * 0..1, null when there was nothing to measure.
 */
export interface DailyKpiRow {
  date: string;
  asOf: string;
  airSelfTransportRate: number | null;
  airSelfTransportNumerator: number;
  airSelfTransportDenominator: number;
  onTimeD1: number | null;
  onTimeD2: number | null;
  onTimeD3: number | null;
  /** That day's express-line flights; null while the day is not over (today). */
  shanghaiFlights: number | null;
  hongKongFlights: number | null;
  internationalRoutes: number;
  transferRoutes: number;
  customsHoldMedianHours: number | null;
  customsHoldP90Hours: number | null;
  customsHoldsOpen: number;
  loadFactorWUH: number | null;
  loadFactorEHU: number | null;
  loadFactorBelly: number | null;
  loadFactorFreighter: number | null;
}

/** The day's row of tiles from the report as of its end. */
export function dailyKpiRowOf(date: string, report: KpiReport): DailyKpiRow {
  const onTime = (level: string) => report.onTime.find((o) => o.serviceLevel === level)?.value ?? null;
  const express = report.expressLines.days.find((d) => d.date === date);
  const load = (groups: KpiReport['loadFactors']['byAirport'], key: string) => groups.find((g) => g.key === key)?.value ?? null;
  return {
    date,
    asOf: report.asOf,
    airSelfTransportRate: report.airSelfTransport.value,
    airSelfTransportNumerator: report.airSelfTransport.numerator,
    airSelfTransportDenominator: report.airSelfTransport.denominator,
    onTimeD1: onTime('D1'),
    onTimeD2: onTime('D2'),
    onTimeD3: onTime('D3'),
    shanghaiFlights: express?.shanghai ?? null,
    hongKongFlights: express?.hongKong ?? null,
    internationalRoutes: report.internationalRoutes.count,
    transferRoutes: report.transferRoutes.count,
    customsHoldMedianHours: report.customsHoldHours.medianHours,
    customsHoldP90Hours: report.customsHoldHours.p90Hours,
    customsHoldsOpen: report.customsHoldHours.open,
    loadFactorWUH: load(report.loadFactors.byAirport, 'WUH'),
    loadFactorEHU: load(report.loadFactors.byAirport, 'EHU'),
    loadFactorBelly: load(report.loadFactors.byAircraftKind, 'BELLY'),
    loadFactorFreighter: load(report.loadFactors.byAircraftKind, 'FREIGHTER'),
  };
}
