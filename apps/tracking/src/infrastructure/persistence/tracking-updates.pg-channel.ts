import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PgChannelListener, pgClientConfigOf } from '@cargo/messaging';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { TrackingQueriesUseCase } from '../../application/tracking-queries.use-case';
import type { TrackingUpdate, TrackingUpdatesNotifier } from '../../application/tracking-updates.notifier';
import type { ShipmentView } from '../../domain/shipment.projection';

/** The PostgreSQL channel of committed tracking read-model changes (one per database). */
export const TRACKING_UPDATES_CHANNEL = 'tracking_updates';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_000;

/**
 * One change on the wire: a shipment (`s`, its AWB, with `v` the view the transaction committed when
 * it fits in a notification; otherwise the receiver reads the stored view) or a flight (`f`, its id).
 */
type WireChange = { s: string; v?: ShipmentView } | { f: string };
interface WireMessage {
  /** The announcing replica. */
  o: string;
  u: WireChange[];
}

/**
 * Brings every committed read-model change to the server-sent-event subscribers of every tracking
 * replica, whichever replica consumed the event: the consumer announces the change with
 * `pg_notify` in the projection's own transaction, and each replica LISTENs and relays it to its
 * local {@link TrackingUpdatesNotifier}, with the view the transaction committed (read from the
 * database instead when it is too large for a notification: then the latest committed one).
 *
 * Invariants:
 * - A change is announced only if its transaction commits (PostgreSQL delivers NOTIFY at commit,
 *   in commit order), so no subscriber hears of a change that was rolled back.
 * - The announcing replica skips its own notifications: it publishes the views it computed
 *   directly after commit (see `TrackingRecordProcessor`), so each subscriber gets a change once.
 * - A replica relays notifications one after another, in the order received.
 * - Notifications sent while a replica's LISTEN connection is down are lost to its subscribers
 *   (they still get the stored view when they reconnect); the connection is re-established with backoff.
 */
export class TrackingUpdatesPgChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Identifies this replica's notifications. */
  readonly origin = randomUUID();
  private readonly logger = new Logger('TrackingUpdates');
  private readonly listener: PgChannelListener;
  private relaying: Promise<void> = Promise.resolve();

  constructor(
    dataSource: DataSource,
    private readonly notifier: TrackingUpdatesNotifier,
    private readonly queries: TrackingQueriesUseCase,
    channel = TRACKING_UPDATES_CHANNEL,
  ) {
    this.listener = new PgChannelListener(
      pgClientConfigOf(dataSource, `tracking-updates-${this.origin.slice(0, 8)}`),
      channel,
      { onNotification: (payload) => this.receive(payload) },
      this.logger,
    );
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    await this.relaying;
  }

  /**
   * Writes the changes' notifications in the caller's transaction (delivered when it commits): as
   * many as their size needs (each under PostgreSQL's limit), in one statement however many. With
   * `views: false` (a rebuild's thousands of changes) only the AWBs go: the receivers read the views.
   */
  async announce(manager: EntityManager, updates: readonly TrackingUpdate[], { views = true }: { views?: boolean } = {}): Promise<void> {
    const changes: WireChange[] = updates.map((u) => {
      if (u.type === 'flight') return { f: u.flightId };
      if (!views) return { s: u.awb };
      const withView = { s: u.awb, v: u.view };
      return Buffer.byteLength(JSON.stringify({ o: this.origin, u: [withView] })) <= MAX_PAYLOAD_BYTES ? withView : { s: u.awb };
    });
    const payloads = this.payloads(changes);
    if (payloads.length === 0) return;
    await manager.query('SELECT pg_notify($1, p."payload") FROM unnest($2::text[]) WITH ORDINALITY AS p("payload", "n") ORDER BY p."n"', [this.listener.channel, payloads]);
  }

  /** The changes in as few notifications as fit under the limit, in order (each change encoded once). */
  private payloads(changes: WireChange[]): string[] {
    const out: string[] = [];
    const head = `{"o":${JSON.stringify(this.origin)},"u":[`;
    let parts: string[] = [];
    let bytes = 0;
    for (const change of changes) {
      const part = JSON.stringify(change);
      const size = Buffer.byteLength(part) + 1;
      if (parts.length > 0 && Buffer.byteLength(head) + bytes + size + 2 > MAX_PAYLOAD_BYTES) {
        out.push(`${head}${parts.join(',')}]}`);
        parts = [];
        bytes = 0;
      }
      parts.push(part);
      bytes += size;
    }
    if (parts.length > 0) out.push(`${head}${parts.join(',')}]}`);
    return out;
  }

  private receive(payload: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(payload) as WireMessage;
    } catch {
      this.logger.warn(`ignored a malformed notification on ${this.listener.channel}`);
      return;
    }
    if (message.o === this.origin || !Array.isArray(message.u)) return;
    this.relaying = this.relaying.then(() => this.relay(message.u)).catch((error: unknown) => {
      this.logger.warn(`relaying tracking updates: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async relay(changes: WireChange[]): Promise<void> {
    for (const change of changes) {
      if ('f' in change) {
        this.notifier.publish({ type: 'flight', flightId: change.f });
        continue;
      }
      const view = change.v ?? (await this.queries.shipment(change.s).catch(() => undefined));
      if (view) this.notifier.publish({ type: 'shipment', awb: change.s, view });
    }
  }
}
