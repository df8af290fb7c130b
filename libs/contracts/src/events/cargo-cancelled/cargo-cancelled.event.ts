import 'reflect-metadata';
import { IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { Topics } from '../../topics/topics.constants';
import { IsStationCode, IsTimestamp } from '../../validation/common.decorators';

/**
 * A station cancelled an intake before the shipment left it (no TDP scan yet): the shipper withdrew
 * it. Every consumer applies it: customs-hold closes the case, flight-assignment releases the
 * booking's capacity (an `OFFLOADED` with reason `CARGO_CANCELLED` when it was booked), tracking
 * shows the shipment cancelled. Nothing happens to the AWB after it.
 *
 * Invariants: the last intake event of the AWB; `intakeVersion` and `supersedes` as on
 * `CargoCorrected` (ordering on `cargo.intake.v1`); `cancelledBy` is the verified subject of the
 * caller's credential; `cancelledAt` and `recordedAt` come from the station's shared clock.
 */
export class CargoCancelledPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsStationCode()
  stationCode!: string;

  /** The intake's version after this cancellation (`CargoReceived` is 1). */
  @IsInt({ message: '$property must be a whole number (the intake version after this change)' })
  @Min(2, { message: '$property must be at least 2 (the intake itself is version 1)' })
  intakeVersion!: number;

  /** Event id of the intake event this cancellation replaces (the `CargoReceived` or the last correction). */
  @IsUUID(undefined, { message: '$property must be the event id (UUID) of the intake event this change replaces' })
  supersedes!: string;

  /** Why, in the station's words (e.g. "Shipper withdrew the shipment"). */
  @IsString()
  @IsNotEmpty({ message: '$property must say why, in words' })
  @MaxLength(500)
  reason!: string;

  /** The verified subject of the credential that cancelled it (a token `sub`, or `api-key:<key id>`). */
  @IsString()
  @IsNotEmpty({ message: '$property must identify who cancelled the intake' })
  @MaxLength(200)
  cancelledBy!: string;

  /** When the station cancelled it. */
  @IsTimestamp()
  cancelledAt!: string;

  /** When the station recorded it. */
  @IsTimestamp()
  recordedAt!: string;
}

export const CargoCancelledEvent: EventDefinition<CargoCancelledPayload> = {
  type: `${EVENT_TYPE_PREFIX}cargo.cancelled`,
  topic: Topics.CargoIntake,
  schemaVersion: 1,
  payload: CargoCancelledPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
