import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsReasonCode } from '../../validation/common.decorators';

/**
 * A decision's reason: a stable UPPER_SNAKE code (machines filter and count on it) and an explanation
 * (people read it). Consumers must tolerate codes they do not know.
 */
export class ReasonDto {
  @IsReasonCode()
  code!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must say why, in words' })
  @MaxLength(500)
  explanation!: string;
}
