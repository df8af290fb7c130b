import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** Environment of the tracking service; see BaseServiceConfig for the shared variables. */
export class TrackingConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3104;

  /** Consumer group of the live projection (one per deployment of tracking). */
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'TRACKING_CONSUMER_GROUP must be 1-100 letters, digits, dots, dashes or underscores' })
  @IsString()
  TRACKING_CONSUMER_GROUP: string = 'tracking';

  /** Consume the six topics (off for `rebuild`, which replays them itself). */
  @IsIn(['true', 'false'], { message: 'TRACKING_CONSUME must be true or false' })
  TRACKING_CONSUME: string = 'true';

  /**
   * An open customs or security hold becomes an operator exception once it is this old on the shared
   * clock. Stations clear customs on site so cargo makes its truck (a belly flight's cut-off is 2 h
   * before departure, the truck leaves earlier still): two hours on hold puts the booking at risk.
   */
  @Min(1)
  @Max(10_080)
  @IsInt()
  CONTROL_HOLD_THRESHOLD_MINUTES: number = 120;

  /** How often the exceptions queue is evaluated again while someone watches its stream, real ms. */
  @Min(100)
  @Max(60_000)
  @IsInt()
  CONTROL_EXCEPTIONS_TICK_MS: number = 1000;
}
