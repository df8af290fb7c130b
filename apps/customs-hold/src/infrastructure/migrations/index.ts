import { MESSAGING_MIGRATIONS } from '@cargo/messaging';
import { MigrationInterface } from 'typeorm';
import { CreateCustomsCases1764050000000 } from './1764050000000-create-customs-cases.migration';
import { CustomsDecisionOrder1766100000000 } from './1766100000000-customs-decision-order.migration';
import { CustomsTransportRefs1766400000000 } from './1766400000000-customs-transport-refs.migration';
import { CloseCancelledCases1766300000000 } from './1766300000000-close-cancelled-cases.migration';

/** Every migration of the customs-hold schema, oldest first (the messaging outbox tables first). */
export const CustomsHoldMigrations: (new () => MigrationInterface)[] = [...MESSAGING_MIGRATIONS, CreateCustomsCases1764050000000, CustomsDecisionOrder1766100000000, CloseCancelledCases1766300000000, CustomsTransportRefs1766400000000];
