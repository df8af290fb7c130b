import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, Clock, ManualClock } from '@cargo/service-runtime';
import { AssignmentScheduler } from '../../application/assignment.scheduler';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';
import { isoOf, MINUTE_MS } from '../../domain/flight.model';
import { AdvanceClockRequestDto } from './flight.request-dto';

/** The service clock: read it; with CLOCK_MODE=manual, move it forward (cut-offs close manifests on the way). */
@ApiTags('ops')
@Authorize('ops')
@Controller('v1/ops/clock')
export class OpsClockController {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    private readonly scheduler: AssignmentScheduler,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The service clock' })
  now(): { mode: string; now: string } {
    return { mode: this.clock instanceof ManualClock ? 'manual' : 'scaled', now: isoOf(this.clock.now().getTime()) };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the manual clock forward, then run the time-based work (manifests, batch, wait-list)' })
  async advance(@Body() body: AdvanceClockRequestDto): Promise<{ mode: string; now: string }> {
    if (!(this.clock instanceof ManualClock)) throw new AssignmentError(AssignmentErrorCodes.ClockNotManual, 'the clock is scaled; only a manual clock (CLOCK_MODE=manual) can be advanced');
    this.clock.advance(body.minutes * MINUTE_MS);
    await this.scheduler.tick();
    return this.now();
  }
}
