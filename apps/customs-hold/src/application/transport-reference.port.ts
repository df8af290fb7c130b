import type { TransportReference } from '../domain/transport-reference.rules';

/**
 * Where the bookings customs learns from flight-assignment are kept, in the caller's transaction.
 * An abstract class, so it doubles as a type for the adapters in infrastructure/.
 */
export abstract class TransportReferenceStore {
  /** The AWB's booking as last recorded, or null. */
  abstract get(awb: string): Promise<TransportReference | null>;
  /** Records the AWB's booking (null: no booking any more). */
  abstract save(awb: string, reference: TransportReference | null): Promise<void>;
}
