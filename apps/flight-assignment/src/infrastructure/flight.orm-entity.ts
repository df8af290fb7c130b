import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AircraftKind, TimetableLeg } from '@cargo/contracts';
import type { FlightStatus } from '../domain/flight.model';
import { NUMERIC } from './numeric.orm-transformer';

/** A row of `flights`: the domain {@link Flight} plus booked capacity and bookkeeping. See the migration for the CHECKs. */
@Entity({ name: 'flights' })
export class FlightOrmEntity {
  @PrimaryColumn({ name: 'flight_id', type: 'text' })
  flightId!: string;

  @Column({ name: 'flight_number', type: 'text' })
  flightNumber!: string;

  @Column({ type: 'text' })
  carrier!: string;

  @Column({ type: 'text' })
  origin!: string;

  @Column({ type: 'text' })
  destination!: string;

  @Column({ name: 'departure_at', type: 'timestamptz' })
  departureAt!: Date;

  @Column({ name: 'arrival_at', type: 'timestamptz' })
  arrivalAt!: Date;

  @Column({ name: 'cutoff_at', type: 'timestamptz' })
  cutoffAt!: Date;

  @Column({ name: 'aircraft_kind', type: 'text' })
  aircraftKind!: AircraftKind;

  @Column({ name: 'aircraft_type', type: 'text' })
  aircraftType!: string;

  @Column({ name: 'capacity_kg', type: 'numeric', transformer: NUMERIC })
  capacityKg!: number;

  @Column({ name: 'capacity_m3', type: 'numeric', transformer: NUMERIC })
  capacityM3!: number;

  @Column({ name: 'booked_kg', type: 'numeric', transformer: NUMERIC })
  bookedKg!: number;

  @Column({ name: 'booked_m3', type: 'numeric', transformer: NUMERIC })
  bookedM3!: number;

  @Column({ name: 'cold_chain', type: 'boolean' })
  coldChain!: boolean;

  @Column({ type: 'text' })
  leg!: TimetableLeg;

  @Column({ type: 'text' })
  status!: FlightStatus;

  @Column({ name: 'delay_minutes', type: 'integer' })
  delayMinutes!: number;

  @Column({ type: 'text' })
  source!: 'TIMETABLE' | 'OPS';

  /** Actual departure as the airline reported it, or the scheduled one when assumed (see `departureSource`). */
  @Column({ name: 'departed_at', type: 'timestamptz', nullable: true })
  departedAt!: Date | null;

  @Column({ name: 'departure_source', type: 'text', nullable: true })
  departureSource!: 'AIRLINE' | 'ASSUMED' | null;

  /** Actual arrival as the airline reported it. */
  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
