import { MESSAGING_MIGRATIONS } from '@cargo/messaging';
import { MigrationInterface } from 'typeorm';
import { CreateStationIntakeTables1764100000000 } from './1764100000000-create-station-intake-tables.migration';
import { ApiKeyExpiryAndAudit1765000000000 } from './1765000000000-api-key-expiry-and-audit.migration';
import { AssignmentDecisionOrder1766100000000 } from './1766100000000-assignment-decision-order.migration';
import { IntakeChanges1766300000000 } from './1766300000000-intake-changes.migration';

/** Every migration of the station-intake schema, oldest first (messaging's outbox tables first). */
export const StationIntakeMigrations: (new () => MigrationInterface)[] = [...MESSAGING_MIGRATIONS, CreateStationIntakeTables1764100000000, ApiKeyExpiryAndAudit1765000000000, AssignmentDecisionOrder1766100000000, IntakeChanges1766300000000];
