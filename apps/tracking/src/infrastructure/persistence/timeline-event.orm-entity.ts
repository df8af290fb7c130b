import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every consumed fact, filed under its AWB: the source of truth the read model is projected from.
 * Invariant: `(awb, event_id)` is unique, so a redelivered event is filed once.
 */
@Entity({ name: 'timeline_events' })
export class TimelineEventOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  awb!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** When it happened (payload time). */
  @Column({ name: 'happened_at', type: 'timestamptz' })
  happenedAt!: Date;

  /** When it was recorded (payload `recordedAt` or the envelope's `time`). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** When tracking filed it. */
  @Column({ name: 'consumed_at', type: 'timestamptz', default: () => 'now()' })
  consumedAt!: Date;
}
