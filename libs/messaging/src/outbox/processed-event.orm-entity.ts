import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Proof that `consumer` applied the event `eventId`. Written in the same transaction as the
 * handler's state change, so "processed" and "applied" commit or roll back together; the primary
 * key turns a redelivery into a no-op.
 *
 * The table is created by {@link CreateMessagingTables1764000000000} in the service's own schema.
 */
@Entity({ name: 'processed_events' })
export class ProcessedEventOrmEntity {
  /** Who applied it: the service's consumer name (its group id by default). */
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  /** The CloudEvents id (`ce_id`) of the consumed event. */
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'integer' })
  partition!: number;

  /** Offset of the delivery that applied it (bigint as string). */
  @Column({ type: 'bigint' })
  offset!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
