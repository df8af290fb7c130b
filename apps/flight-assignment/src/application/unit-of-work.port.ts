import type { EventDefinition } from '@cargo/contracts';
import type { AssignmentStore } from './assignment-store.port';

/**
 * The event a later event is caused by: its id, correlation id and the trace context it was handled
 * in (W3C `traceparent`/`tracestate`). Plain data, stored with the shipment it concerns.
 */
export interface EventCause {
  id: string;
  correlationid: string;
  trace?: { traceparent?: string; tracestate?: string };
}

/**
 * Publishes events in the unit of work's transaction (the outbox).
 *
 * Invariants: an event published here leaves only if the transaction commits, and then at least
 * once; it is validated against its contract before it is written. An assignment decision
 * (`FlightAssigned`, `AssignmentFailed`) is written with the AWB's next `decisionVersion` and the
 * `supersedes` of the decision before it: versions follow the order in which the units of work
 * deciding the AWB commit, which is what consumers order decisions by (not `decidedAt`).
 */
abstract class EventPublisher {
  /** `cause`: the event this one continues (causation id, correlation id, trace) when it is not the one being consumed. */
  abstract publish<T extends object>(def: EventDefinition<T>, payload: T, options?: { cause?: EventCause }): Promise<unknown>;
  /** The consumed event this unit of work applies, with the trace it is handled in; undefined outside a consumer. */
  abstract consumedCause(): EventCause | undefined;
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
