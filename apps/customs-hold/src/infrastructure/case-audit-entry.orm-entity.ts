import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Row of `case_audit_entry`: append-only audit trail of a case (who, role, what, why, when). */
@Entity({ name: 'case_audit_entry' })
@Index('case_audit_entry_case_idx', ['caseId', 'id'])
export class CaseAuditEntryOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** When the action happened (e.g. a DEP scan's `happenedAt`). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** When this service recorded it. */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
