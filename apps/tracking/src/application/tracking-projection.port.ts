import type { FlightAssignedPayload, FlightManifestClosedPayload } from '@cargo/contracts';
import type { ShipmentView } from '../domain/shipment.projection';
import type { TrackedEvent } from '../domain/tracked-event.model';

/** What a set of applied events files: the facts under each AWB, and what the departures board learns. */
export interface ProjectionBatch {
  events: readonly TrackedEvent[];
  /** Assignments: each puts its flight on the board if it is not there yet (manifest data wins later). */
  assignedFlights: readonly FlightAssignedPayload[];
  /** Closed manifests, with their event ids: of several versions of a flight's, the latest closed wins (ties: event id). */
  manifests: readonly { eventId: string; manifest: FlightManifestClosedPayload }[];
}

/** One AWB a batch touched: its new view, and every event filed under it (the batch's included), in no particular order. */
export interface ProjectedShipment {
  view: ShipmentView;
  filed: TrackedEvent[];
}

/**
 * The port the projection writes through, inside the consumer's transaction (`Tx` is opaque to the
 * application layer). An abstract class, so it doubles as the Nest injection token; the SQL adapter
 * lives in infrastructure/.
 *
 * Invariants: it works in the caller's transaction `tx` and commits or rolls back with it; filing
 * the same event again changes nothing (the timeline is keyed by `(awb, eventId)`); a view is
 * always re-projected from every filed event of its AWB, so neither delivery order nor how the
 * events are cut into batches matters.
 */
export abstract class TrackingProjectionStore<Tx> {
  /** Files a batch of events (one or thousands) on the timeline and the board; views are not touched. */
  abstract fileBatch(tx: Tx, batch: ProjectionBatch): Promise<void>;
  /** Re-projects the views of these AWBs from every event filed under each, and returns them (AWB order). */
  abstract reproject(tx: Tx, awbs: readonly string[]): Promise<ProjectedShipment[]>;
}
