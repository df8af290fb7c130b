import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customs case per AWB and its append-only audit trail. */
export class CreateCustomsCases1764050000000 implements MigrationInterface {
  name = 'CreateCustomsCases1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."customs_case" (
        "case_id" text PRIMARY KEY,
        "awb" text NOT NULL,
        "station_code" text NOT NULL,
        "shipper_id" text NOT NULL,
        "commodity_category" text NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('HELD', 'CONDITIONALLY_RELEASED', 'RELEASED')),
        "lab_status" text NOT NULL CHECK ("lab_status" IN ('NOT_REQUIRED', 'PENDING', 'PASSED', 'FAILED', 'WAIVED')),
        "two_stage" boolean NOT NULL,
        "had_conditional_release" boolean NOT NULL,
        "cargo_aircraft_only" boolean NOT NULL,
        "special_handling_codes" jsonb NOT NULL,
        "priority" text NOT NULL CHECK ("priority" IN ('FAST_LANE', 'NORMAL')),
        "post_release_check" boolean NOT NULL,
        "passes" jsonb NOT NULL,
        "holds" jsonb NOT NULL,
        "held_since" timestamptz NULL,
        "last_release_kind" text NULL,
        "last_released_at" timestamptz NULL,
        "departed_at" timestamptz NULL,
        "departed_flight" text NULL,
        "received_at" timestamptz NOT NULL,
        "opened_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "version" integer NOT NULL,
        CONSTRAINT "customs_case_awb_key" UNIQUE ("awb"),
        CONSTRAINT "customs_case_held_has_holds" CHECK (("state" = 'HELD') = (jsonb_array_length("holds") > 0))
      )`);
    await queryRunner.query(`CREATE INDEX "customs_case_open_holds_idx" ON ${s}."customs_case" ("station_code", "held_since") WHERE "state" = 'HELD'`);
    await queryRunner.query(`CREATE INDEX "customs_case_holds_gin" ON ${s}."customs_case" USING gin ("holds" jsonb_path_ops)`);
    await queryRunner.query(`
      CREATE TABLE ${s}."case_audit_entry" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "case_id" text NOT NULL REFERENCES ${s}."customs_case" ("case_id"),
        "action" text NOT NULL,
        "actor_role" text NOT NULL,
        "actor_id" text NOT NULL,
        "reason" text NOT NULL CHECK (length("reason") > 0),
        "details" jsonb NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "case_audit_entry_case_idx" ON ${s}."case_audit_entry" ("case_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."case_audit_entry"`);
    await queryRunner.query(`DROP TABLE ${s}."customs_case"`);
  }
}
