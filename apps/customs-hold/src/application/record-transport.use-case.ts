import { Injectable } from '@nestjs/common';
import type { AssignmentFailedPayload, FlightAssignedPayload, FlightManifestClosedPayload } from '@cargo/contracts';
import { bookingAfterAssigned, bookingAfterFailed, bookingAfterManifest } from '../domain/transport-reference.rules';
import type { TransportReferenceStore } from './transport-reference.port';

/**
 * Use case: customs learns where a shipment is booked (`flight.assignment.v1`) and which manifest it
 * closed on (`flight.manifest.v1`), so its later holds and releases carry the flight and manifest
 * reference. Decisions apply in their order (`decisionVersion`), whatever the arrival order.
 */
@Injectable()
export class RecordTransportUseCase {
  async onAssigned(p: FlightAssignedPayload, store: TransportReferenceStore): Promise<void> {
    const next = bookingAfterAssigned(await store.get(p.awb), p);
    if (next !== undefined) await store.save(p.awb, next);
  }

  async onFailed(p: AssignmentFailedPayload, store: TransportReferenceStore): Promise<void> {
    const next = bookingAfterFailed(await store.get(p.awb), p);
    if (next !== undefined) await store.save(p.awb, next);
  }

  /** Every AWB on the manifest gets it, if booked on that flight. */
  async onManifest(eventId: string, m: FlightManifestClosedPayload, store: TransportReferenceStore): Promise<void> {
    for (const line of m.shipments) {
      const next = bookingAfterManifest(await store.get(line.awb), m.flightId, { eventId, closedAt: m.closedAt });
      if (next !== undefined) await store.save(line.awb, next);
    }
  }
}
