import {
  EventCatalog,
  type AssignmentFailedPayload,
  type CargoCancelledPayload,
  type CargoCorrectedPayload,
  type CargoReceivedPayload,
  type CustomsHoldPlacedPayload,
  type CustomsReleasedPayload,
  type EventEnvelope,
  type FlightAssignedPayload,
  type FlightManifestClosedPayload,
  type HandlingScannedPayload,
} from '@cargo/contracts';
import { manifestEntries, trackedEventOf, type TrackedEvent } from '../domain/tracked-event.model';

/** Every event type tracking projects: the catalog but the statuses tracking itself writes (`cargo.status.v1`). */
export const TRACKED_EVENT_TYPES: readonly string[] = Object.values(EventCatalog)
  .filter((d) => d !== EventCatalog.ShipmentStatusReported)
  .map((d) => d.type);

/**
 * Turns a validated event into the facts tracking files: one per AWB (a manifest gives one per AWB
 * on it). Unknown types give none.
 */
export function toTrackedEvents(envelope: EventEnvelope<unknown>): TrackedEvent[] {
  const { id, time } = envelope;
  switch (envelope.type) {
    case EventCatalog.CargoReceived.type:
      return [trackedEventOf(id, time, { kind: 'CargoReceived', data: envelope.data as CargoReceivedPayload })];
    case EventCatalog.CargoCorrected.type:
      return [trackedEventOf(id, time, { kind: 'CargoCorrected', data: envelope.data as CargoCorrectedPayload })];
    case EventCatalog.CargoCancelled.type:
      return [trackedEventOf(id, time, { kind: 'CargoCancelled', data: envelope.data as CargoCancelledPayload })];
    case EventCatalog.HandlingScanned.type:
      return [trackedEventOf(id, time, { kind: 'HandlingScanned', data: envelope.data as HandlingScannedPayload })];
    case EventCatalog.CustomsHoldPlaced.type:
      return [trackedEventOf(id, time, { kind: 'CustomsHoldPlaced', data: envelope.data as CustomsHoldPlacedPayload })];
    case EventCatalog.CustomsReleased.type:
      return [trackedEventOf(id, time, { kind: 'CustomsReleased', data: envelope.data as CustomsReleasedPayload })];
    case EventCatalog.FlightAssigned.type:
      return [trackedEventOf(id, time, { kind: 'FlightAssigned', data: envelope.data as FlightAssignedPayload })];
    case EventCatalog.AssignmentFailed.type:
      return [trackedEventOf(id, time, { kind: 'AssignmentFailed', data: envelope.data as AssignmentFailedPayload })];
    case EventCatalog.FlightManifestClosed.type:
      return manifestEntries(id, time, envelope.data as FlightManifestClosedPayload);
    default:
      return [];
  }
}
