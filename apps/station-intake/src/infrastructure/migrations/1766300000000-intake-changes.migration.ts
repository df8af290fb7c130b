import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and cancellations at the station (#15): an intake's version and latest intake event
 * (for `intakeVersion`/`supersedes` of the next change), when it was cancelled, and the append-only
 * audit of every change with the verified subject that made it.
 */
export class IntakeChanges1766300000000 implements MigrationInterface {
  name = 'IntakeChanges1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."intake" ADD COLUMN "intake_version" integer NOT NULL DEFAULT 1 CHECK ("intake_version" >= 1)`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" ADD COLUMN "last_event_id" uuid NULL`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" ADD COLUMN "cancelled_at" timestamptz NULL`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" ADD CONSTRAINT "intake_cancelled_status" CHECK (("cancelled_at" IS NULL) = ("status" <> 'CANCELLED'))`);
    await queryRunner.query(`
      CREATE TABLE ${s}."intake_change_audit" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "awb" text NOT NULL REFERENCES ${s}."intake" ("awb"),
        "station_code" text NOT NULL,
        "action" text NOT NULL CHECK ("action" IN ('CORRECTED', 'CANCELLED')),
        "actor" text NOT NULL CHECK (length("actor") > 0),
        "at" timestamptz NOT NULL,
        "reason" text NOT NULL CHECK (length("reason") > 0),
        "before" jsonb NOT NULL,
        "after" jsonb NOT NULL,
        "event_id" uuid NOT NULL UNIQUE,
        "intake_version" integer NOT NULL CHECK ("intake_version" >= 2),
        CONSTRAINT "intake_change_audit_version_key" UNIQUE ("awb", "intake_version")
      )`);
    await queryRunner.query(`CREATE INDEX "intake_change_audit_awb_idx" ON ${s}."intake_change_audit" ("awb", "seq")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."intake_change_audit"`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" DROP CONSTRAINT "intake_cancelled_status"`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" DROP COLUMN "last_event_id"`);
    await queryRunner.query(`ALTER TABLE ${s}."intake" DROP COLUMN "intake_version"`);
  }
}
