import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flights and their shipments can now be DEPARTED (reported on cargo.handling.v1 at departure). */
export class RecordDepartures1764200000000 implements MigrationInterface {
  name = 'RecordDepartures1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."flights" DROP CONSTRAINT "flights_status_check"`);
    await queryRunner.query(`ALTER TABLE ${s}."flights" ADD CONSTRAINT "flights_status_check" CHECK ("status" IN ('SCHEDULED', 'CLOSED', 'DEPARTED', 'CANCELLED'))`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'HELD', 'MANIFESTED', 'DEPARTED'))`,
    );
    await queryRunner.query(`CREATE INDEX "flights_closed_departure_idx" ON ${s}."flights" ("departure_at") WHERE "status" = 'CLOSED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP INDEX ${s}."flights_closed_departure_idx"`);
    await queryRunner.query(`UPDATE ${s}."shipments" SET "status" = 'MANIFESTED' WHERE "status" = 'DEPARTED'`);
    await queryRunner.query(`UPDATE ${s}."flights" SET "status" = 'CLOSED' WHERE "status" = 'DEPARTED'`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'HELD', 'MANIFESTED'))`,
    );
    await queryRunner.query(`ALTER TABLE ${s}."flights" DROP CONSTRAINT "flights_status_check"`);
    await queryRunner.query(`ALTER TABLE ${s}."flights" ADD CONSTRAINT "flights_status_check" CHECK ("status" IN ('SCHEDULED', 'CLOSED', 'CANCELLED'))`);
  }
}
