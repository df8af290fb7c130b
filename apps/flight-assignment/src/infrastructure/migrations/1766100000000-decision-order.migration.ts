import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions in order (#15):
 * - `shipments.customs_decision_version`: the `decisionVersion` of the last customs hold or release
 *   applied to the shipment (null: none yet, or only decisions from before versions, read as 0); an
 *   older one arriving late on the other topic is ignored.
 * - `assignment_decision_sequence`: per AWB, the version of its last assignment decision and that
 *   event's id, so the next `FlightAssigned`/`AssignmentFailed` carries `decisionVersion` and `supersedes`.
 */
export class DecisionOrder1766100000000 implements MigrationInterface {
  name = 'DecisionOrder1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD COLUMN "customs_decision_version" integer NULL`);
    await queryRunner.query(`
      CREATE TABLE ${s}."assignment_decision_sequence" (
        "awb" text PRIMARY KEY,
        "version" integer NOT NULL CHECK ("version" >= 0),
        "last_event_id" uuid NULL,
        "superseded_event_id" uuid NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."assignment_decision_sequence"`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP COLUMN "customs_decision_version"`);
  }
}
