import { DynamicModule, INestApplication, Logger, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DatabaseResolution, resolveDatabase } from '@cargo/persistence';
import { resolve } from 'node:path';
import { BaseServiceConfig } from './base-service.config';
import { ClockModule } from './clock.module';
import { MigrationPolicyModule } from './service-database.module';
import { ConfigValidationError, loadConfig } from './config.loader';
import { clockFromConfig } from './scaled.clock';
import { documentCsvExports } from './http/csv-export.interceptor';
import { installHttpEdge } from './http/http-edge.installer';
import type { HttpErrorStatuses } from './http/http-edge.types';
import { createServiceRegistry, installMetricsEndpoint } from './telemetry/metrics.endpoint';
import { MetricsModule } from './telemetry/metrics.module';
import { createServiceLogger, PinoNestLogger, type LogFormat } from './telemetry/service.logger';
import { runningTelemetry, startTelemetry } from '@cargo/telemetry';
import { AccessGuard } from './auth/access.guard';
import { ClientThrottlerGuard } from './auth/client-throttler.guard';
import { TokenVerifier } from './auth/token.verifier';

/**
 * Root of every service: the shared providers (clock, token verifier, the access guard and the
 * per-client rate limit, in that order) around the service's own module.
 */
@Module({})
class ServiceRootModule {}

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** e.g. 'station-intake' */
  name: string;
  title: string;
  description: string;
  configClass: new () => C;
  /**
   * The service's HTTP error edge: the prefix of its error codes (`CUSTOMS`) and the status of each
   * code (a table the compiler checks for completeness), plus any text body types it accepts.
   */
  errors: { prefix: string; statuses: HttpErrorStatuses<string>; textTypes?: string[] };
  /** Builds the root module once config and database URL are known. */
  module: (config: C, databaseUrl: string) => DynamicModule;
  /** Extra wiring before listen (e.g. Kafka microservice). */
  configure?: (app: INestApplication, config: C) => void | Promise<void>;
}

export interface RunningService<C> {
  app: INestApplication;
  config: C;
  url: string;
  database: DatabaseResolution;
  stop(): Promise<void>;
}

/**
 * Boots a service: validated config, database (external or embedded), Nest app with OpenAPI at
 * `/docs`. `stop()` closes the app (running Nest's shutdown hooks) and an owned embedded database. Throws `ConfigValidationError` on bad config (see `runServiceMain`).
 */
export async function startService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService<C>> {
  // Normally already started by the app's main.ts (before http, pg and kafkajs load); idempotent.
  const telemetry = startTelemetry({ serviceName: definition.name, env });
  const config = loadConfig(definition.configClass, env);
  const serviceLogger = new PinoNestLogger(createServiceLogger({ service: definition.name, level: config.LOG_LEVEL, format: config.LOG_FORMAT as LogFormat }));
  Logger.overrideLogger(serviceLogger);
  const logger = new Logger(definition.name);
  const registry = createServiceRegistry(definition.name);
  const database = await resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: resolve(config.DATA_DIR, 'postgres'),
    embeddedPort: config.EMBEDDED_PG_PORT,
    log: (line) => logger.log(line),
  });
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [
      ClockModule.forRoot(clockFromConfig(config)),
      MigrationPolicyModule.forRoot(config.MIGRATE_AT_BOOT === 'true'),
      MetricsModule.forRoot(registry),
      ThrottlerModule.forRoot({ throttlers: [{ name: 'per-client', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
      definition.module(config, database.url),
    ],
    providers: [
      { provide: TokenVerifier, useValue: new TokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }) },
      { provide: APP_GUARD, useClass: AccessGuard },
      { provide: APP_GUARD, useClass: ClientThrottlerGuard },
    ],
  };
  const app = await NestFactory.create(root, {
    logger: serviceLogger,
    // The HTTP edge installs the body parsers itself (limits, UTF-8 and depth checks, one error shape).
    bodyParser: false,
    // Shutdown must not wait for clients' idle keep-alive connections.
    forceCloseConnections: true,
  });
  // Before the edge and the guards: /metrics is unauthenticated (no party data) and times every request.
  installMetricsEndpoint(app, registry);
  installHttpEdge(app, {
    errorPrefix: definition.errors.prefix,
    statuses: definition.errors.statuses,
    bodyLimitKb: config.BODY_LIMIT_KB,
    corsOrigins: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : [],
    textTypes: definition.errors.textTypes,
  });
  const document = documentCsvExports(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(definition.title)
      .setDescription(definition.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OAuth 2.0 / OpenID Connect access token of the trusted issuer (OIDC_ISSUER)' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Station terminal API key (station endpoints only)' }, 'api-key')
      .build(),
  ));
  SwaggerModule.setup('docs', app, document);
  await definition.configure?.(app, config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.HTTP_HOST}:${address.port}`;
  logger.log(`${definition.name} ready on ${url} (database: ${database.mode}; docs: ${url}/docs; metrics: ${url}/metrics)`);
  logger.log(telemetry.exportTarget ? `traces exported to ${telemetry.exportTarget}` : 'traces: not exported (no OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_TRACES_EXPORTER)');
  return {
    app,
    config,
    url,
    database,
    stop: async () => {
      await app.close();
      if (database.owned) await database.stop();
    },
  };
}

/** Entry point for `main.ts`: starts the service or exits non-zero with the reason. */
export function runServiceMain<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): void {
  startService(definition).then(
    (running) => {
      const shutdown = () => {
        running
          .stop()
          .then(() => runningTelemetry()?.shutdown())
          .then(
            () => process.exit(0),
            () => process.exit(1),
          );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      if (error instanceof ConfigValidationError) {
        console.error(`[${definition.name}] ${error.message}`);
      } else {
        console.error(`[${definition.name}] failed to start:`, error);
      }
      process.exit(1);
    },
  );
}
