import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions in order (#15): a shipment's current leg keeps the `decisionVersion` of the assignment
 * decision it reflects; a decision replaces it only if its version is greater. Legs recorded before
 * have version 0 (between two such, the later `decided_at` still wins).
 */
export class AssignmentDecisionOrder1766100000000 implements MigrationInterface {
  name = 'AssignmentDecisionOrder1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipment_leg" ADD COLUMN "decision_version" integer NOT NULL DEFAULT 0 CHECK ("decision_version" >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipment_leg" DROP COLUMN "decision_version"`);
  }
}
