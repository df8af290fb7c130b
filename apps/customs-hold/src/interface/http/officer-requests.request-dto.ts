import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOLD_REASONS, IsStationCode, RELEASE_KINDS, type HoldReason, type ReleaseKind } from '@cargo/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { ExaminationResult } from '../../domain/customs-case.aggregate';

const REASON_MESSAGE = { message: '$property must say why, in words (1-500 characters)' };

export class ReleaseRequestDto {
  @ApiProperty({ enum: RELEASE_KINDS, description: 'FULL; CONDITIONAL (two-stage first stage, lab pending); FINAL (after a conditional release)' })
  @IsIn(RELEASE_KINDS, { message: '$property must be FULL, CONDITIONAL or FINAL' })
  kind!: ReleaseKind;

  @ApiProperty({ example: 'HS code 85176299 supplied by the forwarder; declaration corrected', maxLength: 500 })
  @MaxLength(500, REASON_MESSAGE)
  @IsNotEmpty(REASON_MESSAGE)
  @IsString(REASON_MESSAGE)
  reason!: string;
}

export class ManualHoldRequestDto {
  @ApiProperty({ example: 'Risk tip from Wuhan Customs intelligence: possible undervaluation', maxLength: 500 })
  @MaxLength(500, REASON_MESSAGE)
  @IsNotEmpty(REASON_MESSAGE)
  @IsString(REASON_MESSAGE)
  reason!: string;
}

const RESULTS: readonly ExaminationResult[] = ['PASS', 'FAIL'];

/** A screening or lab result. A failed result must state the finding. */
export class ExaminationResultRequestDto {
  @ApiProperty({ enum: RESULTS })
  @IsIn(RESULTS, { message: '$property must be PASS or FAIL' })
  result!: ExaminationResult;

  @ApiPropertyOptional({ example: 'Undeclared lithium power bank in piece 3', maxLength: 500, description: 'Required when result is FAIL' })
  @ValidateIf((o: ExaminationResultRequestDto) => o.result === 'FAIL' || o.finding !== undefined)
  @MaxLength(500, { message: '$property must be at most 500 characters' })
  @IsNotEmpty({ message: '$property must describe what was found (required when result is FAIL)' })
  @IsString({ message: '$property must describe what was found (required when result is FAIL)' })
  finding?: string;

  @ApiProperty({ example: 'X-ray and ETD, lane 3', maxLength: 500 })
  @MaxLength(500, REASON_MESSAGE)
  @IsNotEmpty(REASON_MESSAGE)
  @IsString(REASON_MESSAGE)
  reason!: string;
}

export class ListOpenHoldsQueryDto {
  @ApiPropertyOptional({ enum: HOLD_REASONS })
  @IsOptional()
  @IsIn(HOLD_REASONS, { message: `$property must be one of ${HOLD_REASONS.join(', ')}` })
  reason?: HoldReason;

  @ApiPropertyOptional({ example: 'OVS' })
  @IsOptional()
  @IsStationCode()
  station?: string;

  @ApiPropertyOptional({ description: 'Only cases held at least this many minutes', example: 60 })
  @IsOptional()
  @Type(() => Number)
  @Min(0, { message: '$property must be 0 or more minutes' })
  @IsInt({ message: '$property must be a whole number of minutes' })
  minAgeMinutes?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @Max(500, { message: '$property must be at most 500' })
  @Min(1, { message: '$property must be at least 1' })
  @IsInt({ message: '$property must be a whole number' })
  limit?: number;
}
