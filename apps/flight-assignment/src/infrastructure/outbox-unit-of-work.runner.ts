import { randomUUID } from 'node:crypto';
import { EventCatalog, type EventDefinition } from '@cargo/contracts';
import type { MessagingTransaction, OutboxTransactionRunner } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import { UnitOfWorkRunner, type UnitOfWork } from '../application/unit-of-work.port';
import { TypeormAssignmentStore } from './typeorm-assignment.store';
import { TypeormDecisionSequence } from './typeorm-decision.sequence';

/** The events that are assignment decisions: they carry the AWB's decision sequence. */
const ASSIGNMENT_DECISIONS: readonly EventDefinition[] = [EventCatalog.FlightAssigned, EventCatalog.AssignmentFailed] as EventDefinition[];

/**
 * A unit of work on a messaging transaction: the store on its EntityManager, events into its outbox.
 * Every assignment decision published through it gets the AWB's next `decisionVersion` and the
 * `supersedes` of its previous decision, in the same transaction (see TypeormDecisionSequence).
 * Every event is recorded (envelope `time`) at the service's shared clock, never the wall clock.
 */
export function unitOfWorkOf(tx: MessagingTransaction, clock: Clock): UnitOfWork {
  const sequence = new TypeormDecisionSequence(tx.manager);
  return {
    store: new TypeormAssignmentStore(tx.manager),
    events: {
      publish: async (def, payload, options) => {
        const id = randomUUID();
        const data = ASSIGNMENT_DECISIONS.includes(def as EventDefinition) ? { ...payload, ...(await sequence.next((payload as { awb: string }).awb, id)) } : payload;
        return tx.publish(def, data, { id, time: clock.now(), ...(options?.cause ? { causation: options.cause } : {}) });
      },
      consumedCause: () => tx.cause(),
    },
  };
}

/** {@link UnitOfWorkRunner} over @cargo/messaging's transactional outbox. */
export class OutboxUnitOfWorkRunner extends UnitOfWorkRunner {
  constructor(
    private readonly runner: OutboxTransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  run<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R> {
    return this.runner.run((tx) => work(unitOfWorkOf(tx, this.clock)));
  }
}
