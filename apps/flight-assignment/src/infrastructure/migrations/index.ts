import { MESSAGING_MIGRATIONS } from '@cargo/messaging';
import { MigrationInterface } from 'typeorm';
import { CreateAssignmentTables1764100000000 } from './1764100000000-create-assignment-tables.migration';
import { RecordDepartures1764200000000 } from './1764200000000-record-departures.migration';
import { RecordReleaseCause1765100000000 } from './1765100000000-record-release-cause.migration';
import { FlightOpsAudit1765200000000 } from './1765200000000-flight-ops-audit.migration';
import { AssignmentExceptions1766200000000 } from './1766200000000-assignment-exceptions.migration';
import { AirlineStatusReports1765500000000 } from './1765500000000-airline-status-reports.migration';
import { DecisionOrder1766100000000 } from './1766100000000-decision-order.migration';
import { CancelledShipments1766300000000 } from './1766300000000-cancelled-shipments.migration';
import { QueueIndexes1766500000000 } from './1766500000000-queue-indexes.migration';

/** Every migration of the flight-assignment schema, oldest first (the outbox/processed-events tables first). */
export const FlightAssignmentMigrations: (new () => MigrationInterface)[] = [
  ...MESSAGING_MIGRATIONS,
  CreateAssignmentTables1764100000000,
  RecordDepartures1764200000000,
  RecordReleaseCause1765100000000,
  FlightOpsAudit1765200000000,
  AirlineStatusReports1765500000000,
  DecisionOrder1766100000000,
  AssignmentExceptions1766200000000,
  CancelledShipments1766300000000,
  QueueIndexes1766500000000,
];
