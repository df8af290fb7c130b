import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Station API keys expire, and every issue, rotation and revocation is audited with who did it. */
export class ApiKeyExpiryAndAudit1765000000000 implements MigrationInterface {
  name = 'ApiKeyExpiryAndAudit1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."station_api_key" ADD COLUMN "expires_at" timestamptz NULL`);
    await queryRunner.query(`ALTER TABLE ${s}."station_api_key" ADD COLUMN "replaced_by" text NULL`);
    await queryRunner.query(`
      CREATE TABLE ${s}."station_api_key_audit" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "key_id" text NOT NULL,
        "station_code" text NOT NULL,
        "action" text NOT NULL CHECK ("action" IN ('ISSUED', 'ROTATED', 'REVOKED')),
        "actor" text NOT NULL,
        "at" timestamptz NOT NULL,
        "detail" text NULL
      )`);
    await queryRunner.query(`CREATE INDEX "station_api_key_audit_station_idx" ON ${s}."station_api_key_audit" ("station_code", "seq")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."station_api_key_audit"`);
    await queryRunner.query(`ALTER TABLE ${s}."station_api_key" DROP COLUMN "replaced_by"`);
    await queryRunner.query(`ALTER TABLE ${s}."station_api_key" DROP COLUMN "expires_at"`);
  }
}
