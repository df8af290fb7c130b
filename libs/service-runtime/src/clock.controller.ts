import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock, ScaledClock } from './scaled.clock';

/** What `GET /v1/clock` answers. */
export interface ClockView {
  /** The service's domain time (RFC 3339, UTC). */
  now: string;
  /** How many times faster than real time the domain clock runs (1 = real time). */
  speed: number;
}

/**
 * The service's shared clock, for clients that must agree with it: the dashboard asks it for "now"
 * instead of trusting the browser's `Date.now()`, so an accelerated or resumed simulated day shows
 * the departures of its own day.
 */
@ApiTags('clock')
@Controller('v1/clock')
export class ClockController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: "The service's domain time and clock speed" })
  @ApiOkResponse({ description: '`{ now, speed }`' })
  now(): ClockView {
    return { now: this.clock.now().toISOString(), speed: this.clock instanceof ScaledClock ? this.clock.factor : 1 };
  }
}
