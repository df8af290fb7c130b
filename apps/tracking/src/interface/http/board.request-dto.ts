import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

/** Query of `GET /v1/board/departures`. */
export class DeparturesRequestDto {
  @ApiPropertyOptional({ enum: ['WUH', 'EHU'], description: 'Both hubs when omitted' })
  @IsOptional()
  @IsIn(['WUH', 'EHU'], { message: 'airport must be WUH or EHU' })
  airport?: 'WUH' | 'EHU';

  @ApiPropertyOptional({ format: 'date-time', description: 'Departures at or after (RFC 3339)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an RFC 3339 timestamp' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Departures before (RFC 3339)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an RFC 3339 timestamp' })
  to?: string;
}
