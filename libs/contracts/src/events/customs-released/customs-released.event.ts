import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, IsDefined, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { IsDecisionVersion, IsSupersededEventId } from '../../domain/decision-order.rules';
import { SPECIAL_HANDLING_CODES, type SpecialHandlingCode } from '../../domain/special-handling.constants';
import { Topics } from '../../topics/topics.constants';
import { IsStationCode, IsTimestamp } from '../../validation/common.decorators';
import { ActorDto } from '../shared/actor.dto';
import { TransportReferenceDto } from '../shared/transport-reference.dto';
import { ReasonDto } from '../shared/reason.dto';

/**
 * - `FULL`: cleared, may fly.
 * - `CONDITIONAL`: first stage of two-stage access (chilled aquatic products): may move on after port
 *   inspection while the lab result is pending; a failed lab result becomes a hold.
 * - `FINAL`: second stage, after the lab result.
 */
export const RELEASE_KINDS = ['FULL', 'CONDITIONAL', 'FINAL'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

export const RELEASE_PRIORITIES = ['FAST_LANE', 'NORMAL'] as const;
export type ReleasePriority = (typeof RELEASE_PRIORITIES)[number];

/**
 * Customs (and security) let a shipment fly. Flight-assignment acts on it, so it carries what
 * assignment needs from the customs side: cargo-aircraft-only (derived from the DG lines) and
 * special handling. Both `CONDITIONAL` and `FULL` releases allow assignment.
 *
 * Invariants: at least one reason (see `ReleaseReason` for the known codes); `postReleaseCheck`
 * marks an e-commerce sample for checks after release without stopping the cargo.
 *
 * Ordering: releases travel on `customs.release.v1`, holds on `customs.hold.v1`, with no order
 * between the two topics. Each decision carries the case's `decisionVersion` (one sequence for holds
 * and releases) and `supersedes`; a consumer applies a release only if its version is newer than the
 * last customs decision it applied for the AWB (see `isNewerDecision`), so a late, older hold never
 * undoes a newer release, nor a late, older release a newer hold.
 */
export class CustomsReleasedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must identify the customs case' })
  @MaxLength(64)
  caseId!: string;

  @IsStationCode()
  stationCode!: string;

  @IsIn(RELEASE_KINDS, { message: '$property must be FULL, CONDITIONAL (two-stage, lab pending) or FINAL' })
  kind!: ReleaseKind;

  @IsArray({ message: '$property must be an array of release reasons' })
  @ArrayMinSize(1, { message: '$property must give at least one reason' })
  @ValidateNested({ each: true })
  @Type(() => ReasonDto)
  reasons!: ReasonDto[];

  /** Must fly on a freighter (UN3480/PI965, UN3090/PI968 or a CAO line). */
  @IsBoolean({ message: '$property must be true or false' })
  cargoAircraftOnly!: boolean;

  @IsArray({ message: '$property must be an array of IATA special handling codes (may be empty)' })
  @ArrayUnique({ message: '$property must not repeat a code' })
  @IsIn(SPECIAL_HANDLING_CODES, { each: true, message: '$property must contain only known IATA special handling codes (e.g. PER, COL, ELI, RLI, CAO)' })
  specialHandlingCodes!: SpecialHandlingCode[];

  /** `FAST_LANE` for cold-chain and time-critical goods released with priority. */
  @IsIn(RELEASE_PRIORITIES, { message: '$property must be FAST_LANE or NORMAL' })
  priority!: ReleasePriority;

  /** E-commerce sample marked for a check after release (flow-along supervision). */
  @IsBoolean({ message: '$property must be true or false' })
  postReleaseCheck!: boolean;

  @IsDefined({ message: '$property must say who released the cargo' })
  @ValidateNested()
  @Type(() => ActorDto)
  releasedBy!: ActorDto;

  @IsTimestamp()
  releasedAt!: string;

  /** The case's version at this decision; newer decisions (hold or release) have greater versions. Always written; missing on old events (read as 0). */
  @IsDecisionVersion()
  decisionVersion?: number;

  /** Event id of the case's previous hold or release, which this decision replaces (none for the first). */
  @IsSupersededEventId()
  supersedes?: string;

  /**
   * The flight the shipment is booked on when customs decided (and its manifest, once closed), so a
   * customs system ties the decision to what is loaded. Absent before a booking (schema version 3).
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => TransportReferenceDto)
  transport?: TransportReferenceDto;
}

export const CustomsReleasedEvent: EventDefinition<CustomsReleasedPayload> = {
  type: `${EVENT_TYPE_PREFIX}customs.released`,
  topic: Topics.CustomsRelease,
  // 2: decisionVersion and supersedes (optional in reading: version-1 events have neither).
  // 3: transport (the booked flight and its manifest), optional.
  schemaVersion: 3,
  payload: CustomsReleasedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
