import type { EntityManager } from 'typeorm';
import { IntakeRepository, type IntakeCancellation, type IntakeChangeEntry, type IntakeCorrection, type IntakeRecord, type ScanRecord } from '../application/station-intake.ports';
import { CANCELLED_STATUS } from '../domain/intake-change.rules';
import { IntakeOrmEntity } from './intake.orm-entity';

/** Intakes in the transaction of `manager`. */
export class TypeOrmIntakeRepository extends IntakeRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  /**
   * One statement: the intake insert (`ON CONFLICT DO NOTHING`), the receipt scan inserted only when
   * the intake was, and the row as stored (the new one, or the one on record). A conflicting intake
   * committed after the statement began is invisible to it: then the row is read again.
   */
  async insertWithReceiptIfAbsent(intake: IntakeRecord, receipt: ScanRecord): Promise<{ created: boolean; intake: IntakeRecord }> {
    const s = `"${this.schema()}"`;
    const rows = (await this.manager.query(
      `WITH new_intake AS (
         INSERT INTO ${s}."intake" ("awb", "station_code", "status", "status_at", "received_at", "recorded_at", "pieces", "gross_weight_kg", "content", "event_id", "intake_version", "last_event_id", "cancelled_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)
         ON CONFLICT ("awb") DO NOTHING
         RETURNING *),
       new_scan AS (
         INSERT INTO ${s}."handling_scan" ("event_id", "awb", "station_code", "code", "happened_at", "recorded_at", "truck_id", "pieces", "remarks")
         SELECT $14, $15, $16, $17, $18, $19, $20, $21, $22 FROM new_intake)
       SELECT true AS "created", n.* FROM new_intake n
       UNION ALL
       SELECT false AS "created", e.* FROM ${s}."intake" e WHERE e."awb" = $1 AND NOT EXISTS (SELECT 1 FROM new_intake)`,
      [
        intake.awb,
        intake.stationCode,
        intake.status,
        intake.statusAt,
        intake.receivedAt,
        intake.recordedAt,
        intake.pieces,
        intake.grossWeightKg,
        JSON.stringify(intake.content),
        intake.eventId,
        intake.intakeVersion,
        intake.lastEventId,
        intake.cancelledAt,
        receipt.eventId,
        receipt.awb,
        receipt.stationCode,
        receipt.code,
        receipt.happenedAt,
        receipt.recordedAt,
        receipt.truckId,
        receipt.pieces,
        receipt.remarks,
      ],
    )) as Array<IntakeRow & { created: boolean }>;
    const row = rows[0];
    if (!row) return { created: false, intake: await this.getByAwb(intake.awb) };
    return { created: row.created, intake: intakeRecordOf(row) };
  }

  getByAwb(awb: string): Promise<IntakeRecord> {
    return this.manager.getRepository(IntakeOrmEntity).findOneByOrFail({ awb });
  }

  async findByAwb(awb: string): Promise<IntakeRecord | undefined> {
    return (await this.manager.getRepository(IntakeOrmEntity).findOneBy({ awb })) ?? undefined;
  }

  async findForUpdate(awb: string): Promise<IntakeRecord | undefined> {
    return (await this.manager.getRepository(IntakeOrmEntity).findOne({ where: { awb }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  async updateStatus(awb: string, status: string, statusAt: Date): Promise<void> {
    await this.manager.update(IntakeOrmEntity, { awb }, { status, statusAt });
  }

  async applyCorrection(awb: string, c: IntakeCorrection): Promise<void> {
    await this.manager.update(
      IntakeOrmEntity,
      { awb },
      { content: c.content as never, pieces: c.pieces, grossWeightKg: c.grossWeightKg, intakeVersion: c.intakeVersion, lastEventId: c.lastEventId },
    );
  }

  async applyCancellation(awb: string, c: IntakeCancellation): Promise<void> {
    await this.manager.update(
      IntakeOrmEntity,
      { awb },
      { status: CANCELLED_STATUS, statusAt: c.cancelledAt, cancelledAt: c.cancelledAt, intakeVersion: c.intakeVersion, lastEventId: c.lastEventId },
    );
  }

  async recordChange(e: IntakeChangeEntry): Promise<void> {
    await this.manager.query(
      `INSERT INTO "${this.schema()}"."intake_change_audit" ("awb", "station_code", "action", "actor", "at", "reason", "before", "after", "event_id", "intake_version")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.awb, e.stationCode, e.action, e.actor, e.at, e.reason, JSON.stringify(e.before), JSON.stringify(e.after), e.eventId, e.intakeVersion],
    );
  }

  private schema(): string {
    return (this.manager.connection.options as { schema: string }).schema;
  }
}

/** An `intake` row as PostgreSQL returns it (`RETURNING *`, `SELECT *`). */
interface IntakeRow {
  awb: string;
  station_code: string;
  status: string;
  status_at: Date;
  received_at: Date;
  recorded_at: Date;
  pieces: number;
  gross_weight_kg: number;
  content: Record<string, unknown>;
  event_id: string;
  intake_version: number;
  last_event_id: string | null;
  cancelled_at: Date | null;
}

function intakeRecordOf(r: IntakeRow): IntakeRecord {
  return {
    awb: r.awb,
    stationCode: r.station_code,
    status: r.status,
    statusAt: r.status_at,
    receivedAt: r.received_at,
    recordedAt: r.recorded_at,
    pieces: r.pieces,
    grossWeightKg: r.gross_weight_kg,
    content: r.content,
    eventId: r.event_id,
    intakeVersion: r.intake_version,
    lastEventId: r.last_event_id,
    cancelledAt: r.cancelled_at,
  };
}
