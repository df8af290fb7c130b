import { deadLetterTopic, type FieldError } from '@cargo/contracts';
import type { IHeaders, Producer } from 'kafkajs';
import { DeadLetterHeaders } from '../codec/cloud-event.headers';
import { connectProducer } from '../kafka/kafka-client.factory';
import { stderrLogger, type MessagingLogger } from '../shared/messaging.logger';
import type { ConsumedRecord } from './consumed-record';

export interface DeadLetterReason {
  /** Stable code (`MESSAGING.INVALID_PAYLOAD`, a domain code, ...). */
  code: string;
  message: string;
  /** Field errors of a validation failure. */
  fields?: readonly FieldError[];
}

const MAX_MESSAGE_LENGTH = 2_000;

/**
 * Sends a record that cannot be applied to `<topic>.dlq`.
 *
 * Invariants:
 * - The dead letter keeps the original key, value and headers (as the consumer received them),
 *   plus `dlq_error_code`, `dlq_error_message`, `dlq_original_topic`, `dlq_original_partition`,
 *   `dlq_original_offset`, `dlq_failed_at`, `dlq_consumer` (and `dlq_error_fields` for validation
 *   failures). Existing `dlq_*` headers are overwritten.
 * - `publish` resolves only after the broker acknowledged (acks=all); if it throws, the caller
 *   must not commit the original offset (the record is then redelivered and dead-lettered again).
 */
export class DeadLetterPublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private readonly logger: MessagingLogger;

  constructor(
    private readonly deps: { createProducer: () => Producer; consumerName: string; logger?: MessagingLogger },
  ) {
    this.logger = deps.logger ?? stderrLogger('DeadLetterPublisher');
  }

  /** Number of records dead-lettered by this instance. */
  published = 0;

  async publish(record: ConsumedRecord, reason: DeadLetterReason): Promise<void> {
    const producer = await this.connect();
    const headers: IHeaders = {};
    for (const [name, value] of Object.entries(record.headers ?? {})) {
      const converted = toHeaderValue(value);
      if (converted !== undefined) headers[name] = converted;
    }
    headers[DeadLetterHeaders.ErrorCode] = reason.code;
    headers[DeadLetterHeaders.ErrorMessage] = truncate(reason.message);
    if (reason.fields && reason.fields.length > 0) headers[DeadLetterHeaders.ErrorFields] = truncate(JSON.stringify(reason.fields));
    else delete headers[DeadLetterHeaders.ErrorFields];
    headers[DeadLetterHeaders.OriginalTopic] = record.topic;
    headers[DeadLetterHeaders.OriginalPartition] = String(record.partition);
    headers[DeadLetterHeaders.OriginalOffset] = record.offset;
    headers[DeadLetterHeaders.FailedAt] = new Date().toISOString();
    headers[DeadLetterHeaders.Consumer] = this.deps.consumerName;
    try {
      await producer.send({
        topic: deadLetterTopic(record.topic),
        acks: -1,
        messages: [{ key: record.key ?? null, value: toValue(record.value), headers }],
      });
    } catch (error) {
      await this.reset();
      throw error;
    }
    this.published += 1;
    this.logger.warn(
      `dead-lettered ${record.topic}[${record.partition}]@${record.offset} to ${deadLetterTopic(record.topic)}: ${reason.code} ${truncate(reason.message, 300)}`,
    );
  }

  connect(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = await connectProducer(() => this.deps.createProducer());
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    await this.connecting?.catch(() => undefined);
    await this.reset();
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

function truncate(text: string, max = MAX_MESSAGE_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function toValue(value: unknown): Buffer | string | null {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value) || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function toHeaderValue(value: unknown): Buffer | string | (Buffer | string)[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value) || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => (Buffer.isBuffer(item) || typeof item === 'string' ? item : JSON.stringify(item)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
