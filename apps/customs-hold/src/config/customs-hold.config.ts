import { IsNotBelowField } from '@cargo/contracts';
import { BaseServiceConfig } from '@cargo/service-runtime';
import { IsInt, IsNumber, IsPositive, IsString, Matches, Max, Min } from 'class-validator';
import type { CustomsRulesConfig } from '../domain/customs-rules.config';

const SHARE = { allowNaN: false, allowInfinity: false } as const;
const SHARE_MESSAGE = { message: '$property must be a share between 0 and 1 (e.g. 0.1 for 10%)' };

/**
 * Environment of the customs-hold service; see BaseServiceConfig for the shared variables.
 *
 * Invariants (checked at boot): every share is in [0, 1]; screening shares do not decrease from
 * grade A (best) to D (worst); HS prefixes are comma-separated 2–10 digit prefixes.
 */
export class CustomsHoldConfig extends BaseServiceConfig {
  @Min(0)
  @Max(65535)
  @IsInt()
  override HTTP_PORT: number = 3102;

  /** Deep-screening share of credit grade A (best). */
  @Min(0, SHARE_MESSAGE)
  @Max(1, SHARE_MESSAGE)
  @IsNumber(SHARE, SHARE_MESSAGE)
  SCREENING_SHARE_A: number = 0.02;

  @IsNotBelowField('SCREENING_SHARE_A')
  @Min(0, SHARE_MESSAGE)
  @Max(1, SHARE_MESSAGE)
  @IsNumber(SHARE, SHARE_MESSAGE)
  SCREENING_SHARE_B: number = 0.1;

  @IsNotBelowField('SCREENING_SHARE_B')
  @Min(0, SHARE_MESSAGE)
  @Max(1, SHARE_MESSAGE)
  @IsNumber(SHARE, SHARE_MESSAGE)
  SCREENING_SHARE_C: number = 0.3;

  /** Deep-screening share of credit grade D (worst); 1 = every shipment. */
  @IsNotBelowField('SCREENING_SHARE_C')
  @Min(0, SHARE_MESSAGE)
  @Max(1, SHARE_MESSAGE)
  @IsNumber(SHARE, SHARE_MESSAGE)
  SCREENING_SHARE_D: number = 1;

  /** E-commerce parcels declared above this value per kg of gross weight (in CNY) are risk-flagged. */
  @IsPositive({ message: '$property must be a positive number of CNY per kg' })
  @IsNumber(SHARE, { message: '$property must be a number of CNY per kg' })
  ECOMMERCE_MAX_VALUE_PER_KG_CNY: number = 3000;

  /** HS code prefixes not allowed in the e-commerce flow, comma-separated (e.g. `93,2402`). */
  @Matches(/^\d{2,10}(,\d{2,10})*$/, { message: '$property must be comma-separated HS code prefixes of 2 to 10 digits, e.g. 93,2402' })
  @IsString()
  ECOMMERCE_BLACKLISTED_HS_PREFIXES: string = '93,2402,2403,7106,7108';

  /** Share of unflagged e-commerce shipments marked for a post-release check. */
  @Min(0, SHARE_MESSAGE)
  @Max(1, SHARE_MESSAGE)
  @IsNumber(SHARE, SHARE_MESSAGE)
  ECOMMERCE_SAMPLE_SHARE: number = 0.05;
}

/** The rules' configuration from the validated environment. */
export function rulesConfigOf(config: CustomsHoldConfig): CustomsRulesConfig {
  return {
    screeningShares: { A: config.SCREENING_SHARE_A, B: config.SCREENING_SHARE_B, C: config.SCREENING_SHARE_C, D: config.SCREENING_SHARE_D },
    ecommerce: {
      maxDeclaredValuePerKgCny: config.ECOMMERCE_MAX_VALUE_PER_KG_CNY,
      blacklistedHsPrefixes: config.ECOMMERCE_BLACKLISTED_HS_PREFIXES.split(','),
      sampleShare: config.ECOMMERCE_SAMPLE_SHARE,
    },
  };
}
