import type { MonthCode, ShipmentDescriptionCode, VolumeCode, WeightCode } from './imp-elements.constants';

/** A Cargo-IMP date: day and month, no year (local date at the place the line is about). */
export interface ImpDate {
  day: number;
  month: MonthCode;
}

/** A Cargo-IMP date with a local time `hhmm`. */
export interface ImpDateTime extends ImpDate {
  time: string;
}

/**
 * A flight as Cargo-IMP names it: carrier code (2 letters/digits) and flight number (3 or 4 digits,
 * optionally one operational suffix letter), e.g. `CX` + `953`, `O3` + `6921`.
 */
export interface ImpFlight {
  carrier: string;
  number: string;
}

export interface ImpWeight {
  code: WeightCode;
  /** At most one decimal; written with up to 7 characters. */
  value: number;
}

export interface ImpVolume {
  code: VolumeCode;
  /** At most two decimals; written with up to 9 characters. */
  value: number;
}

/**
 * Pieces (and weight) a line is about. `totalPieces` is the whole consignment's and is given exactly
 * when `code` is not `T` (a part, split or divided consignment).
 */
export interface ImpQuantity {
  code: ShipmentDescriptionCode;
  pieces: number;
  weight?: ImpWeight;
  totalPieces?: number;
}
