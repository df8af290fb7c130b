import { Inject, Injectable } from '@nestjs/common';
import { Awb } from '@cargo/contracts';
import { findAirport, findStation } from '@cargo/seeds';
import { computeKpis, type KpiReport } from '../domain/kpi.calculator';
import type { ShipmentView } from '../domain/shipment.projection';
import { TrackingReadStore, type BoardFlight, type ShipmentSearch } from './tracking-read.port';
import { TrackingError, TrackingErrorCodes } from './tracking.errors';

/** Use cases of the tracking API and dashboard (read side). */
@Injectable()
export class TrackingQueriesUseCase {
  constructor(@Inject(TrackingReadStore) private readonly reads: TrackingReadStore) {}

  /** @throws TrackingError TRACKING.INVALID_AWB, TRACKING.SHIPMENT_NOT_FOUND */
  async shipment(awbText: string): Promise<ShipmentView> {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new TrackingError(TrackingErrorCodes.InvalidAwb, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    const view = await this.reads.findShipment(parsed.value.toString());
    if (!view) throw new TrackingError(TrackingErrorCodes.ShipmentNotFound, `No events for AWB ${parsed.value.toString()} yet`);
    return view;
  }

  canonicalAwb(awbText: string): string {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new TrackingError(TrackingErrorCodes.InvalidAwb, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    return parsed.value.toString();
  }

  search(q: ShipmentSearch): Promise<{ items: ShipmentView[]; total: number }> {
    return this.reads.searchShipments(q);
  }

  openHolds(): Promise<ShipmentView[]> {
    return this.reads.openHolds();
  }

  board(airports: string[], from?: Date, to?: Date): Promise<BoardFlight[]> {
    return this.reads.board({ airports, from, to });
  }

  async kpis(): Promise<KpiReport> {
    const [views, flights] = await Promise.all([this.reads.allViews(), this.reads.board({ airports: ['WUH', 'EHU'], limit: 100_000 })]);
    return computeKpis(views, flights, {
      isMetroStation: (code) => findStation(code)?.metroArea ?? false,
      regionOf: (code) => findAirport(code)?.region,
    });
  }
}
