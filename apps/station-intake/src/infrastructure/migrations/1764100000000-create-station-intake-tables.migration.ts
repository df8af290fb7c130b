import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intakes, handling scans, station API keys and shipments' current legs (dispatch lists). */
export class CreateStationIntakeTables1764100000000 implements MigrationInterface {
  name = 'CreateStationIntakeTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."intake" (
        "awb" text PRIMARY KEY,
        "station_code" text NOT NULL,
        "status" text NOT NULL,
        "status_at" timestamptz NOT NULL,
        "received_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "pieces" integer NOT NULL CHECK ("pieces" > 0),
        "gross_weight_kg" double precision NOT NULL CHECK ("gross_weight_kg" > 0),
        "content" jsonb NOT NULL,
        "event_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "intake_station_received_idx" ON ${s}."intake" ("station_code", "received_at")`);
    await queryRunner.query(`
      CREATE TABLE ${s}."handling_scan" (
        "event_id" uuid PRIMARY KEY,
        "awb" text NOT NULL,
        "station_code" text NOT NULL,
        "code" text NOT NULL,
        "happened_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "truck_id" text NULL,
        "pieces" integer NULL,
        "remarks" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "handling_scan_identity_key" ON ${s}."handling_scan" ("awb", "code", "happened_at")`);
    await queryRunner.query(`
      CREATE TABLE ${s}."station_api_key" (
        "key_id" text PRIMARY KEY,
        "station_code" text NOT NULL,
        "key_hash" text NOT NULL,
        "label" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}."shipment_leg" (
        "awb" text PRIMARY KEY,
        "station_code" text NOT NULL,
        "on_leg" boolean NOT NULL,
        "outcome" text NOT NULL,
        "flight_id" text NULL,
        "flight_number" text NULL,
        "origin" text NULL,
        "destination" text NULL,
        "departure_at" timestamptz NULL,
        "cutoff_at" timestamptz NULL,
        "aircraft_kind" text NULL,
        "chargeable_weight_kg" double precision NOT NULL,
        "decided_at" timestamptz NOT NULL,
        "event_id" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "shipment_leg_dispatch_idx" ON ${s}."shipment_leg" ("station_code", "origin", "on_leg")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."shipment_leg"`);
    await queryRunner.query(`DROP TABLE ${s}."station_api_key"`);
    await queryRunner.query(`DROP TABLE ${s}."handling_scan"`);
    await queryRunner.query(`DROP TABLE ${s}."intake"`);
  }
}
