import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * Environment of the station-intake service; see BaseServiceConfig for the shared variables.
 *
 * Invariant: every limit a validation rule uses comes from here, so operations can tighten or relax
 * plausibility limits without a release.
 */
export class StationIntakeConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3101;

  /**
   * Key of the admin API (creates stations' API keys). Unset: the admin endpoints answer 403
   * `INTAKE.AUTH_ADMIN_DISABLED` — there is no default key, so a forgotten variable never opens them.
   */
  @IsOptional()
  @MinLength(24, { message: 'ADMIN_API_KEY must be at least 24 characters (use a random value)' })
  @IsString()
  ADMIN_API_KEY: string | undefined = undefined;

  /** Most pieces one intake may declare. */
  @Min(1)
  @IsInt()
  INTAKE_MAX_PIECES: number = 9999;

  /** Heaviest plausible shipment in kg (a full main deck of a wide-body freighter is ~100 t). */
  @Min(1)
  @IsInt()
  INTAKE_MAX_WEIGHT_KG: number = 100000;

  /** Largest plausible shipment volume in m³. */
  @Min(1)
  @IsInt()
  INTAKE_MAX_VOLUME_M3: number = 700;

  /** Densest plausible cargo in kg/m³ (steel is ~7,850); above it, weight or volume is a typo. */
  @Min(1)
  @IsInt()
  INTAKE_MAX_DENSITY_KG_PER_M3: number = 10000;

  /** How far in the future a timestamp may lie (terminal clock skew), in seconds. */
  @Min(0)
  @Max(86400)
  @IsInt()
  CLOCK_SKEW_TOLERANCE_SECONDS: number = 300;

  /** Most items in one `intakes/batch` request. */
  @Min(1)
  @Max(10000)
  @IsInt()
  BATCH_MAX_ITEMS: number = 200;

  /** Most data lines in one `intakes/csv` upload. */
  @Min(1)
  @Max(100000)
  @IsInt()
  CSV_MAX_ROWS: number = 2000;

}
