import type { EventDefinition } from '@cargo/contracts';
import type { AssignmentStore } from './assignment-store.port';

/**
 * Publishes events in the unit of work's transaction (the outbox).
 *
 * Invariant: an event published here leaves only if the transaction commits, and then at least
 * once; it is validated against its contract before it is written.
 */
abstract class EventPublisher {
  abstract publish<T extends object>(def: EventDefinition<T>, payload: T): Promise<unknown>;
}

/** State and events of one database transaction. */
export interface UnitOfWork {
  store: AssignmentStore;
  events: EventPublisher;
}

/**
 * Runs work in one transaction; the Nest injection token of the unit of work (an abstract class,
 * like every port of the services).
 *
 * Invariants: everything written through `store` and `events` commits together, or nothing does
 * (a rejected `work` rolls it all back); `store` and `events` are not used after `work` settles.
 */
export abstract class UnitOfWorkRunner {
  abstract run<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R>;
}
