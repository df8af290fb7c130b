import type { FlightFacts } from '../domain/kpi.calculator';
import type { ShipmentView } from '../domain/shipment.projection';
import type { TrackedEvent } from '../domain/tracked-event.model';

export interface ShipmentSearch {
  station?: string;
  status?: string;
  airport?: string;
  /** Local (Asia/Shanghai) date of receipt, `YYYY-MM-DD`. */
  date?: string;
  flag?: string;
  /** A flight number (booked on it or departed on it) or a flight id (booked on that departure). */
  flight?: string;
  /** The shared clock's now: NOT_ARRIVED_BY_ETA is a matter of time, matched against it (default: the database's now). */
  now?: Date;
  page: number;
  pageSize: number;
}

/** A flight on the departures board. */
export interface BoardFlight extends FlightFacts {
  aircraftType: string | null;
  /** Shipments booked on it now (from assignments), and their chargeable weight. */
  bookedShipments: number;
  bookedKg: number;
  manifestShipments: number | null;
  loadFactor: number | null;
  closedAt: string | null;
}

/** Which departures `board` returns. */
export interface BoardQuery {
  airports: string[];
  /** Departure at or after. */
  from?: Date;
  /** Departure before. */
  to?: Date;
  limit?: number;
  /** Only these flights. */
  flightIds?: string[];
  /** Only flights whose number or id starts with this (case-insensitive). */
  flightPrefix?: string;
  /** Latest departure first (default: earliest first). */
  latestFirst?: boolean;
}

/**
 * The read side of the read model, as the query use cases need it. An abstract class, so it doubles
 * as the Nest injection token; the TypeORM adapter lives in infrastructure/.
 *
 * Invariants: reads take no locks and see only committed projections; a shipment is "known" once at
 * least one event of it was filed (before that it is not found and not listed).
 */
export abstract class TrackingReadStore {
  /** The view of a canonical AWB, or null when no event of it was filed yet. */
  abstract findShipment(awb: string): Promise<ShipmentView | null>;
  /** Every event filed under a canonical AWB (the facts its statuses are written from), in no particular order. */
  abstract timelineEvents(awb: string): Promise<TrackedEvent[]>;
  /** One page of the shipments matching every given filter, newest activity first, and the total count. */
  abstract searchShipments(q: ShipmentSearch): Promise<{ items: ShipmentView[]; total: number }>;
  /** Shipments currently held (customs or security), longest-held first. */
  abstract openHolds(limit?: number): Promise<ShipmentView[]>;
  /** Every known shipment's view (the KPIs are computed from these alone). */
  abstract allViews(): Promise<ShipmentView[]>;
  /** Departures from `airports` (departure in `[from, to)` when given), earliest first, with bookings and the latest manifest. */
  abstract board(opts: BoardQuery): Promise<BoardFlight[]>;
}
