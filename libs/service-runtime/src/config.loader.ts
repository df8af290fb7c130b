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

function flatten(errors: ValidationError[], prefix = ''): { variable: string; reason: string }[] {
  return errors.flatMap((error) => {
    const variable = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      variable,
      reason: `${reason} (got ${JSON.stringify(error.value)})`,
    }));
    return [...own, ...flatten(error.children ?? [], variable)];
  });
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
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(flatten(errors));
  return config;
}
