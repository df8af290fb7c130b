import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One event waiting in (or already published from) the service's transactional outbox.
 *
 * Invariants:
 * - A row is inserted in the same transaction as the state change that caused the event, so it
 *   exists if and only if that change committed.
 * - `seq` (identity) orders rows; the relay publishes rows of one key in `seq` order.
 * - `headers`, `key` and `payload` are the record as it goes on the wire (CloudEvents binary
 *   mode), fixed at write time; the relay does not re-encode. The trace context is kept apart
 *   (`traceparent`, `tracestate`): the relay sends the row inside it, and the W3C `traceparent`
 *   header is then the Kafka produce span's (or, with no SDK running, the stored one).
 * - `published_at` is set only after the broker acknowledged the record (acks=all). A row may be
 *   published more than once (relay crash between send and mark); consumers de-duplicate by `id`.
 *
 * The table is created by {@link CreateMessagingTables1764000000000} in the service's own schema.
 */
@Entity({ name: 'outbox' })
export class OutboxMessageOrmEntity {
  /** bigint: TypeORM hands it over as a string. */
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq!: string;

  /** The CloudEvents id (`ce_id`). */
  @Column({ type: 'uuid', unique: true })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** Wire headers (`ce_*`, `content-type`); the trace context is in its own columns. */
  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  /** W3C trace context of the span that wrote the event (added by AddOutboxTraceContext1765000000500). */
  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  @Column({ type: 'text', nullable: true })
  tracestate!: string | null;

  /** The record value: JSON text of the envelope's `data`. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
