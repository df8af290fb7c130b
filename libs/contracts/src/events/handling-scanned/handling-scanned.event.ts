import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { HANDLING_CODES, SCAN_SOURCES, type HandlingCode, type ScanSource } from '../../domain/handling-code.constants';
import { Topics } from '../../topics/topics.constants';
import { IsFlightId, IsFlightNumber, IsPlaceCode, IsStationCode, IsTimestamp, Satisfies } from '../../validation/common.decorators';

const FLIGHT_SCANS: readonly HandlingCode[] = ['DEP', 'ARR'];

/**
 * A handling scan: the shipment was seen doing something at a place (FSU-style status).
 *
 * Invariants:
 * - `happenedAt` is when it happened, `recordedAt` when it was recorded. Scans arrive late and out of
 *   order; tracking places them on the timeline by `happenedAt`.
 * - `DEP` and `ARR` name the flight (`flightNumber`), so tracking can tell a shipment that left on
 *   another flight than booked. `DIS` (discrepancy) explains itself in `remarks`.
 * - `source` says who vouches for it (station, airline, or the hub assuming a departure the airline
 *   did not report); consumers must not treat an `ASSUMED` departure as the airline's word.
 * - `pieces` is at least 1, except on `RCF`, where 0 says that none of the shipment's pieces came
 *   off the flight (all short).
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

  /** Pieces concerned, when not the whole shipment; on `RCF`, the pieces received from the flight (0: none). */
  @IsOptional()
  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(0, { message: '$property must be at least 1 (0 only on RCF: nothing received from the flight)' })
  @Satisfies<HandlingScannedPayload>('piecesAtLeastOneUnlessRcf', (value, o) =>
    typeof value === 'number' && value < 1 && o.code !== 'RCF' ? 'must be at least 1 (0 only on RCF: nothing received from the flight)' : undefined,
  )
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

  /** Who vouches for the scan (schema version 2; absent before). See {@link ScanSource}. */
  @IsOptional()
  @IsIn(SCAN_SOURCES, { message: `$property must be one of ${SCAN_SOURCES.join(', ')}` })
  source?: ScanSource;
}

export const HandlingScannedEvent: EventDefinition<HandlingScannedPayload> = {
  type: `${EVENT_TYPE_PREFIX}cargo.handling.scanned`,
  topic: Topics.CargoHandling,
  // 2: `source` (who vouches for the scan) and `pieces: 0` on RCF.
  schemaVersion: 2,
  payload: HandlingScannedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
