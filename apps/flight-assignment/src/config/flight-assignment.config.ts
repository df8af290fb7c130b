import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * Environment of the flight-assignment service; see BaseServiceConfig for the shared variables, the
 * clock's included (CLOCK_MODE=manual: a clock that moves only through POST /v1/ops/clock/advance).
 */
export class FlightAssignmentConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3103;

  /** First local date of the seeded timetable (YYYY-MM-DD); the clock's local date when unset. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'TIMETABLE_START_DATE must be YYYY-MM-DD' })
  TIMETABLE_START_DATE: string | undefined = undefined;

  /** Days of timetable loaded at start (D3 cargo needs three). */
  @Min(1)
  @Max(60)
  @IsInt()
  TIMETABLE_DAYS: number = 4;

  @Min(0)
  @IsInt()
  TIMETABLE_SEED: number = 2027;

  /** How long the first pending release waits for others before the batch is decided, ms (real time). */
  @Min(0)
  @Max(600_000)
  @IsInt()
  ASSIGNMENT_BATCH_WINDOW_MS: number = 2000;

  /** How often cut-offs, batches and wait-list retries are checked, ms (real time). */
  @Min(10)
  @Max(60_000)
  @IsInt()
  SCHEDULER_TICK_MS: number = 250;

  /**
   * Minutes of the shared clock after a closed flight's scheduled departure without a DEP from its
   * airline before the hub reports the departure itself, marked `ASSUMED`.
   */
  @Min(1)
  @Max(1440)
  @IsInt()
  AIRLINE_SILENCE_MINUTES: number = 30;

  /** How far ahead of the shared clock an airline's status time may be (their clocks are not ours). */
  @Min(0)
  @Max(3600)
  @IsInt()
  CLOCK_SKEW_TOLERANCE_SECONDS: number = 300;
}
