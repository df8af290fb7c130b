import type { AuditEntry, CaseSnapshot } from '../domain/customs-case.aggregate';
import type { CaseAuditEntryOrmEntity } from './case-audit-entry.orm-entity';
import type { CustomsCaseOrmEntity } from './customs-case.orm-entity';

const iso = (d: Date | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
const date = (s: string | undefined): Date | null => (s ? new Date(s) : null);

export function toSnapshot(row: CustomsCaseOrmEntity): CaseSnapshot {
  return {
    caseId: row.caseId,
    awb: row.awb,
    stationCode: row.stationCode,
    shipperId: row.shipperId,
    commodityCategory: row.commodityCategory,
    state: row.state,
    labStatus: row.labStatus,
    twoStage: row.twoStage,
    hadConditionalRelease: row.hadConditionalRelease,
    cargoAircraftOnly: row.cargoAircraftOnly,
    specialHandlingCodes: row.specialHandlingCodes,
    priority: row.priority,
    postReleaseCheck: row.postReleaseCheck,
    passes: row.passes,
    holds: row.holds,
    heldSince: iso(row.heldSince),
    lastReleaseKind: row.lastReleaseKind ?? undefined,
    lastReleasedAt: iso(row.lastReleasedAt),
    departedAt: iso(row.departedAt),
    departedFlight: row.departedFlight ?? undefined,
    closedAt: iso(row.closedAt),
    receivedAt: new Date(row.receivedAt).toISOString(),
    openedAt: new Date(row.openedAt).toISOString(),
    version: row.version,
    lastDecisionVersion: row.lastDecisionVersion ?? undefined,
    lastDecisionEventId: row.lastDecisionEventId ?? undefined,
  };
}

export function toRow(s: CaseSnapshot, updatedAt: Date): CustomsCaseOrmEntity {
  return {
    caseId: s.caseId,
    awb: s.awb,
    stationCode: s.stationCode,
    shipperId: s.shipperId,
    commodityCategory: s.commodityCategory,
    state: s.state,
    labStatus: s.labStatus,
    twoStage: s.twoStage,
    hadConditionalRelease: s.hadConditionalRelease,
    cargoAircraftOnly: s.cargoAircraftOnly,
    specialHandlingCodes: s.specialHandlingCodes,
    priority: s.priority,
    postReleaseCheck: s.postReleaseCheck,
    passes: s.passes,
    holds: s.holds,
    heldSince: date(s.heldSince),
    lastReleaseKind: s.lastReleaseKind ?? null,
    lastReleasedAt: date(s.lastReleasedAt),
    departedAt: date(s.departedAt),
    departedFlight: s.departedFlight ?? null,
    closedAt: date(s.closedAt),
    receivedAt: new Date(s.receivedAt),
    openedAt: new Date(s.openedAt),
    updatedAt,
    version: s.version,
    lastDecisionVersion: s.lastDecisionVersion ?? null,
    lastDecisionEventId: s.lastDecisionEventId ?? null,
  };
}

export function toAuditRow(caseId: string, e: AuditEntry): Omit<CaseAuditEntryOrmEntity, 'id'> {
  return {
    caseId,
    action: e.action,
    actorRole: e.actor.role,
    actorId: e.actor.id,
    reason: e.reason,
    details: e.details,
    occurredAt: new Date(e.occurredAt),
    recordedAt: new Date(e.recordedAt),
  };
}

export function toAuditEntry(row: CaseAuditEntryOrmEntity): AuditEntry {
  return {
    action: row.action as AuditEntry['action'],
    actor: { role: row.actorRole as AuditEntry['actor']['role'], id: row.actorId },
    reason: row.reason,
    details: row.details,
    occurredAt: new Date(row.occurredAt).toISOString(),
    recordedAt: new Date(row.recordedAt).toISOString(),
  };
}
