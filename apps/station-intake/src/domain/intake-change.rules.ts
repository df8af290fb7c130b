import { StationIntakeError, StationIntakeErrorCodes } from './station-intake.error';

/** Pieces, gross weight and volume: what a station may correct. */
export interface MeasuredQuantities {
  pieces: number;
  grossWeightKg: number;
  volumeM3: number;
}

/** Where an intake stands for a change: its figures and whether it was cancelled. */
export interface IntakeChangeState extends MeasuredQuantities {
  awb: string;
  cancelled: boolean;
}

/** The shipment's current leg as the station knows it from `flight.assignment.v1`. */
export interface CurrentLeg {
  onLeg: boolean;
  flightNumber: string | null;
  cutoffAt: Date | null;
}

/** The station's intake status once an intake is cancelled. */
export const CANCELLED_STATUS = 'CANCELLED';

/** Scans that say the shipment left the station: the truck departed (TDP) or reached the airport (TAR). */
export const LEFT_STATION_SCANS: readonly string[] = ['TDP', 'TAR'];

export type CorrectionDecision = { kind: 'UNCHANGED' } | { kind: 'CORRECT'; previous: MeasuredQuantities; next: MeasuredQuantities };
export type CancellationDecision = { kind: 'ALREADY_CANCELLED' } | { kind: 'CANCEL' };

/**
 * Whether the shipment is manifested as far as the station knows: it is on a leg whose cut-off has
 * passed. Flight-assignment closes a flight's manifest at its cut-off, so from then on the station
 * treats it as manifested even before `flight.manifest.v1` could tell it.
 */
export function manifestedLeg(leg: CurrentLeg | undefined, now: Date): { flightNumber: string; cutoffAt: Date } | undefined {
  if (!leg || !leg.onLeg || !leg.cutoffAt || !leg.flightNumber) return undefined;
  return leg.cutoffAt.getTime() <= now.getTime() ? { flightNumber: leg.flightNumber, cutoffAt: leg.cutoffAt } : undefined;
}

/**
 * A station corrects pieces, gross weight or volume of an intake.
 *
 * Rules, in this order:
 * - a cancelled intake cannot be corrected (`INTAKE.CANCELLED`, 409);
 * - a correction that asks for the figures on record changes nothing (`UNCHANGED`: a terminal's
 *   retry is answered, nothing is written), also once manifested;
 * - once the shipment is manifested ({@link manifestedLeg}) it is too late (`INTAKE.ALREADY_MANIFESTED`, 409):
 *   the airline has the manifest with the figures on record.
 * Figures left out keep their value. Whether the corrected intake is still a valid intake (limits,
 * density, house waybills) is the intake rules' to say.
 */
export function decideCorrection(state: IntakeChangeState, requested: Partial<MeasuredQuantities>, ctx: { leg: CurrentLeg | undefined; now: Date }): CorrectionDecision {
  if (state.cancelled) throw cancelled(state.awb);
  const previous: MeasuredQuantities = { pieces: state.pieces, grossWeightKg: state.grossWeightKg, volumeM3: state.volumeM3 };
  const next: MeasuredQuantities = {
    pieces: requested.pieces ?? previous.pieces,
    grossWeightKg: requested.grossWeightKg ?? previous.grossWeightKg,
    volumeM3: requested.volumeM3 ?? previous.volumeM3,
  };
  if (next.pieces === previous.pieces && next.grossWeightKg === previous.grossWeightKg && next.volumeM3 === previous.volumeM3) return { kind: 'UNCHANGED' };
  const manifested = manifestedLeg(ctx.leg, ctx.now);
  if (manifested) {
    throw new StationIntakeError(
      StationIntakeErrorCodes.AlreadyManifested,
      `AWB ${state.awb} is manifested on ${manifested.flightNumber} (manifest closed at the cut-off ${manifested.cutoffAt.toISOString()}): it can no longer be corrected; nothing was changed.`,
    );
  }
  return { kind: 'CORRECT', previous, next };
}

/**
 * A station cancels an intake (the shipper withdrew the shipment).
 *
 * Rules: a cancelled intake is cancelled once (`ALREADY_CANCELLED`: a retry is answered, nothing
 * is written); once the shipment left the station — a TDP scan, or a TAR (the truck reached the
 * airport) — it is too late (`INTAKE.LEFT_STATION`, 409). A manifested shipment still at the station
 * may be cancelled (flight-assignment offloads it).
 */
export function decideCancellation(state: Pick<IntakeChangeState, 'awb' | 'cancelled'>, scannedCodes: readonly string[]): CancellationDecision {
  if (state.cancelled) return { kind: 'ALREADY_CANCELLED' };
  const left = LEFT_STATION_SCANS.filter((code) => scannedCodes.includes(code));
  if (left.length > 0) {
    throw new StationIntakeError(
      StationIntakeErrorCodes.LeftStation,
      `AWB ${state.awb} has left the station (${left.join(', ')} scanned): it can no longer be cancelled here; nothing was changed.`,
    );
  }
  return { kind: 'CANCEL' };
}

/** The refusal for a change of a cancelled intake (a correction, a scan). */
export function cancelled(awb: string): StationIntakeError {
  return new StationIntakeError(StationIntakeErrorCodes.IntakeCancelled, `AWB ${awb} was cancelled at the station: nothing more can be recorded for it; nothing was changed.`);
}
