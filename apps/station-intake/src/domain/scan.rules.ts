import { HOME_HUBS, type FieldError, type HandlingCode } from '@cargo/contracts';
import { checkNotInFuture, type IntakeLimits } from './intake.rules';

/**
 * Scans a station terminal may post: at the station, and TAR, which the station's truck crew reports
 * when the truck reaches the airport (its `place` is that airport, WUH or EHU). The rest of the
 * FSU-style codes (DEP, ARR, RCF, NFD, DLV) happen at airports and destinations, reported by others.
 */
export const STATION_SCAN_CODES = ['RCS', 'FOH', 'LOT', 'TDP', 'TAR', 'DIS'] as const satisfies readonly HandlingCode[];
export type StationScanCode = (typeof STATION_SCAN_CODES)[number];

/** Scans that concern a truck and must name it. */
const TRUCK_SCAN_CODES: readonly StationScanCode[] = ['LOT', 'TDP', 'TAR'];

/** Where a shipment stands at its station: from the latest scan by `happenedAt`, or CANCELLED once the station cancelled it (final). */
export const INTAKE_STATUSES = ['RECEIVED', 'ON_HAND', 'LOADED_ON_TRUCK', 'TRUCK_DEPARTED', 'TRUCK_ARRIVED', 'DISCREPANCY', 'CANCELLED'] as const;
type IntakeStatus = (typeof INTAKE_STATUSES)[number];

const STATUS_BY_SCAN: Readonly<Record<StationScanCode, IntakeStatus>> = {
  RCS: 'RECEIVED',
  FOH: 'ON_HAND',
  LOT: 'LOADED_ON_TRUCK',
  TDP: 'TRUCK_DEPARTED',
  TAR: 'TRUCK_ARRIVED',
  DIS: 'DISCREPANCY',
};

export function statusAfterScan(code: StationScanCode): IntakeStatus {
  return STATUS_BY_SCAN[code];
}

/**
 * Whether a scan that happened at `happenedAt` moves the status, given the status was last set by
 * something that happened at `statusAt`. Scans arrive late and out of order: only a scan at least as
 * recent as the current status changes it, so a late FOH never undoes a TDP.
 */
export function scanUpdatesStatus(happenedAt: Date, statusAt: Date): boolean {
  return happenedAt.getTime() >= statusAt.getTime();
}

export interface ScanDraft {
  code: StationScanCode;
  /** TAR only: the airport the truck reached. */
  airport?: string;
  happenedAt: string;
  recordedAt: string;
  truckId?: string;
  pieces?: number;
}

export interface ScanRuleContext {
  now: Date;
  limits: Pick<IntakeLimits, 'clockSkewToleranceMs'>;
  /** The shipment as received at this station. */
  intake: { receivedAt: Date; pieces: number };
}

/**
 * Rules for a station scan of a shipment received at that station:
 * - LOT, TDP and TAR name the truck (`truckId`); TAR, and only TAR, names the airport (WUH or EHU);
 * - `pieces`, when given, is not more than the shipment has;
 * - `happenedAt` and `recordedAt` are not in the future beyond the tolerance; the scan did not happen
 *   before the shipment was received, and was not recorded before it happened (same tolerance).
 */
export function checkScanRules(scan: ScanDraft, ctx: ScanRuleContext): FieldError[] {
  const errors: FieldError[] = [];
  if (TRUCK_SCAN_CODES.includes(scan.code) && !scan.truckId) {
    errors.push({ field: 'truckId', message: `truckId is required for ${scan.code} scans (plate or fleet id of the truck)` });
  }
  if (scan.code === 'TAR' && !(HOME_HUBS as readonly string[]).includes(scan.airport ?? '')) {
    errors.push({ field: 'airport', message: `airport is required for TAR scans: the airport the truck reached (${HOME_HUBS.join(' or ')})` });
  }
  if (scan.code !== 'TAR' && scan.airport !== undefined) {
    errors.push({ field: 'airport', message: `airport is only for TAR scans (a ${scan.code} scan happens at the station)` });
  }
  if (scan.pieces !== undefined && scan.pieces > ctx.intake.pieces) {
    errors.push({ field: 'pieces', message: `pieces (${scan.pieces}) exceeds the ${ctx.intake.pieces} pieces received` });
  }
  const timeErrors = [...checkNotInFuture(scan.happenedAt, 'happenedAt', ctx), ...checkNotInFuture(scan.recordedAt, 'recordedAt', ctx)];
  errors.push(...timeErrors);
  if (timeErrors.length === 0) {
    const happened = Date.parse(scan.happenedAt);
    const tolerance = ctx.limits.clockSkewToleranceMs;
    if (happened + tolerance < ctx.intake.receivedAt.getTime()) {
      errors.push({ field: 'happenedAt', message: `happenedAt (${scan.happenedAt}) is before the shipment was received (${ctx.intake.receivedAt.toISOString()})` });
    }
    if (happened > Date.parse(scan.recordedAt) + tolerance) {
      errors.push({ field: 'recordedAt', message: `recordedAt (${scan.recordedAt}) is before happenedAt (${scan.happenedAt})` });
    }
  }
  return errors;
}
