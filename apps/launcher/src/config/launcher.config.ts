import { DATABASE_URL_PATTERN, KAFKA_BROKERS_PATTERN } from '@cargo/service-runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * Environment of `npm start`. Unset KAFKA_BROKERS / DATABASE_URL mean "start the embedded one";
 * set, they switch the whole system to external infrastructure.
 */
export class LauncherConfig {
  @IsString()
  @MinLength(1)
  DATA_DIR: string = '.data';

  @IsOptional()
  @Matches(KAFKA_BROKERS_PATTERN, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS: string | undefined = undefined;

  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL: string | undefined = undefined;

  @Min(1)
  @Max(65535)
  @IsInt()
  BROKER_PORT: number = 9092;

  @Min(1)
  @Max(65535)
  @IsInt()
  EMBEDDED_PG_PORT: number = 54329;

  @Min(1)
  @Max(65535)
  @IsInt()
  STATION_INTAKE_PORT: number = 3101;

  @Min(1)
  @Max(65535)
  @IsInt()
  CUSTOMS_HOLD_PORT: number = 3102;

  @Min(1)
  @Max(65535)
  @IsInt()
  FLIGHT_ASSIGNMENT_PORT: number = 3103;

  @Min(1)
  @Max(65535)
  @IsInt()
  TRACKING_PORT: number = 3104;

  /** Port of the embedded OpenID provider (only used when OIDC_ISSUER is unset). */
  @Min(1)
  @Max(65535)
  @IsInt()
  IDENTITY_PORT: number = 3100;

  /** An external OpenID provider the services trust instead of the embedded one (e.g. Keycloak's realm URL). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER: string | undefined = undefined;

  /** Partitions for the topics the services create at start-up. */
  @Min(1)
  @Max(64)
  @IsInt()
  KAFKA_TOPIC_PARTITIONS: number = 3;

  /** Run the traffic simulator too ("false" or "0" to leave it out). */
  // From the raw variable: implicit conversion would read any non-empty string, "false" too, as true.
  @Transform(({ obj, key, value }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return typeof raw === 'string' ? !['false', '0', 'no', 'off'].includes(raw.toLowerCase()) : value;
  })
  @IsBoolean()
  SIMULATOR: boolean = true;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';
}
