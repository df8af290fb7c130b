import { context, propagation, type Context } from '@opentelemetry/api';
import { TraceHeaderNames } from './cloud-event.headers';

/** The W3C trace context an event carries (`traceparent`, optional `tracestate`). */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** True for a syntactically valid W3C `traceparent` (version, non-zero trace id and parent id). */
export function isValidTraceParent(value: string | undefined): value is string {
  return value !== undefined && TRACEPARENT.test(value);
}

/** Keeps only a valid `traceparent` (and its `tracestate`); tracing data never poisons an event. */
export function sanitizeTraceHeaders(headers: TraceHeaders | undefined): TraceHeaders {
  if (!headers || !isValidTraceParent(headers.traceparent)) return {};
  return headers.tracestate ? { traceparent: headers.traceparent, tracestate: headers.tracestate } : { traceparent: headers.traceparent };
}

/**
 * The trace context to stamp on an event being written now.
 *
 * 1. Whatever the globally registered OpenTelemetry propagator injects for the active context
 *    (once `@cargo/telemetry` registers the W3C propagator and an SDK, this is the current span).
 * 2. Otherwise `inherited`: the trace context of the event that caused this one, carried through
 *    unchanged so a chain of events stays in one trace even before the SDK is installed.
 * 3. Otherwise nothing.
 */
export function currentTraceHeaders(inherited?: TraceHeaders): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const injected = sanitizeTraceHeaders({
    traceparent: carrier[TraceHeaderNames.TraceParent],
    tracestate: carrier[TraceHeaderNames.TraceState],
  });
  if (injected.traceparent) return injected;
  return sanitizeTraceHeaders(inherited);
}

/** The OpenTelemetry context of a consumed event (a no-op until a propagator is registered). */
export function contextFromTraceHeaders(headers: TraceHeaders): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier[TraceHeaderNames.TraceParent] = headers.traceparent;
  if (headers.tracestate) carrier[TraceHeaderNames.TraceState] = headers.tracestate;
  return propagation.extract(context.active(), carrier);
}
