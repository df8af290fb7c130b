import { context, createContextKey, type Context } from '@opentelemetry/api';

/**
 * The context key under which log fields (`awb`, `event_id`) ride along with the work they describe;
 * the service logger (`@cargo/service-runtime`) adds them to every line written inside. The key is
 * `Symbol.for('cargo.log-fields')` (what `createContextKey` makes), shared without a dependency.
 */
export const MESSAGING_LOG_FIELDS_KEY = createContextKey('cargo.log-fields');

/** `ctx` with `fields` added to the log fields it already carries. */
export function withMessagingLogFields(ctx: Context, fields: Record<string, string | undefined>): Context {
  const current = (ctx.getValue(MESSAGING_LOG_FIELDS_KEY) as Record<string, string> | undefined) ?? {};
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return ctx.setValue(MESSAGING_LOG_FIELDS_KEY, { ...current, ...defined });
}

/** The log fields of the active context. */
export function activeMessagingLogFields(): Record<string, string> {
  return (context.active().getValue(MESSAGING_LOG_FIELDS_KEY) as Record<string, string> | undefined) ?? {};
}
