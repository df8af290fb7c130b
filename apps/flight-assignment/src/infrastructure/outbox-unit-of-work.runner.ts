import type { MessagingTransaction, OutboxTransactionRunner } from '@cargo/messaging';
import { UnitOfWorkRunner, type UnitOfWork } from '../application/unit-of-work.port';
import { TypeormAssignmentStore } from './typeorm-assignment.store';

/** A unit of work on a messaging transaction: the store on its EntityManager, events into its outbox. */
export function unitOfWorkOf(tx: MessagingTransaction): UnitOfWork {
  return {
    store: new TypeormAssignmentStore(tx.manager),
    events: {
      publish: (def, payload, options) => tx.publish(def, payload, options?.cause ? { causation: options.cause } : {}),
      consumedCause: () => tx.cause(),
    },
  };
}

/** {@link UnitOfWorkRunner} over @cargo/messaging's transactional outbox. */
export class OutboxUnitOfWorkRunner extends UnitOfWorkRunner {
  constructor(private readonly runner: OutboxTransactionRunner) {
    super();
  }

  run<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R> {
    return this.runner.run((tx) => work(unitOfWorkOf(tx)));
  }
}
