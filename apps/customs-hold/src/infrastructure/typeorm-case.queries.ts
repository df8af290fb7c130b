import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseQueries, type CaseView, type OpenHoldsFilter } from '../application/customs.ports';
import type { CaseSnapshot, CaseState } from '../domain/customs-case.aggregate';
import { CaseAuditEntryOrmEntity } from './case-audit-entry.orm-entity';
import { CustomsCaseOrmEntity } from './customs-case.orm-entity';
import { toAuditEntry, toSnapshot } from './customs-case.mapper';

/** Read side of the officer API, straight from the service's tables. */
@Injectable()
export class TypeOrmCaseQueries extends CaseQueries {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async listOpenHolds(filter: OpenHoldsFilter, now: Date): Promise<CaseSnapshot[]> {
    const qb = this.dataSource
      .getRepository(CustomsCaseOrmEntity)
      .createQueryBuilder('c')
      .where('c.state = :state', { state: 'HELD' })
      .orderBy('c.heldSince', 'ASC')
      .addOrderBy('c.caseId', 'ASC')
      .limit(filter.limit);
    if (filter.station) qb.andWhere('c.stationCode = :station', { station: filter.station });
    if (filter.reason) qb.andWhere('c.holds @> CAST(:reason AS jsonb)', { reason: JSON.stringify([{ code: filter.reason }]) });
    if (filter.minAgeMinutes !== undefined) {
      qb.andWhere('c.heldSince <= :cutoff', { cutoff: new Date(now.getTime() - filter.minAgeMinutes * 60_000) });
    }
    return (await qb.getMany()).map(toSnapshot);
  }

  async getByAwb(awb: string): Promise<CaseView | undefined> {
    const row = await this.dataSource.getRepository(CustomsCaseOrmEntity).findOne({ where: { awb } });
    if (!row) return undefined;
    const audit = await this.dataSource.getRepository(CaseAuditEntryOrmEntity).find({ where: { caseId: row.caseId }, order: { id: 'ASC' } });
    return { ...toSnapshot(row), audit: audit.map(toAuditEntry) };
  }

  async countByState(): Promise<Record<CaseState, number>> {
    const rows = (await this.dataSource
      .getRepository(CustomsCaseOrmEntity)
      .createQueryBuilder('c')
      .select('c.state', 'state')
      .addSelect('count(*)::int', 'n')
      .groupBy('c.state')
      .getRawMany()) as { state: CaseState; n: number }[];
    const counts: Record<CaseState, number> = { HELD: 0, CONDITIONALLY_RELEASED: 0, RELEASED: 0, CLOSED: 0 };
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }
}
