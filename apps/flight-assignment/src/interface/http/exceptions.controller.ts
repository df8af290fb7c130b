import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Awb } from '@cargo/contracts';
import { Authorize, CsvExportable, CurrentIdentity, type Identity } from '@cargo/service-runtime';
import { AssignmentExceptionsUseCase, type ExceptionResolution, type ExceptionView } from '../../application/assignment-exceptions.use-case';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';
import { ResolveExceptionRequestDto } from './exception.request-dto';

/** Ops: shipments nothing in the timetable can carry, and their resolution. */
@ApiTags('exceptions')
@Authorize('ops')
@Controller('v1/exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: AssignmentExceptionsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Open assignment exceptions (no freighter for CAO cargo, no cold chain, no route), oldest first' })
  @CsvExportable()
  async list(): Promise<{ items: ExceptionView[] }> {
    return { items: await this.exceptions.open() };
  }

  @Post(':awb/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve an open exception: audited, then the shipment is planned again at once (booked, wait-listed, or a new exception)' })
  resolve(@Param('awb') awb: string, @Body() body: ResolveExceptionRequestDto, @CurrentIdentity() identity: Identity): Promise<ExceptionResolution> {
    const parsed = Awb.tryParse(awb);
    if (!parsed.ok) {
      const message = parsed.error.message;
      throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, message, [{ field: 'awb', message }]);
    }
    return this.exceptions.resolve(parsed.value.toString(), body.action, body.note, identity.subject);
  }
}
