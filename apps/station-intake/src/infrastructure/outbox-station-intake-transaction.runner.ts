import { Inject, Injectable } from '@nestjs/common';
import { OutboxTransactionRunner, type MessagingTransaction } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { StationIntakeTransactionRunner, type StationIntakeUnitOfWork } from '../application/station-intake.ports';
import { OutboxStationIntakeEventPublisher } from './outbox-station-intake-event.publisher';
import { TypeOrmIntakeRepository } from './typeorm-intake.repository';
import { TypeOrmScanRepository } from './typeorm-scan.repository';
import { TypeOrmShipmentLegStore } from './typeorm-shipment-leg.store';

/** A unit of work over a messaging transaction: rows and outbox rows commit together; events are recorded at `clock`. */
export function unitOfWorkOf(tx: MessagingTransaction, clock: Clock): StationIntakeUnitOfWork {
  return {
    intakes: new TypeOrmIntakeRepository(tx.manager),
    scans: new TypeOrmScanRepository(tx.manager),
    shipmentLegs: new TypeOrmShipmentLegStore(tx.manager),
    events: new OutboxStationIntakeEventPublisher(tx, clock),
  };
}

/** Runs station use cases in one transaction through messaging's outbox runner. */
@Injectable()
export class OutboxStationIntakeTransactionRunner extends StationIntakeTransactionRunner {
  constructor(
    @Inject(OutboxTransactionRunner) private readonly outbox: OutboxTransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  run<R>(work: (uow: StationIntakeUnitOfWork) => Promise<R>): Promise<R> {
    return this.outbox.run((tx) => work(unitOfWorkOf(tx, this.clock)));
  }
}
