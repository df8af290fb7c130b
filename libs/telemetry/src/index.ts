/**
 * @cargo/telemetry — the OpenTelemetry SDK start of every service. Its own small library (not part
 * of @cargo/service-runtime's barrel) because it must be loaded before NestJS, Express, pg and
 * kafkajs: each app's `main.ts` imports it first.
 */
export * from './telemetry.start';
