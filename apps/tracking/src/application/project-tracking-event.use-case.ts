import { Inject, Injectable } from '@nestjs/common';
import { EventCatalog, type EventEnvelope, type FlightAssignedPayload, type FlightManifestClosedPayload } from '@cargo/contracts';
import { toTrackedEvents } from './tracked-event.mapper';
import { TrackingProjectionStore } from './tracking-projection.port';
import type { TrackingUpdate } from './tracking-updates.notifier';

/**
 * Use case: project one validated event of any of the six topics into the read model. Idempotence
 * comes from messaging's processed-event claim plus the `(awb, event id)` key of the timeline.
 * Returns what changed, for the caller to announce once the transaction committed.
 */
@Injectable()
export class ProjectTrackingEventUseCase<Tx> {
  constructor(@Inject(TrackingProjectionStore) private readonly store: TrackingProjectionStore<Tx>) {}

  async execute(envelope: EventEnvelope<unknown>, tx: Tx): Promise<TrackingUpdate[]> {
    const updates: TrackingUpdate[] = [];
    if (envelope.type === EventCatalog.FlightAssigned.type) {
      const p = envelope.data as FlightAssignedPayload;
      await this.store.noteAssignedFlight(tx, p);
      updates.push({ type: 'flight', flightId: p.flightId });
    }
    if (envelope.type === EventCatalog.FlightManifestClosed.type) {
      const p = envelope.data as FlightManifestClosedPayload;
      await this.store.noteManifest(tx, envelope.id, p);
      updates.push({ type: 'flight', flightId: p.flightId });
    }
    const views = await this.store.apply(tx, toTrackedEvents(envelope));
    return [...views.map((view) => ({ type: 'shipment' as const, awb: view.awb, view })), ...updates];
  }
}
