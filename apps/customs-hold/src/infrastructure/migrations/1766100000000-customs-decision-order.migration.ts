import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions in order (#15): a case remembers the version and the event id of its latest hold or
 * release, so the next one carries `decisionVersion` and `supersedes`. Cases decided before this
 * migration have neither (their next decision supersedes nothing; versions still increase).
 */
export class CustomsDecisionOrder1766100000000 implements MigrationInterface {
  name = 'CustomsDecisionOrder1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD COLUMN "last_decision_version" integer NULL`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD COLUMN "last_decision_event_id" uuid NULL`);
    await queryRunner.query(
      `ALTER TABLE ${s}."customs_case" ADD CONSTRAINT "customs_case_decision_not_ahead" CHECK ("last_decision_version" IS NULL OR "last_decision_version" <= "version")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP CONSTRAINT "customs_case_decision_not_ahead"`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP COLUMN "last_decision_event_id"`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP COLUMN "last_decision_version"`);
  }
}
