import { EventCatalog, type CustomsHoldPlacedPayload, type CustomsReleasedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import { CustomsEventPublisher } from '../application/customs.ports';
import { TypeOrmTransportReferenceStore } from './typeorm-transport-reference.store';

/**
 * Writes customs events to the outbox of the messaging transaction (same commit as the case). The
 * envelope's `time` (when the event was recorded) comes from the service's shared clock, like the
 * decision times in the payload, never from the wall clock. Once the shipment is booked, a hold or
 * release carries `transport`: the flight it is booked on and, once closed, its manifest (as
 * recorded from flight-assignment's events in `customs_transport_refs`).
 */
export class OutboxCustomsEventPublisher extends CustomsEventPublisher {
  constructor(
    private readonly tx: MessagingTransaction,
    private readonly clock: Clock,
  ) {
    super();
  }

  async holdPlaced(payload: CustomsHoldPlacedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsHoldPlaced, await this.withTransport(payload), { time: this.clock.now() })).id;
  }

  async released(payload: CustomsReleasedPayload): Promise<string> {
    return (await this.tx.publish(EventCatalog.CustomsReleased, await this.withTransport(payload), { time: this.clock.now() })).id;
  }

  /** The decision with the AWB's booking (and manifest), when there is one. */
  private async withTransport<T extends CustomsHoldPlacedPayload | CustomsReleasedPayload>(payload: T): Promise<T> {
    if (payload.transport) return payload;
    const booking = await new TypeOrmTransportReferenceStore(this.tx.manager).get(payload.awb);
    if (!booking) return payload;
    const { decisionVersion: _decisionVersion, ...transport } = booking;
    return { ...payload, transport };
  }
}
