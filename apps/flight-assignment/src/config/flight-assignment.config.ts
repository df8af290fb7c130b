import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsInt, Max, Min } from 'class-validator';

/** Environment of the flight-assignment service; see BaseServiceConfig for the shared variables. */
export class FlightAssignmentConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3103;
}
