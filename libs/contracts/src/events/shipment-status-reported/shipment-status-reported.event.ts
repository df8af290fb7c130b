import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { Topics } from '../../topics/topics.constants';
import { IsAirportCode, IsFlightNumber, IsTimestamp } from '../../validation/common.decorators';

/**
 * The statuses of a shipment's timeline that are exchanged as IATA Cargo-IMP FSU messages: RCS
 * received from shipper, FOH freight on hand, BKD booked, MAN manifested, DEP departed, ARR arrived,
 * RCF received from flight, NFD consignee notified, DLV delivered, DIS discrepancy.
 */
export const FSU_STATUSES = ['RCS', 'FOH', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV', 'DIS'] as const;
export type FsuStatus = (typeof FSU_STATUSES)[number];

/** A Cargo-IMP message: at most 3500 characters. */
export const MAX_CARGO_IMP_MESSAGE_CHARS = 3500;

/**
 * One status of a shipment, as the parties that follow it by AWB receive it: the status in JSON and
 * the same status as an FSU/15 message (Cargo-IMP text, CRLF line ends), which airline and forwarder
 * systems read as they are.
 *
 * Invariants:
 * - one event per status on the shipment's timeline, derived from the fact that caused it
 *   (`sourceEventId`); the event id is a function of the source event id and the status, so a
 *   re-derived status (redelivery, rebuild) carries the same CloudEvents id and consumers can drop it;
 * - `fsu` parses with a strict FSU/15 parser and says the same as the JSON fields (`place` is the
 *   airport of the status line, times are local there);
 * - `happenedAt` is when the status happened, not when it was reported.
 */
export class ShipmentStatusReportedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsIn(FSU_STATUSES, { message: `$property must be one of ${FSU_STATUSES.join(', ')}` })
  status!: FsuStatus;

  /** Airport of the status (an off-airport station reports through the airport the AWB leaves from). */
  @IsAirportCode()
  place!: string;

  @IsOptional()
  @IsFlightNumber()
  flightNumber?: string;

  /** Pieces the status is about (the whole shipment unless a part). */
  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(0, { message: '$property must not be negative' })
  pieces!: number;

  @IsTimestamp()
  happenedAt!: string;

  /** The consumed event this status was derived from. */
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: '$property must be the id (a UUID) of the event the status comes from' })
  sourceEventId!: string;

  /** The FSU/15 message. */
  @IsString()
  @MaxLength(MAX_CARGO_IMP_MESSAGE_CHARS)
  @Matches(/^FSU\/15\r\n/, { message: '$property must be an FSU/15 message (first line FSU/15, CRLF line ends)' })
  fsu!: string;
}

export const ShipmentStatusReportedEvent: EventDefinition<ShipmentStatusReportedPayload> = {
  type: `${EVENT_TYPE_PREFIX}shipment.status.reported`,
  topic: Topics.CargoStatus,
  schemaVersion: 1,
  payload: ShipmentStatusReportedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
