import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError, loadConfig } from './config.loader';

class ProbeConfig extends BaseServiceConfig {
  @Min(1)
  @Max(1000)
  @IsInt()
  BATCH_LIMIT: number = 200;
}

function problemsOf(env: Record<string, string>): { variable: string; reason: string }[] {
  try {
    loadConfig(ProbeConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('uses the class defaults when the environment is empty', () => {
    const config = loadConfig(ProbeConfig, {});
    expect(config).toBeInstanceOf(ProbeConfig);
    expect(config.BATCH_LIMIT).toBe(200);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('converts numbers and keeps valid overrides', () => {
    const config = loadConfig(ProbeConfig, {
      HTTP_PORT: '8080',
      BATCH_LIMIT: '50',
      DATABASE_URL: 'postgres://u:p@db:5432/cargo',
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      UNRELATED: 'ignored',
    });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.BATCH_LIMIT).toBe(50);
    expect(config.DATABASE_URL).toBe('postgres://u:p@db:5432/cargo');
  });

  it.each([
    ['HTTP_PORT', '70000', /must not be greater than 65535/],
    ['HTTP_PORT', 'eighty', /must be an integer/],
    ['BATCH_LIMIT', '0', /must not be less than 1/],
    ['DATABASE_URL', 'mysql://x', /postgres:\/\//],
    ['KAFKA_BROKERS', 'kafka without port', /host:port/],
    ['LOG_LEVEL', 'chatty', /must be one of/],
  ])('names %s when it is %j', (variable, value, reason) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.variable).toBe(variable);
    expect(problems[0]?.reason).toMatch(reason);
  });

  it('reports every bad variable at once, in a message naming each', () => {
    try {
      loadConfig(ProbeConfig, { HTTP_PORT: '-1', BATCH_LIMIT: '5000' });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const message = (error as Error).message;
      expect(message).toContain('HTTP_PORT');
      expect(message).toContain('BATCH_LIMIT');
    }
  });
});

describe('loadConfig with the shared clock settings', () => {
  it('converts an optional number (CLOCK_REAL_ORIGIN) too', () => {
    const config = loadConfig(ProbeConfig, { CLOCK_SPEED: '60', CLOCK_REAL_ORIGIN: '1795574238424', CLOCK_SIM_ORIGIN: '2026-11-25T06:00:00+08:00' });
    expect(config.CLOCK_SPEED).toBe(60);
    expect(config.CLOCK_REAL_ORIGIN).toBe(1795574238424);
  });
});

describe('loadConfig with Kafka credentials', () => {
  it('needs a user and password with a SASL mechanism, and knows the mechanisms', () => {
    expect(() => loadConfig(BaseServiceConfig, { KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME is required[\s\S]*KAFKA_SASL_PASSWORD is required|KAFKA_SASL_PASSWORD is required[\s\S]*KAFKA_SASL_USERNAME is required/);
    expect(() => loadConfig(BaseServiceConfig, { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(/KAFKA_SASL_MECHANISM must be/);
    expect(loadConfig(BaseServiceConfig, { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).KAFKA_SASL_USERNAME).toBe('u');
  });
});
