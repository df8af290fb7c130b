import type {
  AssignmentFailedPayload,
  CargoCancelledPayload,
  CargoCorrectedPayload,
  CargoReceivedPayload,
  CustomsHoldPlacedPayload,
  CustomsReleasedPayload,
  FlightAssignedPayload,
  FlightManifestClosedPayload,
  HandlingScannedPayload,
} from '@cargo/contracts';

/** What a manifest says about one of its shipments (a manifest is keyed by flight; tracking files it under each AWB). */
interface ManifestEntryFacts {
  flightId: string;
  flightNumber: string;
  origin: FlightManifestClosedPayload['origin'];
  destination: string;
  departureAt: string;
  aircraftKind: FlightManifestClosedPayload['aircraftKind'];
  closedAt: string;
  chargeableWeightKg: number;
}

/** The kinds of fact a shipment's timeline is made of, one per event type tracking consumes. */
type TrackedEventData =
  | { kind: 'CargoReceived'; data: CargoReceivedPayload }
  | { kind: 'CargoCorrected'; data: CargoCorrectedPayload }
  | { kind: 'CargoCancelled'; data: CargoCancelledPayload }
  | { kind: 'HandlingScanned'; data: HandlingScannedPayload }
  | { kind: 'CustomsHoldPlaced'; data: CustomsHoldPlacedPayload }
  | { kind: 'CustomsReleased'; data: CustomsReleasedPayload }
  | { kind: 'FlightAssigned'; data: FlightAssignedPayload }
  | { kind: 'AssignmentFailed'; data: AssignmentFailedPayload }
  | { kind: 'ManifestClosed'; data: ManifestEntryFacts };

export type TrackedEventKind = TrackedEventData['kind'];

/**
 * One fact about one shipment, as tracking files it.
 *
 * Invariants: `(awb, eventId)` is unique (a manifest event yields one per AWB on it);
 * `happenedAt` is when the fact happened (payload time), `recordedAt` when it was recorded
 * (payload `recordedAt` where the payload has one, else the envelope's `time`). Both ISO-8601.
 */
export type TrackedEvent = TrackedEventData & {
  awb: string;
  eventId: string;
  happenedAt: string;
  recordedAt: string;
};

/** When the fact in a payload happened. */
function happenedAtOf(e: TrackedEventData): string {
  switch (e.kind) {
    case 'CargoReceived':
      return e.data.receivedAt;
    case 'CargoCorrected':
      return e.data.correctedAt;
    case 'CargoCancelled':
      return e.data.cancelledAt;
    case 'HandlingScanned':
      return e.data.happenedAt;
    case 'CustomsHoldPlaced':
      return e.data.placedAt;
    case 'CustomsReleased':
      return e.data.releasedAt;
    case 'FlightAssigned':
    case 'AssignmentFailed':
      return e.data.decidedAt;
    case 'ManifestClosed':
      return e.data.closedAt;
  }
}

/** The payload's own recording time, when it carries one. */
function payloadRecordedAtOf(e: TrackedEventData): string | undefined {
  if (e.kind === 'CargoReceived' || e.kind === 'HandlingScanned' || e.kind === 'CargoCorrected' || e.kind === 'CargoCancelled') return e.data.recordedAt;
  return undefined;
}

/** Files a manifest under each of its AWBs. */
export function manifestEntries(eventId: string, recordedAt: string, m: FlightManifestClosedPayload): TrackedEvent[] {
  return m.shipments.map((s) => ({
    kind: 'ManifestClosed' as const,
    awb: s.awb,
    eventId,
    happenedAt: m.closedAt,
    recordedAt,
    data: {
      flightId: m.flightId,
      flightNumber: m.flightNumber,
      origin: m.origin,
      destination: m.destination,
      departureAt: m.departureAt,
      aircraftKind: m.aircraftKind,
      closedAt: m.closedAt,
      chargeableWeightKg: s.chargeableWeightKg,
    },
  }));
}

/** Builds a tracked event from a shipment-keyed payload (times derived from the payload, envelope time as fallback). */
export function trackedEventOf(eventId: string, envelopeTime: string, e: TrackedEventData & { data: { awb: string } }): TrackedEvent {
  return { ...e, awb: e.data.awb, eventId, happenedAt: happenedAtOf(e), recordedAt: payloadRecordedAtOf(e) ?? envelopeTime } as TrackedEvent;
}

/**
 * Timeline order: by when it happened, then when it was recorded, then event id. A total order,
 * so any delivery order of the same events gives the same timeline.
 */
export function compareTrackedEvents(a: Pick<TrackedEvent, 'happenedAt' | 'recordedAt' | 'eventId'>, b: Pick<TrackedEvent, 'happenedAt' | 'recordedAt' | 'eventId'>): number {
  return (
    Date.parse(a.happenedAt) - Date.parse(b.happenedAt) ||
    Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}
