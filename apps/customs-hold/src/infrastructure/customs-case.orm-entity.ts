import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActiveHold, CaseState, LabStatus } from '../domain/customs-case.aggregate';
import type { ReleaseNote } from '../domain/customs-decision.rules';

/**
 * Row of `customs_case`: one per AWB (unique), the persisted form of `CustomsCase`. Active holds
 * and release notes are JSON documents; `held_since` drives the "age" filter of open holds.
 */
@Entity({ name: 'customs_case' })
export class CustomsCaseOrmEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Index('customs_case_awb_key', { unique: true })
  @Column({ type: 'text' })
  awb!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ name: 'shipper_id', type: 'text' })
  shipperId!: string;

  @Column({ name: 'commodity_category', type: 'text' })
  commodityCategory!: string;

  @Column({ type: 'text' })
  state!: CaseState;

  @Column({ name: 'lab_status', type: 'text' })
  labStatus!: LabStatus;

  @Column({ name: 'two_stage', type: 'boolean' })
  twoStage!: boolean;

  @Column({ name: 'had_conditional_release', type: 'boolean' })
  hadConditionalRelease!: boolean;

  @Column({ name: 'cargo_aircraft_only', type: 'boolean' })
  cargoAircraftOnly!: boolean;

  @Column({ name: 'special_handling_codes', type: 'jsonb' })
  specialHandlingCodes!: string[];

  @Column({ type: 'text' })
  priority!: 'FAST_LANE' | 'NORMAL';

  @Column({ name: 'post_release_check', type: 'boolean' })
  postReleaseCheck!: boolean;

  @Column({ type: 'jsonb' })
  passes!: ReleaseNote[];

  @Column({ type: 'jsonb' })
  holds!: ActiveHold[];

  @Column({ name: 'held_since', type: 'timestamptz', nullable: true })
  heldSince!: Date | null;

  @Column({ name: 'last_release_kind', type: 'text', nullable: true })
  lastReleaseKind!: 'FULL' | 'CONDITIONAL' | 'FINAL' | null;

  @Column({ name: 'last_released_at', type: 'timestamptz', nullable: true })
  lastReleasedAt!: Date | null;

  @Column({ name: 'departed_at', type: 'timestamptz', nullable: true })
  departedAt!: Date | null;

  @Column({ name: 'departed_flight', type: 'text', nullable: true })
  departedFlight!: string | null;

  /** When the case was closed (the station cancelled the intake); null while open. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When the cargo was received at the station (from the intake event). */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** When the case was opened (the rules decided). */
  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** When the row was last written. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;

  /** `decisionVersion` of the case's latest hold or release (null before the first). */
  @Column({ name: 'last_decision_version', type: 'integer', nullable: true })
  lastDecisionVersion!: number | null;

  /** Event id of the case's latest hold or release: the next decision supersedes it. */
  @Column({ name: 'last_decision_event_id', type: 'uuid', nullable: true })
  lastDecisionEventId!: string | null;
}
