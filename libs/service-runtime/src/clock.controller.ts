import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from './auth/auth.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, ManualClock, ScaledClock } from './scaled.clock';

/** What `GET /v1/clock` answers. */
export interface ClockView {
  /** The service's domain time (RFC 3339, UTC). */
  now: string;
  /** How many times faster than real time the domain clock runs (1 = real time; 0 = a manual clock, which moves only when advanced). */
  speed: number;
}

/**
 * The service's shared clock, for clients that must agree with it: the dashboard asks it for "now"
 * instead of trusting the browser's `Date.now()`, so an accelerated or resumed simulated day shows
 * the departures of its own day.
 */
@ApiTags('clock')
@Public()
@Controller('v1/clock')
export class ClockController {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: "The service's domain time and clock speed" })
  @ApiOkResponse({ description: '`{ now, speed }`' })
  now(): ClockView {
    return { now: this.clock.now().toISOString(), speed: speedOf(this.clock) };
  }
}

function speedOf(clock: Clock): number {
  if (clock instanceof ScaledClock) return clock.factor;
  return clock instanceof ManualClock ? 0 : 1;
}
