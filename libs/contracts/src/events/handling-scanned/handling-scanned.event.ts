import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { HANDLING_CODES, type HandlingCode } from '../../domain/handling-code.constants';
import { Topics } from '../../topics/topics.constants';
import { IsFlightId, IsFlightNumber, IsPlaceCode, IsStationCode, IsTimestamp } from '../../validation/common.decorators';

const FLIGHT_SCANS: readonly HandlingCode[] = ['DEP', 'ARR'];

/**
 * A handling scan: the shipment was seen doing something at a place (FSU-style status).
 *
 * Invariants:
 * - `happenedAt` is when it happened, `recordedAt` when it was recorded. Scans arrive late and out of
 *   order; tracking places them on the timeline by `happenedAt`.
 * - `DEP` and `ARR` name the flight (`flightNumber`), so tracking can tell a shipment that left on
 *   another flight than booked. `DIS` (discrepancy) explains itself in `remarks`.
 */
export class HandlingScannedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  /** Station whose terminal posted the scan, when a station did. */
  @IsOptional()
  @IsStationCode()
  stationCode?: string;

  /**
   * RCS received from shipper, FOH freight on hand, LOT loaded on truck, TDP truck departed,
   * TAR truck arrived at airport, DEP departed, ARR arrived, RCF received from flight,
   * NFD notified for delivery, DLV delivered, DIS discrepancy.
   */
  @IsIn(HANDLING_CODES, { message: `$property must be one of ${HANDLING_CODES.join(', ')}` })
  code!: HandlingCode;

  /** Where: a station code (`OVS`) or an airport IATA code (`WUH`, `EHU`, `PVG`, `FRA`). */
  @IsPlaceCode()
  place!: string;

  @ValidateIf((o: HandlingScannedPayload) => FLIGHT_SCANS.includes(o.code) || o.flightNumber !== undefined)
  @IsFlightNumber({ message: '$property must be a flight number such as CZ3481 (required for DEP and ARR scans)' })
  flightNumber?: string;

  @IsOptional()
  @IsFlightId()
  flightId?: string;

  /** Truck (plate or fleet id) for LOT / TDP / TAR scans. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  truckId?: string;

  /** Pieces concerned, when not the whole shipment. */
  @IsOptional()
  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(1, { message: '$property must be at least 1' })
  pieces?: number;

  @IsTimestamp()
  happenedAt!: string;

  @IsTimestamp()
  recordedAt!: string;

  @ValidateIf((o: HandlingScannedPayload) => o.code === 'DIS' || o.remarks !== undefined)
  @IsString({ message: '$property must be text (required for DIS scans: what is missing, damaged or surplus)' })
  @IsNotEmpty({ message: '$property must not be empty (required for DIS scans: what is missing, damaged or surplus)' })
  @MaxLength(500)
  remarks?: string;
}

export const HandlingScannedEvent: EventDefinition<HandlingScannedPayload> = {
  type: `${EVENT_TYPE_PREFIX}cargo.handling.scanned`,
  topic: Topics.CargoHandling,
  schemaVersion: 1,
  payload: HandlingScannedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
