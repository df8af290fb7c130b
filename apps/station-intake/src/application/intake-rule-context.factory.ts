import { findAirport } from '@cargo/seeds';
import type { IntakeLimits, IntakeRuleContext } from '../domain/intake.rules';
import type { StationIntakeConfig } from '../config/station-intake.config';

/** The intake rules' limits, from config. */
export function intakeLimitsFrom(config: StationIntakeConfig): IntakeLimits {
  return {
    maxPieces: config.INTAKE_MAX_PIECES,
    maxWeightKg: config.INTAKE_MAX_WEIGHT_KG,
    maxVolumeM3: config.INTAKE_MAX_VOLUME_M3,
    maxDensityKgPerM3: config.INTAKE_MAX_DENSITY_KG_PER_M3,
    clockSkewToleranceMs: config.CLOCK_SKEW_TOLERANCE_SECONDS * 1000,
  };
}

/** Rule context with the seeds' airports as reference data. */
export function intakeRuleContext(limits: IntakeLimits, now: Date): IntakeRuleContext {
  return { limits, now, airportRegion: (code) => findAirport(code)?.region };
}
