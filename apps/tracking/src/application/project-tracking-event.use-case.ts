import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventCatalog, type EventEnvelope, type FlightAssignedPayload, type FlightManifestClosedPayload } from '@cargo/contracts';
import { fsuStatusMessagesOf, type FsuPlaces, type FsuStatusMessage } from '../domain/fsu-status.builder';
import { FSU_PLACES, seedFsuPlaces } from './fsu-places.factory';
import { toTrackedEvents } from './tracked-event.mapper';
import { TrackingProjectionStore } from './tracking-projection.port';
import type { TrackingUpdate } from './tracking-updates.notifier';

/** Writes statuses to `cargo.status.v1` in the caller's transaction. */
export type StatusPublisher = (statuses: readonly FsuStatusMessage[]) => Promise<void>;

/**
 * Use case: project one validated event of any of the six topics into the read model. Idempotence
 * comes from messaging's processed-event claim plus the `(awb, event id)` key of the timeline.
 * Returns what changed, for the caller to announce once the transaction committed. With a
 * `publishStatuses`, the FSU/15 statuses the event adds to each AWB's timeline go to it too, in the
 * same transaction (see {@link fsuStatusMessagesOf}): each status once, since an event is applied
 * once and yields statuses only once its AWB's intake is filed.
 */
@Injectable()
export class ProjectTrackingEventUseCase<Tx> {
  constructor(
    @Inject(TrackingProjectionStore) private readonly store: TrackingProjectionStore<Tx>,
    @Optional() @Inject(FSU_PLACES) private readonly places: FsuPlaces = seedFsuPlaces(),
  ) {}

  async execute(envelope: EventEnvelope<unknown>, tx: Tx, publishStatuses?: StatusPublisher): Promise<TrackingUpdate[]> {
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
    const tracked = toTrackedEvents(envelope);
    const views = await this.store.apply(tx, tracked);
    if (publishStatuses) {
      // Nothing can be written before the intake (no pieces, no destination): when the AWB's first
      // intake comes (topics have no order between them), the statuses of the events filed before it
      // go out too. Each status goes out once: with its own event, or with that first intake.
      for (const awb of [...new Set(tracked.map((e) => e.awb))].sort()) {
        const filed = await this.store.eventsOf(tx, awb);
        const firstIntake = tracked.some((e) => e.awb === awb && e.kind === 'CargoReceived') && !filed.some((e) => e.kind === 'CargoReceived' && e.eventId !== envelope.id);
        const statuses = fsuStatusMessagesOf(awb, filed, this.places).filter((s) => firstIntake || s.sourceEventId === envelope.id);
        if (statuses.length > 0) await publishStatuses(statuses);
      }
    }
    return [...views.map((view) => ({ type: 'shipment' as const, awb: view.awb, view })), ...updates];
  }
}
