import { IsCalendarDate } from '@cargo/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { EXCEPTION_KINDS, type ExceptionKind } from '../../domain/operator-exceptions.policy';

const HUBS = ['WUH', 'EHU'] as const;
const BOOLEAN_TEXT = ['true', 'false'] as const;

/** Query of `GET /v1/control/flights`. */
export class ControlFlightsRequestDto {
  @ApiPropertyOptional({ enum: HUBS, description: 'Both hubs when omitted' })
  @IsOptional()
  @IsIn(HUBS, { message: 'airport must be WUH or EHU' })
  airport?: 'WUH' | 'EHU';

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Hub-local (Wuhan) departure day; today on the service clock when omitted' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: 'O36921', description: 'Flight number or id prefix, destination (IATA), a station feeding it, or an AWB on it' })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'q must be at most 40 characters' })
  q?: string;

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, default: 'true', description: 'Return the departed flights (in `departed`, latest first)' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT, { message: 'includeDeparted must be true or false' })
  includeDeparted?: 'true' | 'false';

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, default: 'false', description: 'Also list belly flights with no shipment (left out by default, counted in `hiddenEmpty`)' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT, { message: 'includeEmpty must be true or false' })
  includeEmpty?: 'true' | 'false';
}

/** Query of `GET /v1/control/search`. */
export class ControlSearchRequestDto {
  @ApiProperty({ example: '784-1234', description: 'AWB (or its first digits), flight number or id prefix, station code or name' })
  @IsString({ message: 'q must be text' })
  @IsNotEmpty({ message: 'q must not be empty' })
  @MaxLength(40, { message: 'q must be at most 40 characters' })
  q!: string;
}

/** Query of `GET /v1/control/exceptions`. */
export class ControlExceptionsRequestDto {
  @ApiPropertyOptional({ enum: EXCEPTION_KINDS, description: 'Only exceptions of this kind' })
  @IsOptional()
  @IsIn(EXCEPTION_KINDS, { message: `kind must be one of ${EXCEPTION_KINDS.join(', ')}` })
  kind?: ExceptionKind;

  @ApiPropertyOptional({ enum: HUBS, description: 'Only shipments leaving this hub' })
  @IsOptional()
  @IsIn(HUBS, { message: 'airport must be WUH or EHU' })
  airport?: 'WUH' | 'EHU';
}

/** Query of `GET /v1/control/network`. */
export class ControlNetworkRequestDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Hub-local day of the flows (departures that day); today on the service clock when omitted' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

/** Query of `GET /v1/kpis/daily`. */
export class DailyKpisRequestDto {
  @ApiPropertyOptional({ example: '2026-11-19', description: 'First hub-local day; `to` − 6 days when omitted' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Last hub-local day (inclusive); today on the service clock when omitted' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
