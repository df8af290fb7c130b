import { AddOutboxTraceContext1765000000500 } from './add-outbox-trace-context.migration';
import { CreateMessagingTables1764000000000 } from './create-messaging-tables.migration';
import { AddProcessedEventsRetentionIndex1766000000000 } from '../retention/add-processed-events-retention-index.migration';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { ProcessedEventOrmEntity } from './processed-event.orm-entity';

/** Add to the service data source's `entities` (only needed to query the tables through TypeORM). */
export const MESSAGING_ENTITIES = [OutboxMessageOrmEntity, ProcessedEventOrmEntity] as const;

/** Add to the service data source's `migrations`, next to the service's own. */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764000000000, AddOutboxTraceContext1765000000500, AddProcessedEventsRetentionIndex1766000000000] as const;
