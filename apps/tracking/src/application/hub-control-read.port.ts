import type { BookedShipmentFacts } from '../domain/hub-control.model';
import type { ShipmentView } from '../domain/shipment.projection';

/** An AWB found by the control view's search. */
export interface AwbMatch {
  awb: string;
  status: string | null;
  flightId: string | null;
  station: string | null;
}

/**
 * Reads of the operator views beyond the departures board (which `TrackingReadStore.board` gives):
 * the shipments booked on flights with their volume and truck scans, the shipments that may be
 * exceptions, and the search. An abstract class, so it doubles as the Nest injection token.
 *
 * Invariants: reads only, no locks; like every read of the read model, a shipment is known once an
 * event of it was filed.
 */
export abstract class HubControlReadStore {
  /** The shipments booked now on any of `flightIds`, with their intake volume and station truck scans (LOT, TDP, TAR). */
  abstract bookedShipments(flightIds: readonly string[]): Promise<BookedShipmentFacts[]>;
  /**
   * Views (without personal data) of the shipments that may be an operator exception at `now`: held,
   * flagged at risk / exception / pieces short / truck late, wait-listed without a booking, or whose
   * truck is due by `now`. Delivered and cancelled ones are left out.
   */
  abstract exceptionCandidates(now: Date): Promise<ShipmentView[]>;
  /** AWBs starting with `prefix` (canonical form `PPP-SSSSSSSC`), in AWB order. */
  abstract awbsStartingWith(prefix: string, limit: number): Promise<AwbMatch[]>;
  /** Shipments received in `[from, to)` per station code. */
  abstract receivedPerStation(from: Date, to: Date): Promise<Map<string, number>>;
}
