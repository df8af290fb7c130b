/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: every context attribute travels as a
 * `ce_<attribute>` header, `datacontenttype` as `content-type`, and `data` as the record value.
 * Extension attributes (`schemaversion`, `correlationid`, `causationid`) follow the same rule.
 */
export const CloudEventHeaders = {
  SpecVersion: 'ce_specversion',
  Id: 'ce_id',
  Type: 'ce_type',
  Source: 'ce_source',
  Time: 'ce_time',
  Subject: 'ce_subject',
  SchemaVersion: 'ce_schemaversion',
  CorrelationId: 'ce_correlationid',
  CausationId: 'ce_causationid',
  ContentType: 'content-type',
} as const;

/** W3C Trace Context headers (https://www.w3.org/TR/trace-context/), carried next to the envelope. */
export const TraceHeaderNames = {
  TraceParent: 'traceparent',
  TraceState: 'tracestate',
} as const;

/** Headers added to a record when it is dead-lettered; the original headers are kept as well. */
export const DeadLetterHeaders = {
  ErrorCode: 'dlq_error_code',
  ErrorMessage: 'dlq_error_message',
  /** JSON array of `{ field, message }` for validation failures; absent otherwise. */
  ErrorFields: 'dlq_error_fields',
  OriginalTopic: 'dlq_original_topic',
  OriginalPartition: 'dlq_original_partition',
  OriginalOffset: 'dlq_original_offset',
  FailedAt: 'dlq_failed_at',
  /** The consumer (service) that gave up on the record. */
  Consumer: 'dlq_consumer',
} as const;
