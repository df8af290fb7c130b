import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { ShipmentView } from '../domain/shipment.projection';

/** What changed, pushed to server-sent-event subscribers after the change committed. */
export type TrackingUpdate = { type: 'shipment'; awb: string; view: ShipmentView } | { type: 'flight'; flightId: string };

/**
 * In-process fan-out of committed read-model changes to this replica's SSE streams; changes another
 * replica consumed arrive through `TrackingUpdatesPgChannel` (PostgreSQL LISTEN/NOTIFY).
 * Invariant: `publish` is called only after the transaction that made the change committed.
 */
@Injectable()
export class TrackingUpdatesNotifier {
  private readonly subject = new Subject<TrackingUpdate>();

  publish(update: TrackingUpdate): void {
    this.subject.next(update);
  }

  get updates(): Observable<TrackingUpdate> {
    return this.subject.asObservable();
  }
}
