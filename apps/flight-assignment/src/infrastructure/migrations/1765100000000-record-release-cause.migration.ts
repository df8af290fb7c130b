import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps, per shipment, the customs release event that made it assignable (id, correlation id and
 * the trace context it was consumed in), so the batch that later assigns it continues that
 * shipment's causation chain and trace.
 */
export class RecordReleaseCause1765100000000 implements MigrationInterface {
  name = 'RecordReleaseCause1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" ADD COLUMN "release_cause" jsonb NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`ALTER TABLE ${s}."shipments" DROP COLUMN "release_cause"`);
  }
}
