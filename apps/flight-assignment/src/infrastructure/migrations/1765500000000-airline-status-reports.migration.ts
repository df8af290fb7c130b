import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Airline status (#15): a flight's actual departure and arrival as the airline reported them (or the
 * departure the hub assumed when the airline stayed silent), and every status report with the
 * verified subject that made it. `report_key` makes a re-post idempotent and a contradicting one a
 * conflict (one airline DEP, one assumed DEP and one ARR per flight; one report per shipment, code
 * and place).
 */
export class AirlineStatusReports1765500000000 implements MigrationInterface {
  name = 'AirlineStatusReports1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`
      ALTER TABLE ${s}."flights"
        ADD COLUMN "departed_at" timestamptz NULL,
        ADD COLUMN "departure_source" text NULL CHECK ("departure_source" IN ('AIRLINE', 'ASSUMED')),
        ADD COLUMN "arrived_at" timestamptz NULL`);
    await queryRunner.query(`
      CREATE TABLE ${s}."airline_status_reports" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "report_key" text NOT NULL UNIQUE,
        "flight_id" text NULL,
        "awb" text NULL,
        "code" text NOT NULL CHECK ("code" IN ('DEP', 'ARR', 'RCF', 'NFD', 'DLV')),
        "place" text NOT NULL,
        "flight_number" text NULL,
        "pieces" integer NULL CHECK ("pieces" >= 0),
        "remarks" text NULL,
        "happened_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "source" text NOT NULL CHECK ("source" IN ('AIRLINE', 'ASSUMED')),
        "actor" text NOT NULL,
        CONSTRAINT "airline_status_reports_one_subject" CHECK (("flight_id" IS NULL) <> ("awb" IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "airline_status_reports_flight_idx" ON ${s}."airline_status_reports" ("flight_id", "seq") WHERE "flight_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "airline_status_reports_awb_idx" ON ${s}."airline_status_reports" ("awb", "seq") WHERE "awb" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."airline_status_reports"`);
    await queryRunner.query(`ALTER TABLE ${s}."flights" DROP COLUMN "departed_at", DROP COLUMN "departure_source", DROP COLUMN "arrived_at"`);
  }
}
