import { IsTimestamp } from '@cargo/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { FLIGHT_REPORT_CODES, SHIPMENT_REPORT_CODES, type FlightReportCode, type ShipmentReportCode } from '../../domain/airline-status.rules';
import { FLIGHT_NUMBER_PATTERN, IATA_AIRPORT_PATTERN } from './flight-dto.constants';

/** Body of `POST /v1/flights/{flightId}/status`: the flight departed or arrived, at this time. */
export class FlightStatusRequestDto {
  @ApiProperty({ enum: FLIGHT_REPORT_CODES, description: 'DEP (departed from its origin) or ARR (arrived at its destination)' })
  @IsIn(FLIGHT_REPORT_CODES, { message: `code must be one of ${FLIGHT_REPORT_CODES.join(', ')}` })
  code!: FlightReportCode;

  @ApiProperty({ example: '2026-11-25T14:42:00+08:00', description: 'When it happened (RFC 3339); not ahead of the shared clock beyond CLOCK_SKEW_TOLERANCE_SECONDS' })
  @IsTimestamp()
  happenedAt!: string;
}

/** Body of `POST /v1/shipments/{awb}/status`: one shipment's own status after it left Wuhan. */
export class ShipmentStatusRequestDto {
  @ApiProperty({
    enum: SHIPMENT_REPORT_CODES,
    description: 'RCF received from the flight (with pieces), NFD consignee notified, DLV delivered; DEP / ARR: the shipment left or reached `place` on `flightNumber` (a transfer)',
  })
  @IsIn(SHIPMENT_REPORT_CODES, { message: `code must be one of ${SHIPMENT_REPORT_CODES.join(', ')}` })
  code!: ShipmentReportCode;

  @ApiProperty({ example: 'FRA', description: 'Where: the destination or the transfer hub (IATA airport code)' })
  @Matches(IATA_AIRPORT_PATTERN, { message: 'place must be an IATA airport code, e.g. FRA or PVG' })
  place!: string;

  @ApiProperty({ example: '2026-11-26T09:30:00+01:00' })
  @IsTimestamp()
  happenedAt!: string;

  @ApiPropertyOptional({ example: 'MU219', description: 'The flight it came on (RCF) or moved on (DEP / ARR, required)' })
  @ValidateIf((o: ShipmentStatusRequestDto) => o.code === 'DEP' || o.code === 'ARR' || o.flightNumber !== undefined)
  @Matches(FLIGHT_NUMBER_PATTERN, { message: 'flightNumber must be a flight number such as MU219 (required for DEP and ARR)' })
  flightNumber?: string;

  @ApiPropertyOptional({ example: 12, description: 'Pieces concerned (RCF: received from the flight, required; 0 when none came off it)' })
  @ValidateIf((o: ShipmentStatusRequestDto) => o.code === 'RCF' || o.pieces !== undefined)
  @Min(0, { message: 'pieces must be 0 or more' })
  @Max(99_999, { message: 'pieces must be at most 99999' })
  @IsInt({ message: 'pieces must be a whole number of pieces (required for RCF)' })
  pieces?: number;

  @ApiPropertyOptional({ example: '2 of 12 pieces not found in the ULD' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  remarks?: string;
}
