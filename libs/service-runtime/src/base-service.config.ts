import 'reflect-metadata';
import { IsISO8601, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { Type } from 'class-transformer';
import { CLOCK_MODES, type ClockMode } from './scaled.clock';

/** `postgres://…` or `postgresql://…` */
export const DATABASE_URL_PATTERN = /^postgres(ql)?:\/\/\S+$/;
/** `host:port[,host:port…]` */
export const KAFKA_BROKERS_PATTERN = /^[^\s,]+:\d{1,5}(,[^\s,]+:\d{1,5})*$/;

/**
 * The shared accelerated clock (see ScaledClock): domain time runs CLOCK_SPEED times faster, showing
 * CLOCK_SIM_ORIGIN at real time CLOCK_REAL_ORIGIN (epoch ms); CLOCK_MODE=manual swaps it for a
 * clock that moves only when told. Defaults: the system clock. Every process that takes part in a
 * simulated day (services, simulator) reads these variables; `clockFromConfig` builds the clock.
 */
export class SharedClockConfig {
  @Min(0.001)
  @Max(100_000)
  @IsNumber()
  CLOCK_SPEED: number = 1;

  @IsOptional()
  @IsISO8601({ strict: true })
  CLOCK_SIM_ORIGIN: string | undefined = undefined;

  @IsOptional()
  @Min(0)
  @IsInt()
  @Type(() => Number) // an optional number has no design type to convert by
  CLOCK_REAL_ORIGIN: number | undefined = undefined;

  /**
   * `scaled`: the shared clock above (real time, or accelerated like the simulator's); `manual`: starts
   * at CLOCK_SIM_ORIGIN (or the shared clock's now) and moves only when advanced (flight-assignment:
   * POST /v1/ops/clock/advance; tests, step-by-step demos).
   */
  @IsIn(CLOCK_MODES)
  CLOCK_MODE: ClockMode = 'scaled';
}

/**
 * Settings every service reads from its environment. Subclasses add their own and override the
 * defaults (each service has its own default HTTP port).
 *
 * Invariant: a property with `undefined` as its initialiser is still listed (as `undefined`) so the
 * loader knows the variable exists; `@IsOptional()` marks the ones that may stay unset.
 * Type checks sit nearest the property: checked first (with `stopAtFirstError`), a non-number is
 * reported as such rather than as out of range.
 */
export class BaseServiceConfig extends SharedClockConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  HTTP_PORT: number = 3000;

  @IsString()
  @MinLength(1)
  HTTP_HOST: string = '127.0.0.1';

  /** External PostgreSQL. Unset: the embedded PostgreSQL under DATA_DIR is used. */
  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL: string | undefined = undefined;

  /** Port of the embedded PostgreSQL (only used when DATABASE_URL is unset). */
  @Min(1)
  @Max(65535)
  @IsInt()
  EMBEDDED_PG_PORT: number = 54329;

  /** Where embedded infrastructure keeps its data. */
  @IsString()
  @MinLength(1)
  DATA_DIR: string = '.data';

  @IsString()
  @Matches(KAFKA_BROKERS_PATTERN, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** TLS to Apache Kafka ("true"); implied by any KAFKA_SSL_*_FILE. */
  @IsOptional()
  @IsIn(['true', 'false'])
  KAFKA_SSL: string | undefined = undefined;

  /** PEM files: the cluster's CA, and this service's certificate and key for mutual TLS. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE: string | undefined = undefined;

  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE: string | undefined = undefined;

  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE: string | undefined = undefined;

  /** "false" only for a test cluster with a self-signed certificate. */
  @IsOptional()
  @IsIn(['true', 'false'])
  KAFKA_SSL_REJECT_UNAUTHORIZED: string | undefined = undefined;

  /** SASL mechanism of this service's Kafka user (scram-sha-512 on Strimzi); unset: no SASL. */
  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'], { message: 'KAFKA_SASL_MECHANISM must be plain, scram-sha-256 or scram-sha-512' })
  KAFKA_SASL_MECHANISM: string | undefined = undefined;

  @ValidateIf((c: BaseServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  @MinLength(1, { message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME: string | undefined = undefined;

  @ValidateIf((c: BaseServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  @MinLength(1, { message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD: string | undefined = undefined;

  /** Partitions of the topics a service creates when they are missing (existing ones are never repartitioned). */
  @Min(1)
  @Max(1000)
  @IsInt()
  KAFKA_TOPIC_PARTITIONS: number = 3;

  /** Replication factor of the topics a service creates. */
  @Min(1)
  @Max(10)
  @IsInt()
  KAFKA_REPLICATION_FACTOR: number = 1;

  /**
   * Partitions one replica consumes at once (kafkajs `partitionsConsumedConcurrently`); records of
   * one partition are always handled in order. Sizing: partitions ≥ replicas × this (README, "Capacity").
   */
  @Min(1)
  @Max(1000)
  @IsInt()
  KAFKA_CONSUMER_CONCURRENCY: number = 3;

  /**
   * Records of a fetched Kafka batch a consumer applies in one database transaction (kafkajs
   * `eachBatch`; each record under its own savepoint, see @cargo/messaging). 0: one transaction per
   * record (`eachMessage`).
   */
  @Min(0)
  @Max(10_000)
  @IsInt()
  KAFKA_CONSUMER_BATCH_MAX_RECORDS: number = 500;

  /**
   * How long the group waits for a silent member (a replica that died) before its partitions move
   * to the others: consumption of those partitions stops for up to this long after a crash.
   */
  @Min(6000)
  @Max(300_000)
  @IsInt()
  KAFKA_SESSION_TIMEOUT_MS: number = 30_000;

  /**
   * Hours processed-event ids and published outbox rows are kept before the purge deletes them
   * (in batches); 0 keeps them forever. Must exceed the longest time a record can be delivered again
   * (topic retention when consumer groups may be rewound), or a re-delivery would apply twice.
   */
  @Min(0)
  @Max(100_000)
  @IsInt()
  MESSAGING_RETENTION_HOURS: number = 168;

  /** Seconds between two purges of expired messaging rows. */
  @Min(1)
  @Max(86_400)
  @IsInt()
  MESSAGING_PURGE_INTERVAL_SECONDS: number = 300;

  /** Rows one purge statement deletes (short transactions, no long locks). */
  @Min(1)
  @Max(1_000_000)
  @IsInt()
  MESSAGING_PURGE_BATCH_SIZE: number = 5000;

  /**
   * "false": the service does not migrate its schema at boot (the deployment's migrate command or
   * Job does) and refuses to start while a migration is pending. Default "true" (under an advisory
   * lock, so replicas starting together migrate once).
   */
  @IsIn(['true', 'false'])
  MIGRATE_AT_BOOT: string = 'true';

  /** Largest HTTP request body accepted, in KiB (413 above it). */
  @Min(1)
  @Max(102400)
  @IsInt()
  BODY_LIMIT_KB: number = 1024;

  /**
   * Issuer of the OAuth 2.0 / OpenID Connect tokens this service trusts (its discovery document
   * names the JWKS). Unset: no bearer token is accepted, so every route that needs one answers 401.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER: string | undefined = undefined;

  /** The audience every accepted token must name. */
  @IsString()
  @MinLength(1)
  OIDC_AUDIENCE: string = 'urn:cargo-hub';

  /** Where the issuer's signing keys are, when not from its discovery document. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  OIDC_JWKS_URL: string | undefined = undefined;

  /** Requests per minute one client (token subject, API key or address) may make; 429 above. */
  @Min(1)
  @Max(1_000_000)
  @IsInt()
  RATE_LIMIT_PER_MINUTE: number = 3000;

  /** Browser origins allowed to call the API cross-origin (comma-separated); unset: same origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS: string | undefined = undefined;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';

  /** `json`: one JSON object per line (level, service, trace and span ids, AWB and event id where known); `pretty`: readable lines. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: string = 'json';
}
