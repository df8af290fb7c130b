import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../outbox/create-messaging-tables.migration';

/**
 * An index on `processed_events.processed_at`, so the retention purge
 * ({@link MessagingRetentionPurger}) finds expired rows without reading the whole table.
 */
export class AddProcessedEventsRetentionIndex1766000000000 implements MigrationInterface {
  name = 'AddProcessedEventsRetentionIndex1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "processed_events_processed_at_idx" ON ${s}."processed_events" ("processed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "${migrationSchema(queryRunner)}"."processed_events_processed_at_idx"`);
  }
}
