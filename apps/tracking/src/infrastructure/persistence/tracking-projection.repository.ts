import type { EntityManager } from 'typeorm';
import type { FlightAssignedPayload, FlightManifestClosedPayload } from '@cargo/contracts';
import { TrackingProjectionStore } from '../../application/tracking-projection.port';
import { projectShipment, type ShipmentView } from '../../domain/shipment.projection';
import type { TrackedEvent } from '../../domain/tracked-event.model';

/**
 * Writes the read model inside the consumer's transaction.
 *
 * Invariants: a shipment row is locked (`FOR UPDATE`) before its events are read, so two
 * transactions touching one AWB (e.g. a scan and a manifest on different partitions) serialise and
 * the later one projects both; AWBs are locked in sorted order (no deadlock between manifests); the
 * view is always re-projected from every filed event, so delivery order does not matter.
 */
export class TrackingProjectionRepository extends TrackingProjectionStore<EntityManager> {
  constructor(private readonly schema: string) {
    super();
  }

  /** Files the events, re-projects every AWB they touch, returns the new views. */
  async apply(manager: EntityManager, events: readonly TrackedEvent[]): Promise<ShipmentView[]> {
    const s = this.schema;
    const awbs = [...new Set(events.map((e) => e.awb))].sort();
    const views: ShipmentView[] = [];
    for (const awb of awbs) {
      await manager.query(`INSERT INTO "${s}"."shipments" ("awb", "view") VALUES ($1, $2) ON CONFLICT ("awb") DO NOTHING`, [awb, JSON.stringify(projectShipment(awb, []))]);
      await manager.query(`SELECT 1 FROM "${s}"."shipments" WHERE "awb" = $1 FOR UPDATE`, [awb]);
      for (const e of events.filter((x) => x.awb === awb)) {
        await manager.query(
          `INSERT INTO "${s}"."timeline_events" ("awb", "event_id", "kind", "happened_at", "recorded_at", "data")
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [awb, e.eventId, e.kind, e.happenedAt, e.recordedAt, JSON.stringify(e.data)],
        );
      }
      const filed = await this.eventsOf(manager, awb);
      const view = projectShipment(awb, filed);
      await manager.query(
        `UPDATE "${s}"."shipments" SET "status" = $2, "station_code" = $3, "airport" = $4, "destination" = $5, "booked_flight_id" = $6,
           "booked_chargeable_kg" = $7, "held" = $8, "flags" = $9, "received_at" = $10, "last_happened_at" = $11, "view" = $12, "updated_at" = now()
         WHERE "awb" = $1`,
        [
          awb,
          view.status,
          view.stationCode,
          view.airport,
          view.destination,
          view.booking?.flightId ?? null,
          view.booking?.chargeableWeightKg ?? null,
          view.openHold !== null,
          [...new Set(view.flags.map((f) => f.code))],
          view.receivedAt,
          view.lastHappenedAt,
          JSON.stringify(view),
        ],
      );
      views.push(view);
    }
    return views;
  }

  /** Every event filed under `awb`. */
  async eventsOf(manager: EntityManager, awb: string): Promise<TrackedEvent[]> {
    const rows = (await manager.query(`SELECT "event_id", "kind", "happened_at", "recorded_at", "data" FROM "${this.schema}"."timeline_events" WHERE "awb" = $1`, [awb])) as TimelineEventRow[];
    return rows.map((r) => trackedEventOfRow(awb, r));
  }

  /** Puts a flight on the board when the first shipment is assigned to it (manifest data wins later). */
  async noteAssignedFlight(manager: EntityManager, p: FlightAssignedPayload): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}"."flights" ("flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("flight_id") DO NOTHING`,
      [p.flightId, p.flightNumber, p.origin, p.connection ? p.connection.via : p.destination, p.departureAt, p.aircraftKind],
    );
  }

  /** Records a manifest on the board; of several versions, the latest closed wins (ties: event id). */
  async noteManifest(manager: EntityManager, eventId: string, m: FlightManifestClosedPayload): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}"."flights" AS f ("flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind",
         "aircraft_type", "capacity_kg", "manifest_chargeable_kg", "manifest_shipments", "load_factor", "closed_at", "manifest_event_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ("flight_id") DO UPDATE SET "flight_number" = EXCLUDED."flight_number", "origin" = EXCLUDED."origin",
         "destination" = EXCLUDED."destination", "departure_at" = EXCLUDED."departure_at", "aircraft_kind" = EXCLUDED."aircraft_kind",
         "aircraft_type" = EXCLUDED."aircraft_type", "capacity_kg" = EXCLUDED."capacity_kg",
         "manifest_chargeable_kg" = EXCLUDED."manifest_chargeable_kg", "manifest_shipments" = EXCLUDED."manifest_shipments",
         "load_factor" = EXCLUDED."load_factor", "closed_at" = EXCLUDED."closed_at", "manifest_event_id" = EXCLUDED."manifest_event_id"
       WHERE f."closed_at" IS NULL OR (EXCLUDED."closed_at", EXCLUDED."manifest_event_id") > (f."closed_at", f."manifest_event_id")`,
      [
        m.flightId,
        m.flightNumber,
        m.origin,
        m.destination,
        m.departureAt,
        m.aircraftKind,
        m.aircraftType,
        m.capacity.kg,
        m.totals.chargeableWeightKg,
        m.shipments.length,
        m.loadFactor,
        m.closedAt,
        eventId,
      ],
    );
  }

  /** Empties the read model (rebuild). */
  async truncate(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE "${this.schema}"."timeline_events", "${this.schema}"."shipments", "${this.schema}"."flights"`);
  }
}

/** A row of `timeline_events` as read by `SELECT "event_id", "kind", "happened_at", "recorded_at", "data"`. */
export interface TimelineEventRow {
  event_id: string;
  kind: TrackedEvent['kind'];
  happened_at: Date;
  recorded_at: Date;
  data: TrackedEvent['data'];
}

/** A filed event back as the domain's tracked event. */
export function trackedEventOfRow(awb: string, r: TimelineEventRow): TrackedEvent {
  return {
    awb,
    eventId: r.event_id,
    kind: r.kind,
    data: r.data,
    // the payload's own text keeps the producer's offset; the columns are for SQL
    happenedAt: happenedText(r.kind, r.data) ?? r.happened_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
  } as TrackedEvent;
}

function happenedText(kind: TrackedEvent['kind'], data: unknown): string | undefined {
  const d = data as Record<string, unknown>;
  const fields: { readonly [K in TrackedEvent['kind']]: string } = {
    CargoReceived: 'receivedAt',
    CargoCorrected: 'correctedAt',
    CargoCancelled: 'cancelledAt',
    HandlingScanned: 'happenedAt',
    CustomsHoldPlaced: 'placedAt',
    CustomsReleased: 'releasedAt',
    FlightAssigned: 'decidedAt',
    AssignmentFailed: 'decidedAt',
    ManifestClosed: 'closedAt',
  };
  const key = fields[kind];
  const value = d[key];
  return typeof value === 'string' ? value : undefined;
}
