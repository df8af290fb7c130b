/**
 * Handling scan codes, in the style of IATA Cargo-IMP FSU status codes (DOMAIN.md, "Words"). Three
 * of them (LOT, TDP, TAR) are local extensions for the station-to-airport truck leg, which FSU does
 * not describe because in Wuhan's model that leg happens before the airline takes the cargo.
 */
export const HandlingCode = {
  /** Received from shipper at the station. */
  RCS: 'RCS',
  /** Freight on hand (in the station's or hub's warehouse). */
  FOH: 'FOH',
  /** Loaded on truck at the station, for the airport (local extension). */
  LOT: 'LOT',
  /** Truck departed from the station for the airport (local extension). */
  TDP: 'TDP',
  /** Truck arrived at the airport (WUH or EHU) (local extension). */
  TAR: 'TAR',
  /** Departed on the flight. */
  DEP: 'DEP',
  /** Arrived on the flight. */
  ARR: 'ARR',
  /** Received from flight at destination or transfer hub. */
  RCF: 'RCF',
  /** Consignee notified for delivery. */
  NFD: 'NFD',
  /** Delivered to consignee. */
  DLV: 'DLV',
  /** Discrepancy (missing, damaged or surplus pieces); details in remarks. */
  DIS: 'DIS',
} as const;
export type HandlingCode = (typeof HandlingCode)[keyof typeof HandlingCode];
export const HANDLING_CODES: readonly HandlingCode[] = Object.values(HandlingCode);

/**
 * Who vouches for a handling scan (payload `source`, schema version 2 of `HandlingScanned`):
 * - `STATION`: a station terminal (RCS, FOH, LOT, TDP, TAR, DIS);
 * - `AIRLINE`: the operating airline, through flight-assignment's airline status API (DEP, ARR, RCF,
 *   NFD, DLV, and a transfer's DEP/ARR at the transfer hub);
 * - `ASSUMED`: the hub, because the airline stayed silent: flight-assignment reports a closed
 *   flight's DEP at its scheduled time when no DEP came `AIRLINE_SILENCE_MINUTES` after it.
 * Absent on scans recorded before schema version 2.
 */
export const ScanSource = { STATION: 'STATION', AIRLINE: 'AIRLINE', ASSUMED: 'ASSUMED' } as const;
export type ScanSource = (typeof ScanSource)[keyof typeof ScanSource];
export const SCAN_SOURCES: readonly ScanSource[] = Object.values(ScanSource);

/** A station code (`OVS`) or an airport IATA code (`WUH`): 3 to 6 upper-case letters or digits, starting with a letter. */
export const PLACE_CODE_PATTERN = /^[A-Z][A-Z0-9]{2,5}$/;
/** Station code: same shape as a place code; stations never reuse an airport code of the seeds. */
export const STATION_CODE_PATTERN = PLACE_CODE_PATTERN;
