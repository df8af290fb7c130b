import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsInt, Max, Min } from 'class-validator';

/** Environment of the customs-hold service; see BaseServiceConfig for the shared variables. */
export class CustomsHoldConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3102;
}
