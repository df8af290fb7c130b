import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventCatalog, type EventEnvelope, type FlightAssignedPayload, type FlightManifestClosedPayload } from '@cargo/contracts';
import { fsuStatusMessagesOf, type FsuPlaces, type FsuStatusMessage } from '../domain/fsu-status.builder';
import { projectShipment } from '../domain/shipment.projection';
import type { TrackedEvent } from '../domain/tracked-event.model';
import { FSU_PLACES, seedFsuPlaces } from './fsu-places.factory';
import { toTrackedEvents } from './tracked-event.mapper';
import { TrackingProjectionStore, type ProjectionBatch } from './tracking-projection.port';
import type { TrackingUpdate } from './tracking-updates.notifier';

/** Writes statuses to `cargo.status.v1` in the caller's transaction. */
export type StatusPublisher = (statuses: readonly FsuStatusMessage[]) => Promise<void>;

/**
 * Use case: project validated events of any of the six topics into the read model, one event (live)
 * or many at once (a fetched batch, a rebuild chunk) in one transaction. Idempotence comes from
 * messaging's processed-event claim plus the `(awb, event id)` key of the timeline. Returns what
 * changed, for the caller to announce once the transaction committed. With a `publishStatuses`, the
 * FSU/15 statuses the events add to each AWB's timeline go to it too, in the same transaction (see
 * {@link fsuStatusMessagesOf}): each status once, since an event is applied once and yields statuses
 * only once its AWB's intake is filed.
 */
@Injectable()
export class ProjectTrackingEventUseCase<Tx> {
  constructor(
    @Inject(TrackingProjectionStore) private readonly store: TrackingProjectionStore<Tx>,
    @Optional() @Inject(FSU_PLACES) private readonly places: FsuPlaces = seedFsuPlaces(),
  ) {}

  execute(envelope: EventEnvelope<unknown>, tx: Tx, publishStatuses?: StatusPublisher): Promise<TrackingUpdate[]> {
    return this.executeBatch([envelope], tx, publishStatuses);
  }

  /**
   * Projects the events together (each must have been claimed once, by the caller). The result is
   * the one applying them one by one in the given order gives: the projection is a function of each
   * AWB's set of events, and the updates are those one by one would give too — for each AWB, one
   * view per event filed under it, in order (the view after that event: what a subscriber is told
   * of each change), the last being the stored one; then every flight touched (once each).
   */
  async executeBatch(envelopes: readonly EventEnvelope<unknown>[], tx: Tx, publishStatuses?: StatusPublisher): Promise<TrackingUpdate[]> {
    const { batch, flights } = batchOf(envelopes);
    await this.store.fileBatch(tx, batch);
    const projected = await this.store.reproject(tx, batch.events.map((e) => e.awb));
    if (publishStatuses) {
      // Nothing can be written before the intake (no pieces, no destination): when the AWB's first
      // intake comes (topics have no order between them), the statuses of the events filed before it
      // go out too. Each status goes out once: with its own event, or with that first intake.
      const applied = new Set(envelopes.map((e) => e.id));
      const received = new Set(batch.events.filter((e) => e.kind === 'CargoReceived').map((e) => e.awb));
      const statuses: FsuStatusMessage[] = [];
      for (const { view, filed } of projected) {
        const firstIntake = received.has(view.awb) && !filed.some((e) => e.kind === 'CargoReceived' && !applied.has(e.eventId));
        statuses.push(...fsuStatusMessagesOf(view.awb, filed, this.places).filter((s) => firstIntake || applied.has(s.sourceEventId)));
      }
      if (statuses.length > 0) await publishStatuses(statuses);
    }
    // The batch's events of each AWB in order; the view after each leaves out the ones after it.
    const idsByAwb = new Map<string, Set<string>>();
    for (const e of batch.events) idsByAwb.set(e.awb, (idsByAwb.get(e.awb) ?? new Set<string>()).add(e.eventId));
    const shipments = projected.flatMap(({ view, filed }) => {
      const ids = [...(idsByAwb.get(view.awb) ?? [])];
      return ids.map((_, i) => {
        if (i === ids.length - 1) return view;
        const later = new Set(ids.slice(i + 1));
        return projectShipment(view.awb, filed.filter((e) => !later.has(e.eventId)));
      });
    });
    return [...shipments.map((view) => ({ type: 'shipment' as const, awb: view.awb, view })), ...flights.map((flightId) => ({ type: 'flight' as const, flightId }))];
  }

  /**
   * The first half of {@link executeBatch}, for a rebuild: files the events (timeline and board)
   * without projecting; returns the AWBs and the flights touched. The views follow with {@link reproject}.
   */
  async fileBatch(envelopes: readonly EventEnvelope<unknown>[], tx: Tx): Promise<{ awbs: string[]; flights: string[] }> {
    const { batch, flights } = batchOf(envelopes);
    await this.store.fileBatch(tx, batch);
    return { awbs: [...new Set(batch.events.map((e) => e.awb))], flights };
  }

  /** The second half of {@link executeBatch}: the AWBs' views projected again from what is filed. */
  async reproject(awbs: readonly string[], tx: Tx): Promise<TrackingUpdate[]> {
    return (await this.store.reproject(tx, awbs)).map(({ view }) => ({ type: 'shipment' as const, awb: view.awb, view }));
  }
}

/** What the events file, and the flights they touch (once each). */
function batchOf(envelopes: readonly EventEnvelope<unknown>[]): { batch: ProjectionBatch; flights: string[] } {
  const events: TrackedEvent[] = [];
  const assignedFlights: FlightAssignedPayload[] = [];
  const manifests: Array<{ eventId: string; manifest: FlightManifestClosedPayload }> = [];
  const flights = new Set<string>();
  for (const envelope of envelopes) {
    if (envelope.type === EventCatalog.FlightAssigned.type) {
      const p = envelope.data as FlightAssignedPayload;
      assignedFlights.push(p);
      flights.add(p.flightId);
    }
    if (envelope.type === EventCatalog.FlightManifestClosed.type) {
      const p = envelope.data as FlightManifestClosedPayload;
      manifests.push({ eventId: envelope.id, manifest: p });
      flights.add(p.flightId);
    }
    events.push(...toTrackedEvents(envelope));
  }
  return { batch: { events, assignedFlights, manifests }, flights: [...flights] };
}
