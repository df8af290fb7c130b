import { isNewerDecision, type AssignmentFailedPayload, type FlightAssignedPayload, type HomeHub } from '@cargo/contracts';

/**
 * The flight a shipment is booked on as customs knows it (from `flight.assignment.v1`), and the
 * manifest it was closed on (from `flight.manifest.v1`): what holds and releases carry as
 * `transport`, so a customs system ties a decision to what is loaded.
 *
 * Invariants: `decisionVersion` is the assignment decision it comes from (0 for events from before
 * decision versions); `manifest` is only ever the manifest of `flightId`.
 */
export interface TransportReference {
  flightId: string;
  flightNumber: string;
  origin: HomeHub;
  departureAt: string;
  manifest?: { eventId: string; closedAt: string };
  decisionVersion: number;
}

/** What to store after an assignment decision: the new booking if the decision is newer, else nothing changes (undefined). */
export function bookingAfterAssigned(current: TransportReference | null, p: FlightAssignedPayload): TransportReference | undefined {
  if (!isNewerDecision(p.decisionVersion, current?.decisionVersion)) return undefined;
  const sameFlight = current?.flightId === p.flightId;
  return {
    flightId: p.flightId,
    flightNumber: p.flightNumber,
    origin: p.origin,
    departureAt: p.departureAt,
    ...(sameFlight && current?.manifest ? { manifest: current.manifest } : {}),
    decisionVersion: p.decisionVersion ?? 0,
  };
}

/**
 * What to store after a failed assignment (wait-listed, offloaded, exception): no booking any more
 * (null) if the decision is newer, else nothing changes (undefined).
 */
export function bookingAfterFailed(current: TransportReference | null, p: AssignmentFailedPayload): null | undefined {
  if (!current) return undefined;
  return isNewerDecision(p.decisionVersion, current.decisionVersion) ? null : undefined;
}

/**
 * What to store when a manifest of `flightId` closed with the shipment on it: the booking with the
 * manifest if the shipment is booked on that flight (a later closing of the same flight replaces an
 * earlier one); nothing changes otherwise (undefined).
 */
export function bookingAfterManifest(current: TransportReference | null, flightId: string, manifest: { eventId: string; closedAt: string }): TransportReference | undefined {
  if (!current || current.flightId !== flightId) return undefined;
  if (current.manifest && Date.parse(current.manifest.closedAt) > Date.parse(manifest.closedAt)) return undefined;
  return { ...current, manifest: { ...manifest } };
}
