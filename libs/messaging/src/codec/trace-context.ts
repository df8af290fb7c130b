import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
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
 * 1. The active span (what the registered propagator injects for the active context), when there is
 *    no `inherited` context or the active span is in the same trace: a consumer's work, an HTTP request.
 * 2. Otherwise `inherited`: the trace of the event (or shipment) this one belongs to, e.g. a batch
 *    decision that serves many shipments writes each shipment's event into that shipment's trace.
 *    The active span (the batch) then gets a link to it, so the batch shows every trace it served.
 * 3. Without a registered SDK there is no active span: `inherited`, carried through unchanged, so a
 *    chain of events stays in one trace all the same.
 */
export function currentTraceHeaders(inherited?: TraceHeaders): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const injected = sanitizeTraceHeaders({
    traceparent: carrier[TraceHeaderNames.TraceParent],
    tracestate: carrier[TraceHeaderNames.TraceState],
  });
  const fallback = sanitizeTraceHeaders(inherited);
  if (!fallback.traceparent) return injected;
  if (!injected.traceparent) return fallback;
  if (traceIdOf(injected.traceparent) === traceIdOf(fallback.traceparent)) return injected;
  const remote = trace.getSpanContext(contextFromTraceHeaders(fallback, ROOT_CONTEXT));
  const active = trace.getActiveSpan();
  if (remote && active?.isRecording()) active.addLink({ context: remote });
  return fallback;
}

/** The trace id (32 hex digits) of a valid `traceparent`. */
export function traceIdOf(traceparent: string): string {
  return traceparent.split('-')[1] ?? '';
}

/** The OpenTelemetry context of a consumed event (a no-op until a propagator is registered). */
export function contextFromTraceHeaders(headers: TraceHeaders, base: Context = context.active()): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier[TraceHeaderNames.TraceParent] = headers.traceparent;
  if (headers.tracestate) carrier[TraceHeaderNames.TraceState] = headers.tracestate;
  return propagation.extract(base, carrier);
}

/**
 * The context to do a consumed event's work in: the active one when it is already in the event's
 * trace (the kafkajs instrumentation's consume span, whose parent is the producer's span), else the
 * event's own trace context (no SDK, or a consumer path the instrumentation does not cover).
 */
export function consumeContext(headers: TraceHeaders): Context {
  const active = trace.getSpanContext(context.active());
  if (active && headers.traceparent && active.traceId === traceIdOf(headers.traceparent)) return context.active();
  return headers.traceparent ? contextFromTraceHeaders(headers) : context.active();
}
