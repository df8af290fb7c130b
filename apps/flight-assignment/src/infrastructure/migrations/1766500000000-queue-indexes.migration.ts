import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cost that stays flat as shipments accumulate (#21): the scheduler asks for the oldest PENDING
 * shipment on every tick, and decisions load the flights departing from a day ago on. Both are
 * index lookups now: the pending shipments by `pending_since` (a partial index, as small as the
 * queue), the flights by `departure_at`.
 */
export class QueueIndexes1766500000000 implements MigrationInterface {
  name = 'QueueIndexes1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`CREATE INDEX "shipments_pending_since_idx" ON ${s}."shipments" ("pending_since") WHERE "status" = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX "flights_departure_idx" ON ${s}."flights" ("departure_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${(queryRunner.connection.options as { schema: string }).schema}"`;
    await queryRunner.query(`DROP INDEX ${s}."flights_departure_idx"`);
    await queryRunner.query(`DROP INDEX ${s}."shipments_pending_since_idx"`);
  }
}
