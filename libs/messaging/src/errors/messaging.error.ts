/**
 * Stable error codes of `@cargo/messaging`. They travel in the `dlq_error_code` header of dead
 * letters and in logs, so they never change meaning; new situations get new codes.
 */
export const MessagingErrorCodes = {
  /** The Kafka record is not a CloudEvents binary-mode record we can read (headers, JSON value). */
  MalformedRecord: 'MESSAGING.MALFORMED_RECORD',
  /** The envelope's `type` is not in the consumer's event registry. */
  UnknownEventType: 'MESSAGING.UNKNOWN_EVENT_TYPE',
  /** The payload failed class-validator validation against its contract class. */
  InvalidPayload: 'MESSAGING.INVALID_PAYLOAD',
  /** The handler kept failing (non-infrastructure error) after every retry. */
  HandlerFailed: 'MESSAGING.HANDLER_FAILED',
  /** The handler rejected the event for a domain reason (see {@link EventRejectedError}); not retried. */
  EventRejected: 'MESSAGING.EVENT_REJECTED',
  /** Database or broker unreachable after every retry: the record is NOT dead-lettered, it is redelivered. */
  InfrastructureUnavailable: 'MESSAGING.INFRASTRUCTURE_UNAVAILABLE',
  /** The consumer is shutting down; the record is left uncommitted and redelivered. */
  ShuttingDown: 'MESSAGING.SHUTTING_DOWN',
  /** `OutboxRelay.flush()` did not see every committed row published in time. */
  FlushTimeout: 'MESSAGING.FLUSH_TIMEOUT',
  /** `OutboxWriter.append` was called outside a database transaction (the outbox guarantee needs one). */
  NoTransaction: 'MESSAGING.NO_TRANSACTION',
  /** Configuration (environment or module options) is invalid. */
  InvalidConfig: 'MESSAGING.INVALID_CONFIG',
  /** Topic provisioning failed (e.g. the broker refused CreateTopics). */
  TopicProvisioningFailed: 'MESSAGING.TOPIC_PROVISIONING_FAILED',
} as const;

export type MessagingErrorCode = (typeof MessagingErrorCodes)[keyof typeof MessagingErrorCodes];

/**
 * Base error of the library. `code` is stable (see {@link MessagingErrorCodes}); `details` carries
 * structured context (e.g. field errors) that is safe to log and to put in a dead-letter header.
 */
export class MessagingError extends Error {
  override readonly name: string = 'MessagingError';

  constructor(
    readonly code: MessagingErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown by an event handler to say "this event can never be applied" for a domain reason
 * (e.g. a release for a shipment that was never received). It is not retried: the record goes to
 * the dead-letter topic with `code` as `dlq_error_code`, and the consumer moves on.
 *
 * Invariant: `code` is the domain's stable code (`CUSTOMS.HOLD_NOT_FOUND`), so operators can
 * route dead letters without parsing messages.
 */
export class EventRejectedError extends Error {
  override readonly name: string = 'EventRejectedError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMessagingError(error: unknown, code?: MessagingErrorCode): error is MessagingError {
  return error instanceof MessagingError && (code === undefined || error.code === code);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
