import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancellations at the station (#15): a case can be CLOSED (the intake was cancelled), with the
 * time it was closed; a closed case holds nothing.
 */
export class CloseCancelledCases1766300000000 implements MigrationInterface {
  name = 'CloseCancelledCases1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD COLUMN "closed_at" timestamptz NULL`);
    // The inline CHECK of the first migration got PostgreSQL's default name.
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP CONSTRAINT IF EXISTS "customs_case_state_check"`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD CONSTRAINT "customs_case_state_known" CHECK ("state" IN ('HELD', 'CONDITIONALLY_RELEASED', 'RELEASED', 'CLOSED'))`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD CONSTRAINT "customs_case_closed_when" CHECK (("state" = 'CLOSED') = ("closed_at" IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP CONSTRAINT "customs_case_closed_when"`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP CONSTRAINT "customs_case_state_known"`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" ADD CONSTRAINT "customs_case_state_check" CHECK ("state" IN ('HELD', 'CONDITIONALLY_RELEASED', 'RELEASED'))`);
    await queryRunner.query(`ALTER TABLE ${s}."customs_case" DROP COLUMN "closed_at"`);
  }
}
