import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

/** Thrown at boot when the environment does not satisfy a service's config class. */
export class ConfigValidationError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  - ${problem.variable}: ${problem.reason}`).join('\n')}`,
    );
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, unknown>): { variable: string; reason: string }[] {
  return errors.map((error) => ({
    variable: error.property,
    reason: `${Object.values(error.constraints ?? {}).join('; ')} (got ${JSON.stringify(raw[error.property] ?? null)})`,
  }));
}

/**
 * Builds a service's config object from environment variables and checks it with class-validator.
 * Every property of the class is an environment variable of the same name; defaults are the
 * class's property initialisers. Unknown variables are ignored (the environment holds many).
 *
 * @throws ConfigValidationError naming every bad or missing variable
 */
export function loadConfig<T extends object>(
  ConfigClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defaults = new ConfigClass() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(ConfigClass, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigValidationError(describe(errors, raw));
  return config;
}
