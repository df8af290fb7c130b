import { IsInt, IsNumber, IsPositive, Min } from 'class-validator';
import { FINITE } from '../../validation/common.decorators';

/** Pieces, gross weight and volume of an intake, as weighed and measured: what a station may correct. */
export class MeasuredQuantitiesDto {
  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(1, { message: '$property must be at least 1' })
  pieces!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  grossWeightKg!: number;

  @IsNumber(FINITE, { message: '$property must be a number of m³' })
  @IsPositive({ message: '$property must be greater than 0 m³' })
  volumeM3!: number;
}
