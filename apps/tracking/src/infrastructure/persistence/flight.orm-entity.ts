import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A flight (or road-feeder truck) leaving WUH or EHU: the departures board and the load-factor KPI.
 * Known from the first assignment to it; capacity and load arrive with its manifest.
 */
@Entity({ name: 'flights' })
export class FlightOrmEntity {
  @PrimaryColumn({ name: 'flight_id', type: 'varchar', length: 32 })
  flightId!: string;

  @Column({ name: 'flight_number', type: 'varchar', length: 8 })
  flightNumber!: string;

  @Index()
  @Column({ type: 'varchar', length: 3 })
  origin!: string;

  @Column({ type: 'varchar', length: 3 })
  destination!: string;

  @Index()
  @Column({ name: 'departure_at', type: 'timestamptz' })
  departureAt!: Date;

  @Column({ name: 'aircraft_kind', type: 'varchar', length: 10 })
  aircraftKind!: string;

  @Column({ name: 'aircraft_type', type: 'varchar', length: 32, nullable: true })
  aircraftType!: string | null;

  @Column({ name: 'capacity_kg', type: 'double precision', nullable: true })
  capacityKg!: number | null;

  @Column({ name: 'manifest_chargeable_kg', type: 'double precision', nullable: true })
  manifestChargeableKg!: number | null;

  @Column({ name: 'manifest_shipments', type: 'integer', nullable: true })
  manifestShipments!: number | null;

  @Column({ name: 'load_factor', type: 'double precision', nullable: true })
  loadFactor!: number | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'manifest_event_id', type: 'varchar', length: 64, nullable: true })
  manifestEventId!: string | null;
}
