import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ShipmentView } from '../../domain/shipment.projection';

/** The per-AWB read model: searchable columns plus the whole projected view. Rebuilt from `timeline_events`. */
@Entity({ name: 'shipments' })
export class ShipmentOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  awb!: string;

  @Index()
  @Column({ type: 'varchar', length: 3, nullable: true })
  status!: string | null;

  @Index()
  @Column({ name: 'station_code', type: 'varchar', length: 6, nullable: true })
  stationCode!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 3, nullable: true })
  airport!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  destination!: string | null;

  @Index()
  @Column({ name: 'booked_flight_id', type: 'varchar', length: 32, nullable: true })
  bookedFlightId!: string | null;

  @Column({ name: 'booked_chargeable_kg', type: 'double precision', nullable: true })
  bookedChargeableKg!: number | null;

  @Column({ type: 'boolean', default: false })
  held!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'last_happened_at', type: 'timestamptz', nullable: true })
  lastHappenedAt!: Date | null;

  @Column({ type: 'jsonb' })
  view!: ShipmentView;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
