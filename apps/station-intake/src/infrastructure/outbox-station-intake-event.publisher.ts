import { CargoReceivedEvent, HandlingScannedEvent, type CargoReceivedPayload, type HandlingScannedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import { StationIntakeEventPublisher, type EventOptions } from '../application/station-intake.ports';

/** Writes station events to the outbox of the messaging transaction (same commit as the rows). */
export class OutboxStationIntakeEventPublisher extends StationIntakeEventPublisher {
  constructor(private readonly tx: MessagingTransaction) {
    super();
  }

  async cargoReceived(payload: CargoReceivedPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(CargoReceivedEvent, payload, options);
  }

  async handlingScanned(payload: HandlingScannedPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(HandlingScannedEvent, payload, options);
  }
}
