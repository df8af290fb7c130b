import { FLIGHT_ID_PATTERN, FLIGHT_NUMBER_PATTERN, IsCalendarDate } from '@cargo/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { FLAG_CODES, STATUS_CODES } from '../../domain/shipment.projection';

/** Query of `GET /v1/shipments`. */
export class SearchShipmentsRequestDto {
  @ApiPropertyOptional({ example: 'OVS', description: 'Station code' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9]{2,5}$/, { message: 'station must be a station code such as OVS' })
  station?: string;

  @ApiPropertyOptional({ enum: STATUS_CODES })
  @IsOptional()
  @IsIn(STATUS_CODES, { message: `status must be one of ${STATUS_CODES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ example: 'EHU', description: 'Wuhan airport the shipment leaves from' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'airport must be an IATA code such as WUH or EHU' })
  airport?: string;

  @ApiPropertyOptional({ example: '2026-11-25', format: 'date', description: 'The day: local (Wuhan, UTC+8) date of receipt' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({
    example: 'O36921',
    pattern: `${FLIGHT_NUMBER_PATTERN.source}|${FLIGHT_ID_PATTERN.source}`,
    description: 'A flight number (booked on it, or departed on it) or a flight id such as O36921-2026-11-25 (booked on that departure)',
  })
  @IsOptional()
  @Matches(new RegExp(`${FLIGHT_NUMBER_PATTERN.source}|${FLIGHT_ID_PATTERN.source}`), { message: 'flight must be a flight number such as O36921 or a flight id such as O36921-2026-11-25' })
  flight?: string;

  @ApiPropertyOptional({ enum: FLAG_CODES })
  @IsOptional()
  @IsIn(FLAG_CODES, { message: `flag must be one of ${FLAG_CODES.join(', ')}` })
  flag?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'page must be at least 1' })
  @IsInt({ message: 'page must be a whole number' })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 1000, description: 'Up to 1000, so that a day exports as one CSV page' })
  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(1000, { message: 'pageSize must be at most 1000' })
  @IsInt({ message: 'pageSize must be a whole number' })
  pageSize: number = 20;
}
