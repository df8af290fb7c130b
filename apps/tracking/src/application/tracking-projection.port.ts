import type { FlightAssignedPayload, FlightManifestClosedPayload } from '@cargo/contracts';
import type { ShipmentView } from '../domain/shipment.projection';
import type { TrackedEvent } from '../domain/tracked-event.model';

/**
 * The port the projection writes through, inside the consumer's transaction (`Tx` is opaque to the
 * application layer). An abstract class, so it doubles as the Nest injection token; the SQL adapter
 * lives in infrastructure/.
 *
 * Invariants: every method works in the caller's transaction `tx` and commits or rolls back with it;
 * filing the same event again changes nothing (the timeline is keyed by `(awb, eventId)`); a view is
 * always re-projected from every filed event of its AWB, so delivery order does not matter.
 */
export abstract class TrackingProjectionStore<Tx> {
  /** Files the events and returns the new view of every AWB they touch. */
  abstract apply(tx: Tx, events: readonly TrackedEvent[]): Promise<ShipmentView[]>;
  /** Every event filed under `awb` so far (in the caller's transaction), in no particular order. */
  abstract eventsOf(tx: Tx, awb: string): Promise<TrackedEvent[]>;
  /** Puts a flight on the departures board when a shipment is assigned to it (manifest data wins later). */
  abstract noteAssignedFlight(tx: Tx, payload: FlightAssignedPayload): Promise<void>;
  /** Records a closed manifest on the board; of several versions, the latest closed wins (ties: event id). */
  abstract noteManifest(tx: Tx, eventId: string, payload: FlightManifestClosedPayload): Promise<void>;
}
