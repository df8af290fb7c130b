import type { FlightFacts } from '../domain/kpi.calculator';
import type { ShipmentView } from '../domain/shipment.projection';

export interface ShipmentSearch {
  station?: string;
  status?: string;
  airport?: string;
  /** Local (Asia/Shanghai) date of receipt, `YYYY-MM-DD`. */
  date?: string;
  flag?: string;
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

/** The read side of the read model, as the query use cases need it. */
export interface TrackingReadStore {
  findShipment(awb: string): Promise<ShipmentView | null>;
  searchShipments(q: ShipmentSearch): Promise<{ items: ShipmentView[]; total: number }>;
  openHolds(limit?: number): Promise<ShipmentView[]>;
  allViews(): Promise<ShipmentView[]>;
  board(opts: { airports: string[]; from?: Date; to?: Date; limit?: number }): Promise<BoardFlight[]>;
}
