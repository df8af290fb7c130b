import { EventCatalog, type CustomsHoldPlacedPayload, type CustomsReleasedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import { CustomsEventPublisher } from '../application/customs.ports';

/**
 * Writes customs events to the outbox of the messaging transaction (same commit as the case). The
 * envelope's `time` (when the event was recorded) comes from the service's shared clock, like the
 * decision times in the payload, never from the wall clock.
 */
export class OutboxCustomsEventPublisher extends CustomsEventPublisher {
  constructor(
    private readonly tx: MessagingTransaction,
    private readonly clock: Clock,
  ) {
    super();
  }

  async holdPlaced(payload: CustomsHoldPlacedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsHoldPlaced, payload, { time: this.clock.now() })).id;
  }

  async released(payload: CustomsReleasedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsReleased, payload, { time: this.clock.now() })).id;
  }
}
