import type { EntityManager } from 'typeorm';
import { IntakeRepository, type IntakeRecord } from '../application/station-intake.ports';
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

  async updateStatus(awb: string, status: string, statusAt: Date): Promise<void> {
    await this.manager.update(IntakeOrmEntity, { awb }, { status, statusAt });
  }
}
