import { IsCalendarDate } from '@cargo/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { AIRCRAFT_KINDS, FLIGHT_NUMBER_PATTERN, IATA_AIRPORT_PATTERN, TIMETABLE_LEGS_FOR_DTO, type AircraftKind } from './flight-dto.constants';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListFlightsQueryRequestDto {
  @ApiProperty({ example: 'EHU', description: 'Origin airport (WUH, EHU, or a transfer hub for onward flights)' })
  @Matches(IATA_AIRPORT_PATTERN, { message: 'airport must be an IATA airport code, e.g. WUH or EHU' })
  airport!: string;

  @ApiProperty({ example: '2026-11-25', format: 'date', description: 'Local departure date (UTC+8)' })
  @IsCalendarDate()
  date!: string;
}

export class AddFlightRequestDto {
  @ApiProperty({ example: 'O36999' })
  @Matches(FLIGHT_NUMBER_PATTERN, { message: 'flightNumber must be a flight number such as O36921 or CZ3481' })
  flightNumber!: string;

  @ApiProperty({ example: 'EHU' })
  @Matches(IATA_AIRPORT_PATTERN, { message: 'origin must be an IATA airport code' })
  origin!: string;

  @ApiProperty({ example: 'FRA' })
  @Matches(IATA_AIRPORT_PATTERN, { message: 'destination must be an IATA airport code' })
  destination!: string;

  @ApiProperty({ example: '2026-11-25T14:30:00Z' })
  @IsISO8601({ strict: true }, { message: 'departureAt must be an RFC 3339 timestamp' })
  departureAt!: string;

  @ApiProperty({ example: '2026-11-26T02:20:00Z' })
  @IsISO8601({ strict: true }, { message: 'arrivalAt must be an RFC 3339 timestamp' })
  arrivalAt!: string;

  @ApiProperty({ enum: AIRCRAFT_KINDS })
  @IsIn(AIRCRAFT_KINDS, { message: `aircraftKind must be one of ${AIRCRAFT_KINDS.join(', ')}` })
  aircraftKind!: AircraftKind;

  @ApiProperty({ example: 'B767-300F' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  aircraftType!: string;

  @ApiProperty({ example: 50000 })
  @Type(() => Number)
  @IsPositive({ message: 'capacityKg must be greater than 0' })
  @Max(200_000)
  @IsNumber({}, { message: 'capacityKg must be a number of kg' })
  capacityKg!: number;

  @ApiProperty({ example: 400 })
  @Type(() => Number)
  @IsPositive({ message: 'capacityM3 must be greater than 0' })
  @Max(2_000)
  @IsNumber({}, { message: 'capacityM3 must be a number of m³' })
  capacityM3!: number;

  @ApiProperty()
  @IsBoolean({ message: 'coldChain must be true or false' })
  coldChain!: boolean;

  @ApiPropertyOptional({ description: 'Minutes before departure when acceptance closes; by kind when absent (belly 120, freighter 180, truck 60)' })
  @IsOptional()
  @Min(0)
  @Max(1440)
  @IsInt({ message: 'cutoffMinutes must be a whole number of minutes' })
  cutoffMinutes?: number;

  @ApiPropertyOptional({ enum: TIMETABLE_LEGS_FOR_DTO, description: 'FROM_WUHAN by default (ROAD_FEEDER for trucks)' })
  @IsOptional()
  @IsIn(TIMETABLE_LEGS_FOR_DTO)
  leg?: (typeof TIMETABLE_LEGS_FOR_DTO)[number];
}

export class DelayFlightRequestDto {
  @ApiProperty({ example: 90, description: 'Minutes to move departure, arrival and cut-off later' })
  @Min(1)
  @Max(2880)
  @IsInt({ message: 'minutes must be a whole number of minutes' })
  minutes!: number;

  @ApiPropertyOptional({ example: 'Late inbound aircraft' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  reason?: string;
}

export class CancelFlightRequestDto {
  @ApiPropertyOptional({ example: 'Technical: aircraft on ground' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  reason?: string;
}

export class ManifestQueryRequestDto {
  @ApiPropertyOptional({ enum: ['json', 'ffm'], description: '`ffm`: IATA Cargo-IMP FFM/8 text for airline systems' })
  @IsOptional()
  @IsIn(['json', 'ffm'], { message: 'format must be json or ffm' })
  format?: 'json' | 'ffm';
}

export class AdvanceClockRequestDto {
  @ApiProperty({ example: 60, description: 'Minutes to move the manual clock forward' })
  @Type(() => Number)
  @IsPositive({ message: 'minutes must be greater than 0' })
  @Max(10_080)
  @IsNumber({}, { message: 'minutes must be a number' })
  minutes!: number;
}
