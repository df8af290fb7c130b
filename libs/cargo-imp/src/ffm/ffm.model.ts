import type { ImpDate, ImpFlight, ImpQuantity, ImpVolume, ImpWeight } from '../common/imp-values.model';

/**
 * The flight line of an FFM (after the message sequence number): which flight, its scheduled
 * departure date at the point of loading, the point of loading and the aircraft registration.
 */
export interface FfmFlight {
  flight: ImpFlight;
  /** Scheduled departure date, local at the point of loading; `time` (hhmm) is optional. */
  date: ImpDate & { time?: string };
  /** Airport of loading (a3). */
  pointOfLoading: string;
  /** Aircraft registration (t[...10]), e.g. `B-LRA`; the aircraft *type* does not go here. */
  aircraftRegistration?: string;
}

/**
 * One consignment detail line (and its special-handling line): AWB, origin and destination of the
 * waybill, what of it is on this flight, and the manifest description of goods.
 *
 * Invariants: `quantity.weight` is given; `quantity.totalPieces` exactly when the code is not `T`;
 * `goodsDescription` is 1..15 Cargo-IMP text characters; 0..9 special handling codes of 3 letters.
 * Dangerous goods appear only as special handling codes (RLI, ELI, RMD, CAO…); their detail belongs
 * in the NOTOC, not in the FFM.
 */
export interface FfmConsignment {
  /** `PPP-SSSSSSSS` with a valid check digit. */
  awb: string;
  origin: string;
  destination: string;
  quantity: ImpQuantity & { weight: ImpWeight };
  volume?: ImpVolume;
  densityGroup?: number;
  goodsDescription: string;
  specialHandlingCodes: string[];
}

/** A ULD built up with cargo: its identification and the consignments (or parts) in it. */
export interface FfmUld {
  /** ULD type code, e.g. `PMC`, `AKE` (a m m). */
  type: string;
  /** Serial number: 4 or 5 characters, the first a letter or digit, the rest digits. */
  serialNumber: string;
  /** Owner (carrier) code, 2 letters/digits. */
  ownerCode: string;
  /** ULD loading indicator (one letter), when given. */
  loadingIndicator?: string;
  /** ULD remarks (t[...14]). */
  remarks?: string;
  consignments: FfmConsignment[];
}

/**
 * A point of unloading and what is loaded for it: loose (bulk) consignments first, then ULDs.
 * Invariant: `nil` ⇔ nothing is loaded for it.
 */
export interface FfmPointOfUnloading {
  airport: string;
  nil: boolean;
  bulk: FfmConsignment[];
  ulds: FfmUld[];
}

/** A flight manifest: the flight and every point of unloading, whatever number of messages it takes. */
export interface FfmManifest {
  flight: FfmFlight;
  pointsOfUnloading: FfmPointOfUnloading[];
}

/**
 * One FFM/8 message as parsed: a manifest (or the part of it this message carries), its message
 * sequence number, and whether more follows (`CONT`) or it is the last (`LAST`).
 */
export interface FfmMessage extends FfmManifest {
  sequenceNumber: number;
  end: 'CONT' | 'LAST';
}
