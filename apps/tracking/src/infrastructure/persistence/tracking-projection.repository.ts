import type { EntityManager } from 'typeorm';
import { TrackingProjectionStore, type ProjectedShipment, type ProjectionBatch } from '../../application/tracking-projection.port';
import { projectShipment } from '../../domain/shipment.projection';
import type { TrackedEvent } from '../../domain/tracked-event.model';

/**
 * Writes the read model inside the consumer's transaction, a batch of events at a time, with
 * set-based statements: a handful of queries per batch whatever its size (one event live, thousands
 * in a rebuild). Filing events and re-projecting views are two steps, so a rebuild can file every
 * event first and project each AWB once at the end.
 *
 * Invariants: the shipment rows of a batch are locked (`FOR UPDATE`, in AWB order, so no deadlock
 * between batches) before their events are read, so two transactions touching one AWB (e.g. a scan
 * and a manifest on different partitions) serialise and the later one projects both; a view is
 * always re-projected from every filed event of its AWB as read back from the database, so delivery
 * order and batch boundaries do not matter and a batch gives exactly the views one-by-one would.
 */
export class TrackingProjectionRepository extends TrackingProjectionStore<EntityManager> {
  constructor(private readonly schema: string) {
    super();
  }

  /** Files the batch's events on the timeline (an event already there is left alone) and its flights on the board. */
  async fileBatch(manager: EntityManager, batch: ProjectionBatch): Promise<void> {
    await this.fileFlights(manager, batch);
    if (batch.events.length === 0) return;
    await manager.query(
      `INSERT INTO "${this.schema}"."timeline_events" ("awb", "event_id", "kind", "happened_at", "recorded_at", "data")
       SELECT "awb", "event_id", "kind", "happened_at", "recorded_at", "data"
         FROM jsonb_to_recordset($1::jsonb) AS x("awb" varchar, "event_id" varchar, "kind" varchar, "happened_at" timestamptz, "recorded_at" timestamptz, "data" jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(batch.events.map((e) => ({ awb: e.awb, event_id: e.eventId, kind: e.kind, happened_at: e.happenedAt, recorded_at: e.recordedAt, data: e.data })))],
    );
  }

  /** Locks the AWBs' rows (creating missing ones), re-projects each from its filed events, writes the views, returns them (AWB order). */
  async reproject(manager: EntityManager, awbList: readonly string[]): Promise<ProjectedShipment[]> {
    const s = this.schema;
    const awbs = [...new Set(awbList)].sort();
    if (awbs.length === 0) return [];
    // A new AWB gets its row first (its placeholder view is replaced below, in this transaction), so every one can be locked.
    await manager.query(
      `INSERT INTO "${s}"."shipments" ("awb", "view") SELECT "awb", '{}'::jsonb FROM unnest($1::varchar[]) AS "awb" ORDER BY "awb" ON CONFLICT ("awb") DO NOTHING`,
      [awbs],
    );
    await manager.query(`SELECT 1 FROM "${s}"."shipments" WHERE "awb" = ANY($1::varchar[]) ORDER BY "awb" FOR UPDATE`, [awbs]);
    const rows = (await manager.query(
      `SELECT "awb", "event_id", "kind", "happened_at", "recorded_at", "data" FROM "${s}"."timeline_events" WHERE "awb" = ANY($1::varchar[])`,
      [awbs],
    )) as Array<TimelineEventRow & { awb: string }>;
    const filedByAwb = new Map<string, TrackedEvent[]>(awbs.map((awb) => [awb, []]));
    for (const row of rows) filedByAwb.get(row.awb)?.push(trackedEventOfRow(row.awb, row));
    const projected = awbs.map((awb) => {
      const filed = filedByAwb.get(awb) ?? [];
      return { view: projectShipment(awb, filed), filed };
    });
    await manager.query(
      `UPDATE "${s}"."shipments" AS s SET "status" = u."status", "station_code" = u."station_code", "airport" = u."airport", "destination" = u."destination",
         "booked_flight_id" = u."booked_flight_id", "booked_chargeable_kg" = u."booked_chargeable_kg", "held" = u."held", "flags" = u."flags",
         "received_at" = u."received_at", "last_happened_at" = u."last_happened_at", "view" = u."view", "updated_at" = now()
       FROM jsonb_to_recordset($1::jsonb) AS u("awb" varchar, "status" varchar, "station_code" varchar, "airport" varchar, "destination" varchar,
         "booked_flight_id" varchar, "booked_chargeable_kg" double precision, "held" boolean, "flags" text[], "received_at" timestamptz,
         "last_happened_at" timestamptz, "view" jsonb)
       WHERE s."awb" = u."awb"`,
      [
        JSON.stringify(
          projected.map(({ view }) => ({
            awb: view.awb,
            status: view.status,
            station_code: view.stationCode,
            airport: view.airport,
            destination: view.destination,
            booked_flight_id: view.booking?.flightId ?? null,
            booked_chargeable_kg: view.booking?.chargeableWeightKg ?? null,
            held: view.openHold !== null,
            flags: [...new Set(view.flags.map((f) => f.code))],
            received_at: view.receivedAt,
            last_happened_at: view.lastHappenedAt,
            view,
          })),
        ),
      ],
    );
    return projected;
  }

  /**
   * The departures board: an assignment puts its flight there if it is not there yet; a manifest
   * writes its data over it unless a later-closed one is there already (ties: event id). Of several
   * manifests of a flight in the batch, only the winner is written (the same comparison in SQL).
   */
  private async fileFlights(manager: EntityManager, batch: ProjectionBatch): Promise<void> {
    const s = this.schema;
    if (batch.assignedFlights.length > 0) {
      await manager.query(
        `INSERT INTO "${s}"."flights" ("flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind")
         SELECT "flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind"
           FROM jsonb_to_recordset($1::jsonb) AS x("flight_id" varchar, "flight_number" varchar, "origin" varchar, "destination" varchar, "departure_at" timestamptz, "aircraft_kind" varchar)
           ORDER BY "flight_id"
         ON CONFLICT ("flight_id") DO NOTHING`,
        [
          JSON.stringify(
            batch.assignedFlights.map((p) => ({
              flight_id: p.flightId,
              flight_number: p.flightNumber,
              origin: p.origin,
              destination: p.connection ? p.connection.via : p.destination,
              departure_at: p.departureAt,
              aircraft_kind: p.aircraftKind,
            })),
          ),
        ],
      );
    }
    if (batch.manifests.length > 0) {
      await manager.query(
        `INSERT INTO "${s}"."flights" AS f ("flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind",
           "aircraft_type", "capacity_kg", "manifest_chargeable_kg", "manifest_shipments", "load_factor", "closed_at", "manifest_event_id")
         SELECT DISTINCT ON ("flight_id") "flight_id", "flight_number", "origin", "destination", "departure_at", "aircraft_kind",
           "aircraft_type", "capacity_kg", "manifest_chargeable_kg", "manifest_shipments", "load_factor", "closed_at", "manifest_event_id"
           FROM jsonb_to_recordset($1::jsonb) AS x("flight_id" varchar, "flight_number" varchar, "origin" varchar, "destination" varchar,
             "departure_at" timestamptz, "aircraft_kind" varchar, "aircraft_type" varchar, "capacity_kg" double precision,
             "manifest_chargeable_kg" double precision, "manifest_shipments" integer, "load_factor" double precision, "closed_at" timestamptz,
             "manifest_event_id" varchar)
           ORDER BY "flight_id", "closed_at" DESC, "manifest_event_id" DESC
         ON CONFLICT ("flight_id") DO UPDATE SET "flight_number" = EXCLUDED."flight_number", "origin" = EXCLUDED."origin",
           "destination" = EXCLUDED."destination", "departure_at" = EXCLUDED."departure_at", "aircraft_kind" = EXCLUDED."aircraft_kind",
           "aircraft_type" = EXCLUDED."aircraft_type", "capacity_kg" = EXCLUDED."capacity_kg",
           "manifest_chargeable_kg" = EXCLUDED."manifest_chargeable_kg", "manifest_shipments" = EXCLUDED."manifest_shipments",
           "load_factor" = EXCLUDED."load_factor", "closed_at" = EXCLUDED."closed_at", "manifest_event_id" = EXCLUDED."manifest_event_id"
         WHERE f."closed_at" IS NULL OR (EXCLUDED."closed_at", EXCLUDED."manifest_event_id") > (f."closed_at", f."manifest_event_id")`,
        [
          JSON.stringify(
            batch.manifests.map(({ eventId, manifest: m }) => ({
              flight_id: m.flightId,
              flight_number: m.flightNumber,
              origin: m.origin,
              destination: m.destination,
              departure_at: m.departureAt,
              aircraft_kind: m.aircraftKind,
              aircraft_type: m.aircraftType,
              capacity_kg: m.capacity.kg,
              manifest_chargeable_kg: m.totals.chargeableWeightKg,
              manifest_shipments: m.shipments.length,
              load_factor: m.loadFactor,
              closed_at: m.closedAt,
              manifest_event_id: eventId,
            })),
          ),
        ],
      );
    }
  }

  /** The next `limit` AWBs with events on the timeline after `after`, in AWB order (a rebuild's projection pages). */
  async filedAwbsAfter(manager: EntityManager, after: string, limit: number): Promise<string[]> {
    const rows = (await manager.query(`SELECT DISTINCT "awb" FROM "${this.schema}"."timeline_events" WHERE "awb" > $1 ORDER BY "awb" LIMIT $2`, [after, limit])) as Array<{ awb: string }>;
    return rows.map((r) => r.awb);
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
