import type { ImpDate, ImpDateTime, ImpFlight, ImpQuantity } from '../common/imp-values.model';

/**
 * The status codes this library writes and reads in FSU/15, one per step of a shipment's timeline:
 * RCS received from shipper, FOH freight on hand, BKD booked, MAN manifested, DEP departed,
 * ARR arrived, RCF received from flight, NFD consignee notified, DLV delivered, DIS discrepancy.
 */
export const FSU_STATUS_CODES = ['RCS', 'FOH', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV', 'DIS'] as const;
export type FsuStatusCode = (typeof FSU_STATUS_CODES)[number];

/** Statuses about a flight between two airports (flight, flight date, departure and arrival airport). */
export const FSU_MOVEMENT_CODES = ['BKD', 'MAN', 'DEP'] as const;
/** Statuses at the arrival airport of a flight (flight, day and time, airport). */
export const FSU_ARRIVAL_CODES = ['ARR', 'RCF'] as const;
/** Statuses at an airport without a flight (day and time, airport, optional name). */
export const FSU_HANDLING_CODES = ['RCS', 'FOH', 'NFD', 'DLV'] as const;

/**
 * Discrepancy codes of a DIS status: FDAW found air waybill, FDCA found cargo, MSAW missing air
 * waybill, MSCA missing cargo, OFLD offloaded, OVCD overcarried, SSPD shortshipped, DFLD definitely
 * loaded.
 */
export const DISCREPANCY_CODES = ['FDAW', 'FDCA', 'MSAW', 'MSCA', 'OFLD', 'OVCD', 'SSPD', 'DFLD'] as const;
export type DiscrepancyCode = (typeof DISCREPANCY_CODES)[number];

/** Type of a time: S scheduled, E estimated, A actual. */
export const TIME_INDICATORS = ['S', 'E', 'A'] as const;
export interface FsuTime {
  indicator: (typeof TIME_INDICATORS)[number];
  /** hhmm, local. */
  time: string;
}

/** BKD / MAN / DEP: `DEP/CX953/01DEC/WUHHKG/T12K486.5[/A1035[/S1240]]`. */
export interface FsuMovementStatus {
  code: (typeof FSU_MOVEMENT_CODES)[number];
  flight: ImpFlight;
  /** The flight's date (scheduled departure, local at the airport of departure). */
  date: ImpDate;
  departureAirport: string;
  arrivalAirport: string;
  quantity: ImpQuantity;
  /** Departure time (local at the airport of departure). */
  departureTime?: FsuTime;
  /** Arrival time (local at the airport of arrival); only with a departure time. */
  arrivalTime?: FsuTime;
}

/** ARR / RCF: `RCF/CX953/01DEC1240/HKG/T12K486.5`; the day (and time) is when it happened, local at the airport. */
export interface FsuArrivalStatus {
  code: (typeof FSU_ARRIVAL_CODES)[number];
  flight: ImpFlight;
  date: ImpDate & { time?: string };
  airport: string;
  quantity: ImpQuantity;
}

/** RCS / FOH / NFD / DLV: `DLV/03DEC1015/FRA/T12K486.5[/NAME]`. */
export interface FsuHandlingStatus {
  code: (typeof FSU_HANDLING_CODES)[number];
  date: ImpDateTime;
  airport: string;
  quantity: ImpQuantity;
  /** The party received from, notified or delivered to (t[...35]). */
  name?: string;
}

/** DIS: `DIS/CX953/01DEC1240/HKG/MSCA/P2K80T12`; the flight may be left empty (`DIS//…`). */
export interface FsuDiscrepancyStatus {
  code: 'DIS';
  flight?: ImpFlight;
  date: ImpDate & { time?: string };
  airport: string;
  discrepancyCode: DiscrepancyCode;
  quantity: ImpQuantity;
}

export type FsuStatus = FsuMovementStatus | FsuArrivalStatus | FsuHandlingStatus | FsuDiscrepancyStatus;

/**
 * An FSU/15 status update: the consignment (AWB, its origin and destination, its pieces and weight)
 * and the status detail(s).
 *
 * Invariants: at least one status; `osi` has 0..2 lines of free text (t[...65]).
 */
export interface FsuMessage {
  awb: string;
  origin: string;
  destination: string;
  quantity: ImpQuantity;
  statuses: FsuStatus[];
  /** Other service information, e.g. what a discrepancy is about. */
  osi?: string[];
}
