import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The latest flight-assignment decision for a shipment of this station (see domain/dispatch.ts). */
@Entity({ name: 'shipment_leg' })
@Index('shipment_leg_dispatch_idx', ['stationCode', 'origin', 'onLeg'])
export class ShipmentLegOrmEntity {
  @PrimaryColumn({ type: 'text' })
  awb!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ name: 'on_leg', type: 'boolean' })
  onLeg!: boolean;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'flight_id', type: 'text', nullable: true })
  flightId!: string | null;

  @Column({ name: 'flight_number', type: 'text', nullable: true })
  flightNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  origin!: string | null;

  @Column({ type: 'text', nullable: true })
  destination!: string | null;

  @Column({ name: 'departure_at', type: 'timestamptz', nullable: true })
  departureAt!: Date | null;

  @Column({ name: 'cutoff_at', type: 'timestamptz', nullable: true })
  cutoffAt!: Date | null;

  @Column({ name: 'aircraft_kind', type: 'text', nullable: true })
  aircraftKind!: string | null;

  @Column({ name: 'chargeable_weight_kg', type: 'double precision' })
  chargeableWeightKg!: number;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** The decision's `decisionVersion` (0: from before versions); a decision replaces this row only if newer. */
  @Column({ name: 'decision_version', type: 'integer', default: 0 })
  decisionVersion!: number;

  /** The flight.assignment.v1 event this row reflects. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
