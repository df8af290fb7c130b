import { CargoReceivedEvent, exampleEventPayload, HandlingScannedEvent, type CargoReceivedPayload, type HandlingScannedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { OutboxStationIntakeEventPublisher } from './outbox-station-intake-event.publisher';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-25T01:15:00Z');
  }
}

describe('OutboxStationIntakeEventPublisher (one clock for event times)', () => {
  it('records every event (envelope time) at the shared clock, keeping the ids and causation it is given', async () => {
    const published: Array<{ type: string; options: unknown }> = [];
    const tx = {
      publish: async (def: { type: string }, _payload: unknown, options: unknown) => {
        published.push({ type: def.type, options });
        return {};
      },
    } as unknown as MessagingTransaction;
    const events = new OutboxStationIntakeEventPublisher(tx, new FixedClock());
    await events.cargoReceived(exampleEventPayload('CargoReceived') as unknown as CargoReceivedPayload, { id: 'e1', correlationId: 'req-1' });
    await events.handlingScanned(exampleEventPayload('HandlingScanned') as unknown as HandlingScannedPayload, { id: 'e2', causation: { id: 'e1', correlationid: 'req-1' } });
    expect(published).toEqual([
      { type: CargoReceivedEvent.type, options: { id: 'e1', correlationId: 'req-1', time: new Date('2026-11-25T01:15:00Z') } },
      { type: HandlingScannedEvent.type, options: { id: 'e2', causation: { id: 'e1', correlationid: 'req-1' }, time: new Date('2026-11-25T01:15:00Z') } },
    ]);
  });
});
