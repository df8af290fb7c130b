import { Gauge, type Registry } from 'prom-client';
import type { KpiReport } from '../domain/kpi.calculator';

/** Names of the KPI series tracking exports (README "Operations"). */
export const TrackingKpiMetricNames = {
  AirSelfTransport: 'cargo_kpi_air_self_transport_rate',
  OnTime: 'cargo_kpi_on_time_rate',
  ExpressFlightsPerDay: 'cargo_kpi_express_flights_per_day',
  InternationalRoutes: 'cargo_kpi_international_routes',
  TransferRoutes: 'cargo_kpi_transfer_routes',
  CustomsHoldHours: 'cargo_kpi_customs_hold_hours',
  CustomsHoldsOpen: 'cargo_kpi_customs_holds_open',
  LoadFactor: 'cargo_kpi_load_factor',
} as const;

/**
 * The dashboard's KPIs as Prometheus gauges, computed at scrape time from the read model (at most
 * once per `cacheMs`; the last values are kept when the database does not answer). Aggregates
 * only: no AWB, shipper or station in any label.
 */
export class TrackingKpiMetrics {
  private report: KpiReport | undefined;
  private fetchedAt = 0;

  constructor(registry: Registry, private readonly kpis: () => Promise<KpiReport>, private readonly cacheMs = 15_000) {
    const registers = [registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, r: KpiReport) => void, refresh = false) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          if (refresh) await self.refresh();
          this.reset();
          if (self.report) fill(this, self.report);
        },
      });
    const set = (g: Gauge, value: number | null, labels: Record<string, string> = {}) => {
      if (value !== null && Number.isFinite(value)) g.set(labels, value);
    };
    gauge(TrackingKpiMetricNames.AirSelfTransport, 'Share of the metro area export shipments flown from Wuhan (target 0.9).', [], (g, r) => set(g, r.airSelfTransport.value), true);
    gauge(TrackingKpiMetricNames.OnTime, 'Share of shipments delivered within their service level, by service level.', ['service_level'], (g, r) => {
      for (const entry of r.onTime) set(g, entry.value, { service_level: entry.serviceLevel });
    });
    gauge(TrackingKpiMetricNames.ExpressFlightsPerDay, 'Express-line flights per day (Shanghai target 20, Hong Kong 5-6).', ['line'], (g, r) => {
      set(g, r.expressLines.shanghaiPerDay, { line: 'shanghai' });
      set(g, r.expressLines.hongKongPerDay, { line: 'hong_kong' });
    });
    gauge(TrackingKpiMetricNames.InternationalRoutes, 'International routes flown from Wuhan (target 20).', [], (g, r) => set(g, r.internationalRoutes.count));
    gauge(TrackingKpiMetricNames.TransferRoutes, 'International air-to-air transfer routes (target 25).', [], (g, r) => set(g, r.transferRoutes.count));
    gauge(TrackingKpiMetricNames.CustomsHoldHours, 'Hours shipments spent on customs hold: median (quantile 0.5) and 90th percentile.', ['quantile'], (g, r) => {
      set(g, r.customsHoldHours.medianHours, { quantile: '0.5' });
      set(g, r.customsHoldHours.p90Hours, { quantile: '0.9' });
    });
    gauge(TrackingKpiMetricNames.CustomsHoldsOpen, 'Customs holds not yet released.', [], (g, r) => set(g, r.customsHoldHours.open));
    gauge(TrackingKpiMetricNames.LoadFactor, 'Load factor of departed flights (booked / capacity), by airport.', ['airport'], (g, r) => {
      for (const entry of r.loadFactors.byAirport) set(g, entry.value, { airport: entry.key });
    });
  }

  private async refresh(): Promise<void> {
    if (this.report && Date.now() - this.fetchedAt < this.cacheMs) return;
    try {
      this.report = await this.kpis();
      this.fetchedAt = Date.now();
    } catch {
      // Database unreachable: keep the last values.
    }
  }
}
