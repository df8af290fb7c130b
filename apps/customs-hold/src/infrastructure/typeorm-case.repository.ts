import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseRepository } from '../application/customs.ports';
import { CustomsCase } from '../domain/customs-case.aggregate';
import { CustomsError, CustomsErrorCode } from '../domain/customs.error';
import { CaseAuditEntryOrmEntity } from './case-audit-entry.orm-entity';
import { CustomsCaseOrmEntity } from './customs-case.orm-entity';
import { toAuditRow, toRow, toSnapshot } from './customs-case.mapper';

/** Thrown when a case changed under us (version mismatch); the caller's transaction rolls back. */
class CaseVersionConflictError extends CustomsError {
  constructor(message: string) {
    super(CustomsErrorCode.CASE_CHANGED_CONCURRENTLY, message);
  }
}

/**
 * Cases in the transaction of `manager`. Saves bump `version` and only succeed against the version
 * that was read; with `forUpdate` reads the row is locked anyway, so the check is a safety net.
 */
export class TypeOrmCaseRepository extends CaseRepository {
  /** Versions as read, so an update can check nobody wrote in between. */
  private readonly readVersions = new WeakMap<CustomsCase, number>();

  constructor(
    private readonly manager: EntityManager,
    /** The service clock (shared, possibly accelerated): stamps `updated_at`. */
    private readonly clock: () => Date,
  ) {
    super();
  }

  async findByAwb(awb: string, options: { forUpdate?: boolean } = {}): Promise<CustomsCase | undefined> {
    const row = await this.manager.getRepository(CustomsCaseOrmEntity).findOne({
      where: { awb },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return undefined;
    const customsCase = CustomsCase.restore(toSnapshot(row));
    this.readVersions.set(customsCase, row.version);
    return customsCase;
  }

  /** The case row and its audit entries in one statement (the case's insert as a CTE; the audit's foreign key is checked at its end). */
  async insert(customsCase: CustomsCase): Promise<void> {
    const snapshot = { ...customsCase.snapshot(), version: 1 };
    const [caseSql, caseParams] = this.manager.createQueryBuilder().insert().into(CustomsCaseOrmEntity).values(toRow(snapshot, this.clock())).getQueryAndParameters();
    const audit = customsCase.pendingAudit().map((e) => toAuditRow(customsCase.caseId, e));
    if (audit.length === 0) {
      await this.manager.query(caseSql, caseParams);
    } else {
      const rows = audit.map((a) => ({ case_id: a.caseId, action: a.action, actor_role: a.actorRole, actor_id: a.actorId, reason: a.reason, details: a.details, occurred_at: a.occurredAt, recorded_at: a.recordedAt }));
      const schema = (this.manager.connection.options as { schema: string }).schema;
      await this.manager.query(
        `WITH new_case AS (${caseSql})
         INSERT INTO "${schema}"."case_audit_entry" ("case_id", "action", "actor_role", "actor_id", "reason", "details", "occurred_at", "recorded_at")
         SELECT a."case_id", a."action", a."actor_role", a."actor_id", a."reason", a."details", a."occurred_at", a."recorded_at"
           FROM ROWS FROM (jsonb_to_recordset($${caseParams.length + 1}::jsonb) AS ("case_id" text, "action" text, "actor_role" text, "actor_id" text, "reason" text, "details" jsonb, "occurred_at" timestamptz, "recorded_at" timestamptz))
                WITH ORDINALITY AS a("case_id", "action", "actor_role", "actor_id", "reason", "details", "occurred_at", "recorded_at", "n")
          ORDER BY a."n"`,
        [...caseParams, JSON.stringify(rows)],
      );
    }
    this.readVersions.set(customsCase, 1);
  }

  async update(customsCase: CustomsCase): Promise<void> {
    const read = this.readVersions.get(customsCase);
    if (read === undefined) throw new Error('TypeOrmCaseRepository.update: case was not read through this repository');
    const row = toRow({ ...customsCase.snapshot(), version: read + 1 }, this.clock());
    const { caseId, ...changes } = row;
    const result = await this.manager.getRepository(CustomsCaseOrmEntity).update({ caseId, version: read }, changes);
    if (result.affected !== 1) throw new CaseVersionConflictError(`Case ${caseId} changed concurrently (expected version ${read})`);
    await this.appendAudit(customsCase);
    this.readVersions.set(customsCase, read + 1);
  }

  private async appendAudit(customsCase: CustomsCase): Promise<void> {
    const entries = customsCase.pendingAudit();
    if (entries.length === 0) return;
    const rows = entries.map((e) => toAuditRow(customsCase.caseId, e)) as QueryDeepPartialEntity<CaseAuditEntryOrmEntity>[];
    await this.manager.getRepository(CaseAuditEntryOrmEntity).insert(rows);
  }
}
