import type { EntityManager } from 'typeorm';
import { ScanRepository, type ScanRecord } from '../application/station-intake.ports';
import { HandlingScanOrmEntity } from './handling-scan.orm-entity';

/** Handling scans in the transaction of `manager`; the unique index on (awb, code, happened_at) is their identity. */
export class TypeOrmScanRepository extends ScanRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  /** `INSERT … ON CONFLICT DO NOTHING RETURNING event_id`: the identity index decides which of concurrent posts wins. */
  async insertIfAbsent(scan: ScanRecord): Promise<boolean> {
    const inserted = await this.manager.createQueryBuilder().insert().into(HandlingScanOrmEntity).values(scanRow(scan)).orIgnore().returning(['event_id']).execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  getByIdentity(awb: string, code: string, happenedAt: Date): Promise<ScanRecord> {
    return this.manager.getRepository(HandlingScanOrmEntity).findOneByOrFail({ awb, code, happenedAt });
  }

  async codesOf(awb: string): Promise<string[]> {
    const rows = await this.manager.getRepository(HandlingScanOrmEntity).createQueryBuilder('s').select('DISTINCT s.code', 'code').where('s.awb = :awb', { awb }).getRawMany<{ code: string }>();
    return rows.map((r) => r.code);
  }
}

function scanRow(scan: ScanRecord): Omit<HandlingScanOrmEntity, 'createdAt'> {
  return {
    eventId: scan.eventId,
    awb: scan.awb,
    stationCode: scan.stationCode,
    code: scan.code,
    happenedAt: scan.happenedAt,
    recordedAt: scan.recordedAt,
    truckId: scan.truckId,
    pieces: scan.pieces,
    remarks: scan.remarks,
  };
}
