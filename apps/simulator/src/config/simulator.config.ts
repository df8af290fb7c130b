import { SharedClockConfig } from '@cargo/service-runtime';
import { IsInt, IsJSON, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** Environment of the traffic simulator (the launcher fills it, clock included; flags override the SIM_* values). */
export class SimulatorConfig extends SharedClockConfig {
  @IsUrl({ require_tld: false })
  STATION_INTAKE_URL: string = 'http://127.0.0.1:3101';

  @IsUrl({ require_tld: false })
  CUSTOMS_HOLD_URL: string = 'http://127.0.0.1:3102';

  @IsUrl({ require_tld: false })
  FLIGHT_ASSIGNMENT_URL: string = 'http://127.0.0.1:3103';

  @IsUrl({ require_tld: false })
  TRACKING_URL: string = 'http://127.0.0.1:3104';

  /** The station-intake admin key, to create the stations' keys. */
  @IsString()
  @MinLength(24)
  ADMIN_API_KEY: string = '';

  /** The OpenID provider's token endpoint (client credentials). */
  @IsUrl({ require_tld: false, require_protocol: true })
  OIDC_TOKEN_URL: string = 'http://127.0.0.1:3100/token';

  /**
   * The simulator's clients, one per party it plays: JSON `{ "customs-officer": { "id", "secret" },
   * "screener": {…}, "ops": {…}, "airline": {…} }` (the launcher passes the embedded provider's
   * `sim-*` clients; `airline` carries every carrier of the timetable, and without it no airline is played).
   */
  @IsJSON({ message: 'SIM_CLIENTS must be JSON: {"customs-officer":{"id":"…","secret":"…"},"screener":{…},"ops":{…}}' })
  SIM_CLIENTS: string = '{}';

  @Min(1)
  @Max(100_000)
  @IsInt()
  SIM_SHIPMENTS: number = 800;

  @Min(0)
  @IsInt()
  SIM_SEED: number = 2027;
}
