import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan until delivered (#15): a shipment can be in EXCEPTION (nothing in the timetable can carry
 * it; an operator must resolve it), and a wait-listed one always has its next attempt time. The
 * database holds both invariants itself: WAITLISTED ⇒ `next_attempt_at`; EXCEPTION ⇒ a reason.
 * Wait-listed rows from before are due at once (they may have had no retry deadline at all).
 * `assignment_exception_audit` records who resolved which exception, when and how.
 */
export class AssignmentExceptions1766200000000 implements MigrationInterface {
  name = 'AssignmentExceptions1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD COLUMN "next_attempt_at" timestamptz NULL`);
    await queryRunner.query(`UPDATE ${s}."shipments" SET "next_attempt_at" = to_timestamp(0) WHERE "status" = 'WAITLISTED'`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'EXCEPTION', 'HELD', 'MANIFESTED', 'DEPARTED'))`,
    );
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_waitlisted_has_next_attempt" CHECK ("status" <> 'WAITLISTED' OR "next_attempt_at" IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_exception_has_reason" CHECK ("status" <> 'EXCEPTION' OR "reason_code" IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "shipments_next_attempt_idx" ON ${s}."shipments" ("next_attempt_at") WHERE "status" = 'WAITLISTED'`);
    await queryRunner.query(`
      CREATE TABLE ${s}."assignment_exception_audit" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "awb" text NOT NULL,
        "reason_code" text NOT NULL,
        "opened_at" timestamptz NOT NULL,
        "action" text NOT NULL CHECK ("action" IN ('REPLAN')),
        "actor" text NOT NULL,
        "at" timestamptz NOT NULL,
        "note" text NOT NULL,
        "outcome" text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "assignment_exception_audit_awb_idx" ON ${s}."assignment_exception_audit" ("awb", "seq")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."assignment_exception_audit"`);
    await queryRunner.query(`DROP INDEX ${s}."shipments_next_attempt_idx"`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_exception_has_reason"`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_waitlisted_has_next_attempt"`);
    await queryRunner.query(`UPDATE ${s}."shipments" SET "status" = 'WAITLISTED' WHERE "status" = 'EXCEPTION'`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'HELD', 'MANIFESTED', 'DEPARTED'))`,
    );
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP COLUMN "next_attempt_at"`);
  }
}
