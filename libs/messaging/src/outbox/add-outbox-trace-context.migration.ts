import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from './create-messaging-tables.migration';

/**
 * Gives every outbox row its own trace context (`traceparent`, `tracestate`): the span that wrote
 * the event. The relay publishes the row inside that context, so the Kafka produce span (and the
 * `traceparent` header the kafkajs instrumentation writes) continue the writer's trace.
 *
 * Rows written before carry the context in `headers`, if at all: it moves to the columns for the
 * rows still waiting to be published.
 */
export class AddOutboxTraceContext1765000000500 implements MigrationInterface {
  name = 'AddOutboxTraceContext1765000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`ALTER TABLE ${s}."outbox" ADD COLUMN "traceparent" text NULL, ADD COLUMN "tracestate" text NULL`);
    await queryRunner.query(`
      UPDATE ${s}."outbox"
         SET "traceparent" = "headers"->>'traceparent',
             "tracestate" = "headers"->>'tracestate',
             "headers" = "headers" - 'traceparent' - 'tracestate'
       WHERE "published_at" IS NULL AND "headers" ? 'traceparent'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`
      UPDATE ${s}."outbox"
         SET "headers" = "headers" || jsonb_strip_nulls(jsonb_build_object('traceparent', "traceparent", 'tracestate', "tracestate"))
       WHERE "published_at" IS NULL AND "traceparent" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE ${s}."outbox" DROP COLUMN "tracestate", DROP COLUMN "traceparent"`);
  }
}
