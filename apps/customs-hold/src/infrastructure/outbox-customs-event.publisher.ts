import { EventCatalog, type CustomsHoldPlacedPayload, type CustomsReleasedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import { CustomsEventPublisher } from '../application/customs.ports';

/** Writes customs events to the outbox of the messaging transaction (same commit as the case). */
export class OutboxCustomsEventPublisher extends CustomsEventPublisher {
  constructor(private readonly tx: MessagingTransaction) {
    super();
  }

  async holdPlaced(payload: CustomsHoldPlacedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsHoldPlaced, payload)).id;
  }

  async released(payload: CustomsReleasedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsReleased, payload)).id;
  }
}
