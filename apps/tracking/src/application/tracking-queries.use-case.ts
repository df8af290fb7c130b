import { Inject, Injectable, Optional } from '@nestjs/common';
import { Awb, hubDayStart, hubLocalDate } from '@cargo/contracts';
import { findAirport, findStation } from '@cargo/seeds';
import { Clock, systemClock } from '@cargo/service-runtime';
import { fsuStatusMessagesOf, type FsuPlaces, type FsuStatusMessage } from '../domain/fsu-status.builder';
import { computeKpis, type KpiReport } from '../domain/kpi.calculator';
import { dailyKpiRowOf, type DailyKpiRow } from '../domain/kpi-trend.model';
import { FSU_PLACES, seedFsuPlaces } from './fsu-places.factory';
import { withReadTimeFlags, type ShipmentView } from '../domain/shipment.projection';
import { TrackingReadStore, type BoardFlight, type ShipmentSearch } from './tracking-read.port';
import { TrackingError, TrackingErrorCodes } from './tracking.errors';

const DAY_MS = 86_400_000;

/**
 * Use cases of the tracking API and dashboard (read side). Every view it returns is as of the shared
 * clock's now: flags that depend on the time (NOT_ARRIVED_BY_ETA) are added when read, never stored.
 */
@Injectable()
export class TrackingQueriesUseCase {
  constructor(
    @Inject(TrackingReadStore) private readonly reads: TrackingReadStore,
    // The shared clock; only the rebuild's context (which answers no queries) runs without one.
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
    @Optional() @Inject(FSU_PLACES) private readonly places: FsuPlaces = seedFsuPlaces(),
  ) {}

  /** A stored (or just projected) view as of now on the shared clock. */
  current(view: ShipmentView): ShipmentView {
    return withReadTimeFlags(view, this.clock.now());
  }

  /** @throws TrackingError TRACKING.INVALID_AWB, TRACKING.SHIPMENT_NOT_FOUND */
  async shipment(awbText: string): Promise<ShipmentView> {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new TrackingError(TrackingErrorCodes.InvalidAwb, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    const view = await this.reads.findShipment(parsed.value.toString());
    if (!view) throw new TrackingError(TrackingErrorCodes.ShipmentNotFound, `No events for AWB ${parsed.value.toString()} yet`);
    return this.current(view);
  }

  /**
   * Every status of the shipment as an FSU/15 message, in timeline order (the same messages
   * `cargo.status.v1` carries). The caller decides who may see them.
   */
  async fsuMessages(view: ShipmentView): Promise<FsuStatusMessage[]> {
    return fsuStatusMessagesOf(view.awb, await this.reads.timelineEvents(view.awb), this.places);
  }

  canonicalAwb(awbText: string): string {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new TrackingError(TrackingErrorCodes.InvalidAwb, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    return parsed.value.toString();
  }

  async search(q: ShipmentSearch): Promise<{ items: ShipmentView[]; total: number }> {
    const now = this.clock.now();
    const found = await this.reads.searchShipments({ ...q, now });
    return { items: found.items.map((view) => withReadTimeFlags(view, now)), total: found.total };
  }

  async openHolds(): Promise<ShipmentView[]> {
    return (await this.reads.openHolds()).map((view) => this.current(view));
  }

  board(airports: string[], from?: Date, to?: Date): Promise<BoardFlight[]> {
    return this.reads.board({ airports, from, to });
  }

  async kpis(): Promise<KpiReport> {
    return this.kpisAsOf(await this.kpiFacts(), this.clock.now());
  }

  /**
   * The KPI tiles of each hub-local day from `from` to `to` (inclusive), each as `computeKpis` gives
   * them at that day's end — at now for today; days not begun yet are left out.
   */
  async kpisByDay(from: string, to: string): Promise<DailyKpiRow[]> {
    const now = this.clock.now().getTime();
    const facts = await this.kpiFacts();
    const rows: DailyKpiRow[] = [];
    for (let day = from; day <= to && hubDayStart(day).getTime() <= now; day = hubLocalDate(hubDayStart(day).getTime() + DAY_MS)) {
      rows.push(dailyKpiRowOf(day, this.kpisAsOf(facts, new Date(Math.min(hubDayStart(day).getTime() + DAY_MS, now)))));
    }
    return rows;
  }

  /** What the KPIs are computed from: every view and every departure of WUH/EHU. */
  private async kpiFacts(): Promise<{ views: ShipmentView[]; flights: BoardFlight[] }> {
    const [views, flights] = await Promise.all([this.reads.allViews(), this.reads.board({ airports: ['WUH', 'EHU'], limit: 100_000 })]);
    return { views, flights };
  }

  private kpisAsOf(facts: { views: ShipmentView[]; flights: BoardFlight[] }, asOf: Date): KpiReport {
    return computeKpis(
      facts.views,
      facts.flights,
      {
        isMetroStation: (code) => findStation(code)?.metroArea ?? false,
        regionOf: (code) => findAirport(code)?.region,
      },
      asOf,
    );
  }
}
