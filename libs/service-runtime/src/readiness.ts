import type { HealthIndicatorResult } from '@nestjs/terminus';

/**
 * One extra entry of `GET /health/ready` (beside `database`), e.g. messaging's `kafka` detail.
 * It decides itself whether it can fail readiness: a `down` result makes the service not ready.
 */
export type ReadinessCheck = () => HealthIndicatorResult | Promise<HealthIndicatorResult>;

/**
 * Optional provider (visible to `HealthModule`, e.g. from a global module) of `ReadinessCheck[]`
 * that `/health/ready` runs after the database ping.
 */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
