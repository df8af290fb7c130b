import { FINITE } from '@cargo/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, MaxLength, Min } from 'class-validator';

const REASON_RULES = { message: 'reason must say why, in at most 500 characters' } as const;

/** A correction of an intake's figures: any of pieces, gross weight and volume (the others keep their value), and why. */
export class IntakeCorrectionRequestDto {
  @ApiPropertyOptional({ example: 12, description: 'corrected number of pieces' })
  @IsOptional()
  @IsInt({ message: 'pieces must be a whole number of pieces' })
  @Min(1, { message: 'pieces must be at least 1' })
  pieces?: number;

  @ApiPropertyOptional({ example: 512, description: 'corrected gross weight, kg' })
  @IsOptional()
  @IsNumber(FINITE, { message: 'grossWeightKg must be a number of kg' })
  @IsPositive({ message: 'grossWeightKg must be greater than 0 kg' })
  grossWeightKg?: number;

  @ApiPropertyOptional({ example: 2.6, description: 'corrected volume, m³' })
  @IsOptional()
  @IsNumber(FINITE, { message: 'volumeM3 must be a number of m³' })
  @IsPositive({ message: 'volumeM3 must be greater than 0 m³' })
  volumeM3?: number;

  @ApiProperty({ example: 'Re-weighed on the calibrated platform scale', maxLength: 500 })
  @IsString(REASON_RULES)
  @IsNotEmpty(REASON_RULES)
  @MaxLength(500, REASON_RULES)
  reason!: string;
}

/** A cancellation of an intake, and why. */
export class IntakeCancellationRequestDto {
  @ApiProperty({ example: 'Shipper withdrew the shipment', maxLength: 500 })
  @IsString(REASON_RULES)
  @IsNotEmpty(REASON_RULES)
  @MaxLength(500, REASON_RULES)
  reason!: string;
}
