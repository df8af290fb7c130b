import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who added, delayed or cancelled which flight, when and why (the verified token's subject). */
export class FlightOpsAudit1765200000000 implements MigrationInterface {
  name = 'FlightOpsAudit1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."flight_ops_audit" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "flight_id" text NOT NULL,
        "action" text NOT NULL CHECK ("action" IN ('ADDED', 'DELAYED', 'CANCELLED')),
        "actor" text NOT NULL,
        "at" timestamptz NOT NULL,
        "detail" text NULL
      )`);
    await queryRunner.query(`CREATE INDEX "flight_ops_audit_flight_idx" ON ${s}."flight_ops_audit" ("flight_id", "seq")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."flight_ops_audit"`);
  }
}
