import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema a migration runs in: the service's own (`DataSource.options.schema`). */
export function migrationSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('CreateMessagingTables: the data source has no schema; every service owns one.');
  return schema;
}

/**
 * Creates the outbox and processed-events tables in the service's own schema. Every service that
 * uses `@cargo/messaging` adds this class to its data source's `migrations` list (next to its own);
 * it runs once per schema like any other migration.
 *
 * See {@link OutboxMessageOrmEntity} and {@link ProcessedEventOrmEntity} for the invariants.
 */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."outbox" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "id" uuid NOT NULL,
        "topic" text NOT NULL,
        "key" text NOT NULL,
        "event_type" text NOT NULL,
        "headers" jsonb NOT NULL,
        "payload" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz NULL,
        CONSTRAINT "outbox_id_key" UNIQUE ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "outbox_unpublished_idx" ON ${s}."outbox" ("seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "outbox_unpublished_key_idx" ON ${s}."outbox" ("key", "seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "outbox_published_at_idx" ON ${s}."outbox" ("published_at") WHERE "published_at" IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE ${s}."processed_events" (
        "consumer" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "offset" bigint NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer", "event_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`DROP TABLE ${s}."processed_events"`);
    await queryRunner.query(`DROP TABLE ${s}."outbox"`);
  }
}
