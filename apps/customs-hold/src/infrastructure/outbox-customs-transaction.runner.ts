import { Injectable } from '@nestjs/common';
import { OutboxTransactionRunner, type MessagingTransaction } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { CustomsTransactionRunner, type CustomsUnitOfWork } from '../application/customs.ports';
import { OutboxCustomsEventPublisher } from './outbox-customs-event.publisher';
import { TypeOrmCaseRepository } from './typeorm-case.repository';

/** A unit of work over a messaging transaction: case rows and outbox rows commit together. */
export function unitOfWorkOf(tx: MessagingTransaction, clock: Clock): CustomsUnitOfWork {
  return { cases: new TypeOrmCaseRepository(tx.manager, () => clock.now()), events: new OutboxCustomsEventPublisher(tx, clock) };
}

/** Runs officer actions in one transaction through messaging's outbox runner. */
@Injectable()
export class OutboxCustomsTransactionRunner extends CustomsTransactionRunner {
  constructor(
    private readonly outbox: OutboxTransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  run<R>(work: (uow: CustomsUnitOfWork) => Promise<R>): Promise<R> {
    return this.outbox.run((tx) => work(unitOfWorkOf(tx, this.clock)));
  }
}
