import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EXCEPTION_RESOLUTION_ACTIONS, type ExceptionResolutionAction } from '../../application/assignment-exceptions.use-case';

export class ResolveExceptionRequestDto {
  @ApiProperty({
    enum: EXCEPTION_RESOLUTION_ACTIONS,
    description: '`REPLAN`: plan the shipment again now, against the timetable as operated (after ops added a freighter, a cold-chain flight or a road feeder)',
  })
  @IsIn(EXCEPTION_RESOLUTION_ACTIONS, { message: `action must be one of ${EXCEPTION_RESOLUTION_ACTIONS.join(', ')}` })
  action!: ExceptionResolutionAction;

  @ApiProperty({ example: 'Added freighter O36999 EHU→FRA with 50 t', description: 'What the operator did; audited with the resolution' })
  @IsString()
  @IsNotEmpty({ message: 'note must say what was done' })
  @MaxLength(400)
  note!: string;
}
