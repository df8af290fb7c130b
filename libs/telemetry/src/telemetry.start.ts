import { diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Paths that are scraped or probed all the time: no spans for them (they would drown the traces). */
const UNTRACED_PATHS = new Set(['/metrics', '/health/live', '/health/ready']);

export interface TelemetryOptions {
  /** `service.name` of the resource, unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
  env?: Record<string, string | undefined>;
}

export interface TelemetryHandle {
  serviceName: string;
  /** Where spans are exported (`otlp http/json → <url>`, `console`), or undefined when nothing is exported. */
  exportTarget: string | undefined;
  /** False when OTEL_SDK_DISABLED=true: no SDK is registered. */
  enabled: boolean;
  /** Exports what is buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

const STARTED = Symbol.for('cargo.telemetry.started');
type GlobalWithTelemetry = typeof globalThis & { [STARTED]?: TelemetryHandle };

/**
 * The span exporters the standard `OTEL_*` variables ask for (OTLP over HTTP only):
 * - `OTEL_TRACES_EXPORTER`: `otlp`, `console`, `none` (comma-separated). Unset: `otlp` when an OTLP
 *   endpoint is set (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), else none.
 * - `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL`: `http/protobuf` (default, as the specification says) or `http/json`.
 * Endpoint, headers, timeout and compression are read by the exporters themselves from the usual variables.
 */
export function spanExportersFromEnv(env: Record<string, string | undefined>): { exporters: SpanExporter[]; target: string | undefined } {
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const listed = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const names = listed.length > 0 ? listed : endpoint ? ['otlp'] : [];
  if (names.includes('none')) return { exporters: [], target: undefined };
  const exporters: SpanExporter[] = [];
  const targets: string[] = [];
  for (const name of new Set(names)) {
    if (name === 'otlp') {
      const protocol = (env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] || env['OTEL_EXPORTER_OTLP_PROTOCOL'] || 'http/protobuf').trim();
      exporters.push(protocol === 'http/json' ? new OtlpJsonTraceExporter() : new OtlpProtoTraceExporter());
      targets.push(`otlp ${protocol === 'http/json' ? 'http/json' : 'http/protobuf'} → ${endpoint ?? 'http://localhost:4318'}`);
    } else if (name === 'console') {
      exporters.push(new ConsoleSpanExporter());
      targets.push('console');
    } else {
      diag.warn(`OTEL_TRACES_EXPORTER: "${name}" is not supported here (otlp, console, none); ignored`);
    }
  }
  return { exporters, target: targets.length > 0 ? targets.join(', ') : undefined };
}

/** OpenTelemetry's own warnings go to stderr as plain lines (before any service logger exists). */
const stderrDiag: DiagLogger = {
  error: (message, ...args) => process.stderr.write(`[otel] ${message} ${args.map(String).join(' ')}\n`),
  warn: (message, ...args) => process.stderr.write(`[otel] ${message} ${args.map(String).join(' ')}\n`),
  info: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

/**
 * Starts the OpenTelemetry Node SDK for a service: a tracer provider (resource = `service.name` plus
 * what OTEL_RESOURCE_ATTRIBUTES, the process and the host say), the W3C trace-context and baggage
 * propagators, an AsyncLocalStorage context manager, and the instrumentations of HTTP, Express,
 * NestJS, `pg` and `kafkajs`. Spans are exported only when the `OTEL_*` variables ask for it
 * ({@link spanExportersFromEnv}); without an exporter the SDK still runs, so trace context is
 * propagated (HTTP → outbox → Kafka → consumer) and log lines carry trace ids.
 *
 * Must run before `http`, `express`, `pg` and `kafkajs` are first loaded: each app's `main.ts`
 * imports its `telemetry.start.ts` first. Idempotent per process (`startService` calls it as
 * well, for services started in-process); the first call's service name wins.
 * `OTEL_SDK_DISABLED=true` turns it all off.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  const holder = globalThis as GlobalWithTelemetry;
  const existing = holder[STARTED];
  if (existing) return existing;
  const env = options.env ?? process.env;
  const serviceName = env['OTEL_SERVICE_NAME'] || options.serviceName;
  if ((env['OTEL_SDK_DISABLED'] ?? '').trim().toLowerCase() === 'true') {
    const disabled: TelemetryHandle = { serviceName, exportTarget: undefined, enabled: false, shutdown: async () => undefined };
    holder[STARTED] = disabled;
    return disabled;
  }
  diag.setLogger(stderrDiag, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  const { exporters, target } = spanExportersFromEnv(env);
  const spanProcessors: SpanProcessor[] = exporters.map((exporter) => new BatchSpanProcessor(exporter));
  const resource = detectResources({ detectors: [envDetector, processDetector, hostDetector] }).merge(
    resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register({
    propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // Outgoing calls (OTLP export, JWKS) are traced only inside a traced operation.
        requireParentforOutgoingSpans: true,
      }),
      // Route handlers only: a span per middleware (body parsers, CORS, ...) adds nothing to a trace.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new NestInstrumentation(),
      // The relay and the LISTEN connection poll all the time: only queries inside a traced operation get spans.
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  const handle: TelemetryHandle = {
    serviceName,
    exportTarget: target,
    enabled: true,
    shutdown: () => provider.shutdown(),
  };
  holder[STARTED] = handle;
  return handle;
}

/** The handle of the SDK started in this process, if any. */
export function runningTelemetry(): TelemetryHandle | undefined {
  return (globalThis as GlobalWithTelemetry)[STARTED];
}

/** `trace_id` and `span_id` of the active span (for log lines), or nothing outside a span. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return traceId && traceId !== '00000000000000000000000000000000' ? { trace_id: traceId, span_id: spanId } : undefined;
}
