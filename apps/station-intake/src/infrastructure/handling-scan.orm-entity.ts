import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A handling scan posted by a station terminal (or implied by an intake: RCS). */
@Entity({ name: 'handling_scan' })
@Index('handling_scan_identity_key', ['awb', 'code', 'happenedAt'], { unique: true })
export class HandlingScanOrmEntity {
  /** Id of the HandlingScanned event (the scan's identity on the wire). */
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  awb!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ name: 'happened_at', type: 'timestamptz' })
  happenedAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'truck_id', type: 'text', nullable: true })
  truckId!: string | null;

  @Column({ type: 'integer', nullable: true })
  pieces!: number | null;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
