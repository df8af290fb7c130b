import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings customs learns from flight-assignment (#18): per AWB, the flight it is booked on and the
 * manifest it closed on, so holds and releases carry them (`transport`). NULL: no booking any more.
 */
export class CustomsTransportRefs1766400000000 implements MigrationInterface {
  name = 'CustomsTransportRefs1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(
      `CREATE TABLE ${s}."customs_transport_refs" ("awb" varchar(12) PRIMARY KEY, "reference" jsonb NULL, "updated_at" timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP TABLE ${s}."customs_transport_refs"`);
  }
}
