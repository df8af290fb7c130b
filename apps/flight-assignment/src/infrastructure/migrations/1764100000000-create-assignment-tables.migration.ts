import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flights (timetable + ops changes, booked capacity), the service's copy of shipment facts with their
 * assignment state, bookings (one row per shipment and leg) and closed manifests.
 *
 * Capacity is guarded in the database too: booked kg and m³ can never exceed the flight's capacity
 * (CHECK), whatever a bug or a race in the application might attempt.
 */
export class CreateAssignmentTables1764100000000 implements MigrationInterface {
  name = 'CreateAssignmentTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."flights" (
        "flight_id" text PRIMARY KEY,
        "flight_number" text NOT NULL,
        "carrier" text NOT NULL,
        "origin" text NOT NULL,
        "destination" text NOT NULL,
        "departure_at" timestamptz NOT NULL,
        "arrival_at" timestamptz NOT NULL,
        "cutoff_at" timestamptz NOT NULL,
        "aircraft_kind" text NOT NULL CHECK ("aircraft_kind" IN ('BELLY', 'FREIGHTER', 'TRUCK')),
        "aircraft_type" text NOT NULL,
        "capacity_kg" numeric(12, 3) NOT NULL CHECK ("capacity_kg" > 0),
        "capacity_m3" numeric(12, 3) NOT NULL CHECK ("capacity_m3" > 0),
        "booked_kg" numeric(12, 3) NOT NULL DEFAULT 0 CHECK ("booked_kg" >= 0),
        "booked_m3" numeric(12, 3) NOT NULL DEFAULT 0 CHECK ("booked_m3" >= 0),
        "cold_chain" boolean NOT NULL,
        "leg" text NOT NULL CHECK ("leg" IN ('FROM_WUHAN', 'ONWARD', 'ROAD_FEEDER')),
        "status" text NOT NULL CHECK ("status" IN ('SCHEDULED', 'CLOSED', 'CANCELLED')),
        "delay_minutes" integer NOT NULL DEFAULT 0,
        "source" text NOT NULL CHECK ("source" IN ('TIMETABLE', 'OPS')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "flights_capacity_never_exceeded" CHECK ("booked_kg" <= "capacity_kg" + 0.001 AND "booked_m3" <= "capacity_m3" + 0.001),
        CONSTRAINT "flights_times_ordered" CHECK ("cutoff_at" <= "departure_at" AND "departure_at" < "arrival_at")
      )`);
    await queryRunner.query(`CREATE INDEX "flights_origin_departure_idx" ON ${s}."flights" ("origin", "departure_at")`);
    await queryRunner.query(`CREATE INDEX "flights_open_cutoff_idx" ON ${s}."flights" ("cutoff_at") WHERE "status" = 'SCHEDULED'`);
    await queryRunner.query(`
      CREATE TABLE ${s}."shipments" (
        "awb" text PRIMARY KEY,
        "station_code" text NOT NULL,
        "facts" jsonb NULL,
        "status" text NOT NULL CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'HELD', 'MANIFESTED')),
        "customs" text NOT NULL CHECK ("customs" IN ('NONE', 'RELEASED', 'CONDITIONAL', 'HELD')),
        "release_facts" jsonb NULL,
        "flight_id" text NULL REFERENCES ${s}."flights" ("flight_id"),
        "connection_flight_id" text NULL REFERENCES ${s}."flights" ("flight_id"),
        "truck_depart_by" timestamptz NULL,
        "final_arrival_at" timestamptz NULL,
        "road_feeder" boolean NOT NULL DEFAULT false,
        "reason_code" text NULL,
        "reason_explanation" text NULL,
        "retry_until" timestamptz NULL,
        "replan_from_flight_id" text NULL,
        "replan_reason_code" text NULL,
        "pending_since" timestamptz NULL,
        "received_at" timestamptz NULL,
        "released_at" timestamptz NULL,
        "decided_at" timestamptz NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "shipments_status_idx" ON ${s}."shipments" ("status")`);
    await queryRunner.query(`CREATE INDEX "shipments_flight_idx" ON ${s}."shipments" ("flight_id")`);
    await queryRunner.query(`CREATE INDEX "shipments_connection_idx" ON ${s}."shipments" ("connection_flight_id")`);
    await queryRunner.query(`
      CREATE TABLE ${s}."manifests" (
        "flight_id" text PRIMARY KEY REFERENCES ${s}."flights" ("flight_id"),
        "payload" jsonb NOT NULL,
        "closed_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."manifests"`);
    await queryRunner.query(`DROP TABLE ${s}."shipments"`);
    await queryRunner.query(`DROP TABLE ${s}."flights"`);
  }
}
