import type { EntityManager } from 'typeorm';
import { IntakeRepository, type IntakeCancellation, type IntakeChangeEntry, type IntakeCorrection, type IntakeRecord } from '../application/station-intake.ports';
import { CANCELLED_STATUS } from '../domain/intake-change.rules';
import { IntakeOrmEntity } from './intake.orm-entity';

/** Intakes in the transaction of `manager`. */
export class TypeOrmIntakeRepository extends IntakeRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  /** `INSERT … ON CONFLICT DO NOTHING RETURNING awb`: the primary key decides which of concurrent posts wins. */
  async insertIfAbsent(intake: IntakeRecord): Promise<boolean> {
    const inserted = await this.manager
      .createQueryBuilder()
      .insert()
      .into(IntakeOrmEntity)
      .values({
        awb: intake.awb,
        stationCode: intake.stationCode,
        status: intake.status,
        statusAt: intake.statusAt,
        receivedAt: intake.receivedAt,
        recordedAt: intake.recordedAt,
        pieces: intake.pieces,
        grossWeightKg: intake.grossWeightKg,
        // TypeORM types jsonb columns of Record type as deep-partial entities; the value is plain JSON.
        content: intake.content as never,
        eventId: intake.eventId,
      })
      .orIgnore()
      .returning(['awb'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
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
    const schema = (this.manager.connection.options as { schema: string }).schema;
    await this.manager.query(
      `INSERT INTO "${schema}"."intake_change_audit" ("awb", "station_code", "action", "actor", "at", "reason", "before", "after", "event_id", "intake_version")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.awb, e.stationCode, e.action, e.actor, e.at, e.reason, JSON.stringify(e.before), JSON.stringify(e.after), e.eventId, e.intakeVersion],
    );
  }
}
