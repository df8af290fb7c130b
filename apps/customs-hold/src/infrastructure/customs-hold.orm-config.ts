import { CaseAuditEntryOrmEntity } from './case-audit-entry.orm-entity';
import { CustomsCaseOrmEntity } from './customs-case.orm-entity';
import { CustomsHoldMigrations } from './migrations';

/** What the customs-hold service keeps in PostgreSQL: its own schema, entities and migrations. */
export const CustomsHoldOrm = {
  schema: 'customs_hold',
  entities: [CustomsCaseOrmEntity, CaseAuditEntryOrmEntity],
  migrations: CustomsHoldMigrations,
};
