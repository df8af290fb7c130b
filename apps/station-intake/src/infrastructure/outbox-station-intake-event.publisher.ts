import {
  CargoCancelledEvent,
  CargoCorrectedEvent,
  CargoReceivedEvent,
  HandlingScannedEvent,
  type CargoCancelledPayload,
  type CargoCorrectedPayload,
  type CargoReceivedPayload,
  type HandlingScannedPayload,
} from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import { StationIntakeEventPublisher, type EventOptions } from '../application/station-intake.ports';

/**
 * Writes station events to the outbox of the messaging transaction (same commit as the rows). The
 * envelope's `time` comes from the service's shared clock, like every time the payloads carry.
 */
export class OutboxStationIntakeEventPublisher extends StationIntakeEventPublisher {
  constructor(
    private readonly tx: MessagingTransaction,
    private readonly clock: Clock,
  ) {
    super();
  }

  async cargoReceived(payload: CargoReceivedPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(CargoReceivedEvent, payload, { ...options, time: this.clock.now() });
  }

  async handlingScanned(payload: HandlingScannedPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(HandlingScannedEvent, payload, { ...options, time: this.clock.now() });
  }

  async cargoCorrected(payload: CargoCorrectedPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(CargoCorrectedEvent, payload, { ...options, time: this.clock.now() });
  }

  async cargoCancelled(payload: CargoCancelledPayload, options: EventOptions): Promise<void> {
    await this.tx.publish(CargoCancelledEvent, payload, { ...options, time: this.clock.now() });
  }
}
