import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, IsDefined, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { IsDecisionVersion, IsSupersededEventId } from '../../domain/decision-order.rules';
import { HOLD_REASONS, type HoldReason } from '../../domain/hold-reason.constants';
import { Topics } from '../../topics/topics.constants';
import { IsStationCode, IsTimestamp } from '../../validation/common.decorators';
import { ActorDto } from '../shared/actor.dto';
import { TransportReferenceDto } from '../shared/transport-reference.dto';

export class HoldReasonLineDto {
  @IsIn(HOLD_REASONS, { message: `$property must be one of ${HOLD_REASONS.join(', ')}` })
  code!: HoldReason;

  @IsString()
  @IsNotEmpty({ message: '$property must say why the cargo is held, in words' })
  @MaxLength(500)
  explanation!: string;
}

/**
 * Customs or security holds a shipment: it may not fly until released. A hold after a flight
 * assignment makes flight-assignment offload the shipment and free the capacity.
 *
 * Invariants: at least one reason; `caseId` identifies the customs case (one per AWB) across holds
 * and releases; `placedAt` is when the decision was taken.
 *
 * Ordering: holds and releases of a case travel on two topics with no order between them. Each
 * carries the case's `decisionVersion` (one increasing sequence for both topics) and `supersedes`
 * (the id of the decision it replaces); a consumer applies a hold or a release only if its version
 * is newer than the last customs decision it applied for the AWB (see `isNewerDecision`).
 */
export class CustomsHoldPlacedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must identify the customs case' })
  @MaxLength(64)
  caseId!: string;

  @IsStationCode()
  stationCode!: string;

  @IsArray({ message: '$property must be an array of hold reasons' })
  @ArrayMinSize(1, { message: '$property must give at least one reason' })
  @ValidateNested({ each: true })
  @Type(() => HoldReasonLineDto)
  reasons!: HoldReasonLineDto[];

  @IsDefined({ message: '$property must say who placed the hold' })
  @ValidateNested()
  @Type(() => ActorDto)
  placedBy!: ActorDto;

  @IsTimestamp()
  placedAt!: string;

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

export const CustomsHoldPlacedEvent: EventDefinition<CustomsHoldPlacedPayload> = {
  type: `${EVENT_TYPE_PREFIX}customs.hold.placed`,
  topic: Topics.CustomsHold,
  // 2: decisionVersion and supersedes (optional in reading: version-1 events have neither).
  // 3: transport (the booked flight and its manifest), optional.
  schemaVersion: 3,
  payload: CustomsHoldPlacedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
