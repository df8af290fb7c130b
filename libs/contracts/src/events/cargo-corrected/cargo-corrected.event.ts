import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { Topics } from '../../topics/topics.constants';
import { IsStationCode, IsTimestamp, Satisfies } from '../../validation/common.decorators';
import { CargoReceivedPayload } from '../cargo-received/cargo-received.event';
import { MeasuredQuantitiesDto } from '../shared/measured-quantities.dto';

/**
 * A station corrected the pieces, gross weight or volume of an intake before the shipment was
 * manifested: the scale was wrong, a piece was missed. Every consumer applies it: customs-hold
 * re-evaluates its rules with the corrected data, flight-assignment re-plans the booking with the
 * new weight and volume, tracking shows the corrected figures.
 *
 * Invariants:
 * - `intake` is the whole intake as it stands after the correction (the `CargoReceived` payload
 *   with the corrected figures), so a consumer needs nothing else; `previous` the figures before.
 *   At least one of pieces, gross weight and volume differs between them.
 * - `intake.awb` and `intake.stationCode` equal `awb` and `stationCode`.
 * - Ordering: `CargoReceived` is intake version 1; each correction or cancellation gets the next
 *   `intakeVersion` and names the intake event it replaces in `supersedes`. Keyed by the AWB on
 *   `cargo.intake.v1`, they arrive in that order; a consumer reading them any other way applies a
 *   change only if its `intakeVersion` is greater than the last one it applied (`isNewerDecision`).
 * - `correctedBy` is the verified subject of the caller's credential (the audit's "who");
 *   `correctedAt` and `recordedAt` come from the station's shared clock.
 */
export class CargoCorrectedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsStationCode()
  stationCode!: string;

  /** The intake's version after this correction (`CargoReceived` is 1). */
  @IsInt({ message: '$property must be a whole number (the intake version after this change)' })
  @Min(2, { message: '$property must be at least 2 (the intake itself is version 1)' })
  intakeVersion!: number;

  /** Event id of the intake event this correction replaces (the `CargoReceived` or the previous correction). */
  @IsUUID(undefined, { message: '$property must be the event id (UUID) of the intake event this change replaces' })
  supersedes!: string;

  /** Pieces, weight and volume before the correction. */
  @IsDefined({ message: '$property must give the figures before the correction' })
  @ValidateNested()
  @Type(() => MeasuredQuantitiesDto)
  previous!: MeasuredQuantitiesDto;

  /** The intake after the correction. */
  @IsDefined({ message: '$property must be the corrected intake' })
  @ValidateNested()
  @Type(() => CargoReceivedPayload)
  @Satisfies<CargoCorrectedPayload>('sameShipment', (value, o) => {
    const intake = value as CargoReceivedPayload | undefined;
    // A malformed AWB is reported on its own field, not twice.
    if (!intake || !Awb.isValid(intake.awb) || !Awb.isValid(o.awb)) return undefined;
    return intake.awb === o.awb && intake.stationCode === o.stationCode ? undefined : 'the corrected intake must be the same AWB at the same station';
  })
  @Satisfies<CargoCorrectedPayload>('somethingCorrected', (value, o) => {
    const intake = value as CargoReceivedPayload | undefined;
    const before = o.previous;
    if (!intake || !before) return undefined;
    return intake.pieces !== before.pieces || intake.grossWeightKg !== before.grossWeightKg || intake.volumeM3 !== before.volumeM3
      ? undefined
      : 'a correction changes pieces, gross weight or volume';
  })
  intake!: CargoReceivedPayload;

  /** Why, in the station's words. */
  @IsString()
  @IsNotEmpty({ message: '$property must say why, in words' })
  @MaxLength(500)
  reason!: string;

  /** The verified subject of the credential that corrected it (a token `sub`, or `api-key:<key id>`). */
  @IsString()
  @IsNotEmpty({ message: '$property must identify who corrected the intake' })
  @MaxLength(200)
  correctedBy!: string;

  /** When the station corrected it. */
  @IsTimestamp()
  correctedAt!: string;

  /** When the station recorded it. */
  @IsTimestamp()
  recordedAt!: string;
}

export const CargoCorrectedEvent: EventDefinition<CargoCorrectedPayload> = {
  type: `${EVENT_TYPE_PREFIX}cargo.corrected`,
  topic: Topics.CargoIntake,
  schemaVersion: 1,
  payload: CargoCorrectedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
