import { EventRejectedError, MessagingError, MessagingErrorCodes } from '../errors/messaging.error';

/**
 * What to do with a failure while applying an event:
 * - `permanent`: retrying cannot help (malformed record, unknown type, invalid payload, or the
 *   handler's {@link EventRejectedError}) → dead-letter at once.
 * - `infrastructure`: the database or broker is unavailable or the transaction lost a race
 *   (connection refused/reset/terminated, PostgreSQL classes 08/53/57P0x, serialization failure,
 *   deadlock) → retry with backoff; when the budget is spent, do NOT dead-letter a valid event:
 *   leave it uncommitted so Kafka redelivers it once the dependency is back.
 * - `handler`: anything else the handler threw (a bug, an unexpected state) → retry with backoff;
 *   when the budget is spent, dead-letter with `MESSAGING.HANDLER_FAILED`.
 */
export type FailureKind = 'permanent' | 'infrastructure' | 'handler';

const PERMANENT_CODES: ReadonlySet<string> = new Set([
  MessagingErrorCodes.MalformedRecord,
  MessagingErrorCodes.UnknownEventType,
  MessagingErrorCodes.InvalidPayload,
]);

const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

const INFRASTRUCTURE_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /timeout exceeded when trying to connect/i,
  /connection (is )?not (yet )?open/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Query read timeout/i,
];

/** PostgreSQL SQLSTATEs that mean "try again later", not "this event is wrong". */
function isTransientSqlState(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code.startsWith('53') || // insufficient resources
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now
    code === '40001' || // serialization_failure
    code === '40P01' // deadlock_detected
  );
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof EventRejectedError) return 'permanent';
  if (error instanceof MessagingError) {
    if (PERMANENT_CODES.has(error.code)) return 'permanent';
    if (error.code === MessagingErrorCodes.InfrastructureUnavailable || error.code === MessagingErrorCodes.ShuttingDown) return 'infrastructure';
  }
  return isInfrastructureError(error) ? 'infrastructure' : 'handler';
}

/** True when `error` (or anything in its cause / driverError chain) says a dependency is unavailable. */
export function isInfrastructureError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; errno?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; retriable?: unknown };
  if (typeof e.code === 'string' && (NETWORK_ERRNOS.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && isTransientSqlState(e.code)))) return true;
  if (typeof e.name === 'string' && /^KafkaJS/.test(e.name) && e.name !== 'KafkaJSNonRetriableError') return true;
  if (typeof e.message === 'string' && INFRASTRUCTURE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  return isInfrastructureError(e.driverError, depth + 1) || isInfrastructureError(e.cause, depth + 1);
}

/** Stable code for a dead letter caused by `error`. */
export function deadLetterCode(error: unknown, kind: FailureKind): string {
  if (error instanceof EventRejectedError) return error.code;
  if (error instanceof MessagingError) return error.code;
  return kind === 'handler' ? MessagingErrorCodes.HandlerFailed : MessagingErrorCodes.InfrastructureUnavailable;
}
