import { AddOutboxTraceContext1765000000500, AddProcessedEventsRetentionIndex1766000000000, CreateMessagingTables1764000000000 } from '@cargo/messaging';
import { MigrationInterface } from 'typeorm';
import { CreateTrackingReadModel1764050000000 } from './1764050000000-create-tracking-read-model.migration';

/** Every migration of the tracking schema, oldest first (messaging's `processed_events`/`outbox` first). */
export const TrackingMigrations: (new () => MigrationInterface)[] = [
  CreateMessagingTables1764000000000,
  CreateTrackingReadModel1764050000000,
  AddOutboxTraceContext1765000000500,
  AddProcessedEventsRetentionIndex1766000000000,
];
