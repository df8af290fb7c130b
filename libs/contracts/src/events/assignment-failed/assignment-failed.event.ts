import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNumber, IsOptional, IsPositive, ValidateIf, ValidateNested } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { IsDecisionVersion, IsSupersededEventId } from '../../domain/decision-order.rules';
import { Topics } from '../../topics/topics.constants';
import { FINITE, IsAirportCode, IsFlightId, IsStationCode, IsTimestamp } from '../../validation/common.decorators';
import { ReasonDto } from '../shared/reason.dto';

export const FAILED_OUTCOMES = ['WAITLISTED', 'OFFLOADED', 'EXCEPTION'] as const;
export type FailedOutcome = (typeof FAILED_OUTCOMES)[number];

/**
 * A released shipment has no place on any leg (same topic as `flight.assigned`, see
 * `ASSIGNMENT_OUTCOMES`):
 * - `WAITLISTED`: nothing fits now, but something would if capacity freed up (`reason` says why,
 *   e.g. NO_CAPACITY); it is planned again whenever capacity changes, periodically, and at the
 *   latest just after `retryUntil`, when the best alternative (a later flight with a new promise, a
 *   road feeder) or an exception follows. flight-assignment always sends `retryUntil` with it.
 * - `OFFLOADED`: taken off `previousFlightId` (customs hold, cancelled or delayed flight) and its
 *   capacity freed; a re-assignment or wait-listing may follow.
 * - `EXCEPTION`: nothing in the timetable can carry it at all (`reason`: CAO_NO_FREIGHTER,
 *   NO_COLD_CHAIN, NO_ROUTE): an open exception an operator must resolve (flight-assignment's
 *   `POST /v1/exceptions/{awb}/resolve`). It stays open until the AWB's next assignment decision.
 *   Consumers that know only WAITLISTED/OFFLOADED may treat it as "no place on any leg".
 *
 * Invariants: `reason` is always present; `OFFLOADED` names `previousFlightId`.
 *
 * Ordering: `decisionVersion` is the AWB's assignment decision sequence, shared with
 * `flight.assigned`; consumers apply the decision only if it is newer than the last assignment
 * decision they applied for the AWB (see `isNewerDecision`).
 */
export class AssignmentFailedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsStationCode()
  stationCode!: string;

  @IsIn(FAILED_OUTCOMES, { message: '$property must be WAITLISTED, OFFLOADED or EXCEPTION (ASSIGNED/REASSIGNED/ROAD_FEEDER are flight.assigned)' })
  outcome!: FailedOutcome;

  @IsDefined({ message: '$property must say why the shipment has no flight' })
  @ValidateNested()
  @Type(() => ReasonDto)
  reason!: ReasonDto;

  @ValidateIf((o: AssignmentFailedPayload) => o.outcome === 'OFFLOADED' || o.previousFlightId !== undefined)
  @IsFlightId({ message: '$property must be the flight id the shipment was taken off (required for OFFLOADED)' })
  previousFlightId?: string;

  @IsOptional()
  @IsAirportCode()
  destination?: string;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  chargeableWeightKg!: number;

  /**
   * For `WAITLISTED`: the last truck departure from the station that still catches an option the
   * shipment waits for (an on-time flight, or else a later flight or road feeder); it is planned
   * again by then at the latest.
   */
  @IsOptional()
  @IsTimestamp()
  retryUntil?: string;

  @IsTimestamp()
  decidedAt!: string;

  /** The AWB's assignment decision sequence at this decision. Always written; missing on old events (read as 0). */
  @IsDecisionVersion()
  decisionVersion?: number;

  /** Event id of the AWB's previous assignment decision, which this one replaces (none for the first). */
  @IsSupersededEventId()
  supersedes?: string;
}

export const AssignmentFailedEvent: EventDefinition<AssignmentFailedPayload> = {
  type: `${EVENT_TYPE_PREFIX}flight.assignment.failed`,
  topic: Topics.FlightAssignment,
  // 2: decisionVersion and supersedes (optional in reading: version-1 events have neither).
  schemaVersion: 2,
  payload: AssignmentFailedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
