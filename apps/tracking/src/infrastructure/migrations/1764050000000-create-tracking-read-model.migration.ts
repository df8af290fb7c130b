import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tracking read model: timeline events (source of truth), shipments (projected views), flights (board). */
export class CreateTrackingReadModel1764050000000 implements MigrationInterface {
  name = 'CreateTrackingReadModel1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = (queryRunner.connection.options as { schema: string }).schema;
    await queryRunner.query(`
      CREATE TABLE "${s}"."timeline_events" (
        "awb" varchar(12) NOT NULL,
        "event_id" varchar(64) NOT NULL,
        "kind" varchar(32) NOT NULL,
        "happened_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "data" jsonb NOT NULL,
        "consumed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_timeline_events" PRIMARY KEY ("awb", "event_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."shipments" (
        "awb" varchar(12) NOT NULL PRIMARY KEY,
        "status" varchar(3),
        "station_code" varchar(6),
        "airport" varchar(3),
        "destination" varchar(3),
        "booked_flight_id" varchar(32),
        "booked_chargeable_kg" double precision,
        "held" boolean NOT NULL DEFAULT false,
        "flags" text[] NOT NULL DEFAULT '{}',
        "received_at" timestamptz,
        "last_happened_at" timestamptz,
        "view" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_shipments_status" ON "${s}"."shipments" ("status")`);
    await queryRunner.query(`CREATE INDEX "IDX_shipments_station" ON "${s}"."shipments" ("station_code")`);
    await queryRunner.query(`CREATE INDEX "IDX_shipments_airport" ON "${s}"."shipments" ("airport")`);
    await queryRunner.query(`CREATE INDEX "IDX_shipments_flight" ON "${s}"."shipments" ("booked_flight_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_shipments_flags" ON "${s}"."shipments" USING gin ("flags")`);
    await queryRunner.query(`
      CREATE TABLE "${s}"."flights" (
        "flight_id" varchar(32) NOT NULL PRIMARY KEY,
        "flight_number" varchar(8) NOT NULL,
        "origin" varchar(3) NOT NULL,
        "destination" varchar(3) NOT NULL,
        "departure_at" timestamptz NOT NULL,
        "aircraft_kind" varchar(10) NOT NULL,
        "aircraft_type" varchar(32),
        "capacity_kg" double precision,
        "manifest_chargeable_kg" double precision,
        "manifest_shipments" integer,
        "load_factor" double precision,
        "closed_at" timestamptz,
        "manifest_event_id" varchar(64)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_flights_origin" ON "${s}"."flights" ("origin")`);
    await queryRunner.query(`CREATE INDEX "IDX_flights_departure" ON "${s}"."flights" ("departure_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = (queryRunner.connection.options as { schema: string }).schema;
    await queryRunner.query(`DROP TABLE "${s}"."flights"`);
    await queryRunner.query(`DROP TABLE "${s}"."shipments"`);
    await queryRunner.query(`DROP TABLE "${s}"."timeline_events"`);
  }
}
