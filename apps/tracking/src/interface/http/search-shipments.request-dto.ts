import { IsCalendarDate } from '@cargo/contracts';
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

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Local (Wuhan) date of receipt' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

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

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(100, { message: 'pageSize must be at most 100' })
  @IsInt({ message: 'pageSize must be a whole number' })
  pageSize: number = 20;
}
