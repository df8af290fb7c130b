import { context, propagation, ROOT_CONTEXT, trace, type Context, type ContextManager, type TextMapPropagator } from '@opentelemetry/api';
import { consumeContext, contextFromTraceHeaders, currentTraceHeaders, isValidTraceParent } from './trace-context';
import { must } from '../testing/must';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const ACTIVE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A minimal W3C propagator (what @opentelemetry/core's would do), to play the registered SDK. */
const w3c: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (!span) return;
    setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
  },
  extract(ctx, carrier, getter) {
    const value = getter.get(carrier, 'traceparent');
    const text = Array.isArray(value) ? value[0] : value;
    if (!text) return ctx;
    const [, traceId, spanId, flags] = text.split('-');
    return trace.setSpanContext(ctx, { traceId: must(traceId), spanId: must(spanId), traceFlags: Number.parseInt(must(flags), 16), isRemote: true });
  },
  fields: () => ['traceparent'],
};

/** Synchronous context manager (the SDK registers an AsyncLocalStorage one; the API alone has none). */
class StackContextManager implements ContextManager {
  private stack: Context[] = [];
  active(): Context {
    return this.stack[this.stack.length - 1] ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack = [];
    return this;
  }
}

describe('trace context', () => {
  afterEach(() => {
    propagation.disable();
    context.disable();
  });

  it('validates W3C traceparent syntax', () => {
    expect(isValidTraceParent(PARENT)).toBe(true);
    expect(isValidTraceParent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBe(false);
    expect(isValidTraceParent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7')).toBe(false);
    expect(isValidTraceParent(undefined)).toBe(false);
  });

  it('without a registered propagator, carries the causing event trace context through', () => {
    expect(currentTraceHeaders({ traceparent: PARENT, tracestate: 'a=b' })).toEqual({ traceparent: PARENT, tracestate: 'a=b' });
    expect(currentTraceHeaders()).toEqual({});
    expect(currentTraceHeaders({ traceparent: 'bogus' })).toEqual({});
  });

  it('with a registered propagator, stamps the active span when it is in the inherited trace', () => {
    propagation.setGlobalPropagator(w3c);
    context.setGlobalContextManager(new StackContextManager());
    const consumeSpan = '00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01';
    const stamped = context.with(contextFromTraceHeaders({ traceparent: consumeSpan }), () => currentTraceHeaders({ traceparent: PARENT }));
    expect(stamped).toEqual({ traceparent: consumeSpan });
    expect(context.with(contextFromTraceHeaders({ traceparent: ACTIVE }), () => currentTraceHeaders())).toEqual({ traceparent: ACTIVE });
  });

  it('keeps the inherited trace when the active span belongs to another trace (a batch serving many shipments)', () => {
    propagation.setGlobalPropagator(w3c);
    context.setGlobalContextManager(new StackContextManager());
    const stamped = context.with(contextFromTraceHeaders({ traceparent: ACTIVE }), () => currentTraceHeaders({ traceparent: PARENT }));
    expect(stamped).toEqual({ traceparent: PARENT });
  });

  it('consumes in the active context when it is in the record trace, else in the record trace', () => {
    propagation.setGlobalPropagator(w3c);
    context.setGlobalContextManager(new StackContextManager());
    const consumeSpan = '00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01';
    const inConsumeSpan = context.with(contextFromTraceHeaders({ traceparent: consumeSpan }), () => consumeContext({ traceparent: PARENT }));
    expect(trace.getSpanContext(inConsumeSpan)?.spanId).toBe('b7ad6b7169203331');
    const elsewhere = context.with(contextFromTraceHeaders({ traceparent: ACTIVE }), () => consumeContext({ traceparent: PARENT }));
    expect(trace.getSpanContext(elsewhere)?.spanId).toBe('00f067aa0ba902b7');
  });
});
