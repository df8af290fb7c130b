import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ShipmentStatus } from '../application/assignment-store.port';
type CustomsState = 'NONE' | 'RELEASED' | 'CONDITIONAL' | 'HELD';

/** Serialised {@link ShipmentFacts} (times as epoch ms). */
type ShipmentFactsJson = Record<string, unknown>;

/**
 * A row of `shipments`: this service's copy of a shipment's facts (from `cargo.intake.v1`), its
 * customs state (from `customs.*`) and where it is booked. `flight_id`/`connection_flight_id` are the
 * bookings; their weight is counted in the flights' `booked_kg`/`booked_m3`.
 */
@Entity({ name: 'shipments' })
export class ShipmentOrmEntity {
  @PrimaryColumn({ type: 'text' })
  awb!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ type: 'jsonb', nullable: true })
  facts!: ShipmentFactsJson | null;

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  @Column({ type: 'text' })
  customs!: CustomsState;

  @Column({ name: 'release_facts', type: 'jsonb', nullable: true })
  releaseFacts!: { cargoAircraftOnly: boolean; specialHandlingCodes: string[] } | null;

  @Column({ name: 'flight_id', type: 'text', nullable: true })
  flightId!: string | null;

  @Column({ name: 'connection_flight_id', type: 'text', nullable: true })
  connectionFlightId!: string | null;

  @Column({ name: 'truck_depart_by', type: 'timestamptz', nullable: true })
  truckDepartBy!: Date | null;

  @Column({ name: 'final_arrival_at', type: 'timestamptz', nullable: true })
  finalArrivalAt!: Date | null;

  @Column({ name: 'road_feeder', type: 'boolean', default: false })
  roadFeeder!: boolean;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'reason_explanation', type: 'text', nullable: true })
  reasonExplanation!: string | null;

  @Column({ name: 'retry_until', type: 'timestamptz', nullable: true })
  retryUntil!: Date | null;

  /** WAITLISTED: when it is planned again at the latest (never null while wait-listed: a CHECK says so). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Set while re-planning after an offload (cancel, delay): the flight it came off and why. */
  @Column({ name: 'replan_from_flight_id', type: 'text', nullable: true })
  replanFromFlightId!: string | null;

  @Column({ name: 'replan_reason_code', type: 'text', nullable: true })
  replanReasonCode!: string | null;

  /** Wall-clock time it became pending (the batch window counts from here). */
  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince!: Date | null;

  /** When the cargo was received at the station (happened), from the intake. */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  /** When customs released it (happened). */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  /** The release event that made it assignable: `{ id, correlationid, trace }` (see EventCause). */
  @Column({ name: 'release_cause', type: 'jsonb', nullable: true })
  releaseCause!: Record<string, unknown> | null;

  /** `decisionVersion` of the last customs hold or release applied (see ShipmentRecord). */
  @Column({ name: 'customs_decision_version', type: 'integer', nullable: true })
  customsDecisionVersion!: number | null;

  /** Service clock time of the last assignment decision. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** When this row was last written (recorded). */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
