import type { EventDefinition } from '@cargo/contracts';
import type { AssignmentStore } from './assignment-store.port';

/** Publishes events in the unit of work's transaction (the outbox): they leave only if it commits. */
export interface EventPublisher {
  publish<T extends object>(def: EventDefinition<T>, payload: T): Promise<unknown>;
}

/** State and events of one database transaction. */
export interface UnitOfWork {
  store: AssignmentStore;
  events: EventPublisher;
}

/** Injection token of the {@link UnitOfWorkRunner}. */
export const UNIT_OF_WORK = Symbol('UNIT_OF_WORK');

/** Runs work in one transaction: everything written through `store` and `events` commits together, or nothing does. */
export interface UnitOfWorkRunner {
  run<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R>;
}
