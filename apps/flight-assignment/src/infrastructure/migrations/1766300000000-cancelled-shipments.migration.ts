import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cancellations at the station (#15): a shipment can be CANCELLED (final; its booking released). */
export class CancelledShipments1766300000000 implements MigrationInterface {
  name = 'CancelledShipments1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'EXCEPTION', 'HELD', 'MANIFESTED', 'DEPARTED', 'CANCELLED'))`,
    );
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_cancelled_unbooked" CHECK ("status" <> 'CANCELLED' OR "flight_id" IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_cancelled_unbooked"`);
    await queryRunner.query(`DELETE FROM ${s}."shipments" WHERE "status" = 'CANCELLED'`);
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP CONSTRAINT "shipments_status_check"`);
    await queryRunner.query(
      `ALTER TABLE ${s}."shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("status" IN ('RECEIVED', 'RELEASED_AWAITING_INTAKE', 'PENDING', 'ASSIGNED', 'WAITLISTED', 'EXCEPTION', 'HELD', 'MANIFESTED', 'DEPARTED'))`,
    );
  }
}
