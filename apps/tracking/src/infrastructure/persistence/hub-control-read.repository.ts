import type { DataSource } from 'typeorm';
import { HubControlReadStore, type AwbMatch } from '../../application/hub-control-read.port';
import type { BookedShipmentFacts, TruckScan } from '../../domain/hub-control.model';
import type { ShipmentView } from '../../domain/shipment.projection';

/** Flags that make a shipment a candidate of the exceptions queue (see `exceptionsOf`). */
const EXCEPTION_FLAGS = ['SERVICE_LEVEL_AT_RISK', 'EXCEPTION', 'PIECES_SHORT', 'TRUCK_LATE_FOR_CUTOFF'];

/** The view without personal data and without the timeline (what the control view needs of a shipment). */
const SLIM_VIEW = `s."view" - 'timeline' - 'consignee' - 'houseWaybills'`;

interface FactRow {
  awb: string;
  kind: string;
  happened_at: Date;
  data: Record<string, unknown>;
}

/** Reads of the operator views, over the tracking schema's `shipments`, `timeline_events` and `flights`. */
export class HubControlReadRepository extends HubControlReadStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async bookedShipments(flightIds: readonly string[]): Promise<BookedShipmentFacts[]> {
    if (flightIds.length === 0) return [];
    const views = (await this.dataSource.query(
      `SELECT ${SLIM_VIEW} AS "view" FROM "${this.schema}"."shipments" s WHERE s."booked_flight_id" = ANY($1) AND jsonb_array_length(s."view" -> 'timeline') > 0`,
      [flightIds],
    )) as Array<{ view: ShipmentView }>;
    if (views.length === 0) return [];
    // Volume from the intake (the latest correction wins) and the truck scans, from the filed events.
    const facts = (await this.dataSource.query(
      `SELECT "awb", "kind", "happened_at", "data" FROM "${this.schema}"."timeline_events"
       WHERE "awb" = ANY($1) AND ("kind" IN ('CargoReceived', 'CargoCorrected') OR ("kind" = 'HandlingScanned' AND "data" ->> 'code' IN ('LOT', 'TDP', 'TAR')))
       ORDER BY "happened_at", "event_id"`,
      [views.map((v) => v.view.awb)],
    )) as FactRow[];
    const byAwb = new Map<string, { volumeM3: number | null; truckScans: TruckScan[] }>(views.map((v) => [v.view.awb, { volumeM3: null, truckScans: [] }]));
    for (const row of facts) {
      const entry = byAwb.get(row.awb);
      if (!entry) continue;
      if (row.kind === 'CargoReceived' && entry.volumeM3 === null) entry.volumeM3 = numberOrNull(row.data['volumeM3']);
      else if (row.kind === 'CargoCorrected') entry.volumeM3 = numberOrNull((row.data['intake'] as Record<string, unknown> | undefined)?.['volumeM3']) ?? entry.volumeM3;
      else if (row.kind === 'HandlingScanned') {
        entry.truckScans.push({
          code: row.data['code'] as TruckScan['code'],
          truckId: typeof row.data['truckId'] === 'string' ? row.data['truckId'] : null,
          place: String(row.data['place']),
          happenedAt: row.happened_at.toISOString(),
        });
      }
    }
    return views.map(({ view }) => ({ view, ...(byAwb.get(view.awb) as { volumeM3: number | null; truckScans: TruckScan[] }) }));
  }

  async exceptionCandidates(now: Date): Promise<ShipmentView[]> {
    const rows = (await this.dataSource.query(
      `SELECT s."view" - 'consignee' - 'houseWaybills' AS "view" FROM "${this.schema}"."shipments" s
       WHERE jsonb_array_length(s."view" -> 'timeline') > 0 AND (s."status" IS NULL OR s."status" NOT IN ('DLV', 'CXL'))
         AND (s."held" OR s."flags" && $1::text[]
           OR (s."booked_flight_id" IS NULL AND s."view" -> 'timeline' @> '[{"code": "WTL"}]')
           OR ((s."view" -> 'nextActivity' ->> 'code') IN ('TRUCK_DEPARTURE', 'TRUCK_ARRIVAL') AND (s."view" -> 'nextActivity' ->> 'dueBy')::timestamptz <= $2))`,
      [EXCEPTION_FLAGS, now],
    )) as Array<{ view: ShipmentView }>;
    return rows.map((r) => r.view);
  }

  async awbsStartingWith(prefix: string, limit: number): Promise<AwbMatch[]> {
    const rows = (await this.dataSource.query(
      `SELECT "awb", "status", "booked_flight_id", "station_code" FROM "${this.schema}"."shipments"
       WHERE "awb" LIKE $1 AND jsonb_array_length("view" -> 'timeline') > 0 ORDER BY "awb" LIMIT $2`,
      [`${prefix.replace(/[%_\\]/g, '')}%`, limit],
    )) as Array<{ awb: string; status: string | null; booked_flight_id: string | null; station_code: string | null }>;
    return rows.map((r) => ({ awb: r.awb, status: r.status, flightId: r.booked_flight_id, station: r.station_code }));
  }

  async receivedPerStation(from: Date, to: Date): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT "station_code", count(*)::int AS "n" FROM "${this.schema}"."shipments" WHERE "received_at" >= $1 AND "received_at" < $2 AND "station_code" IS NOT NULL GROUP BY "station_code"`,
      [from, to],
    )) as Array<{ station_code: string; n: number }>;
    return new Map(rows.map((r) => [r.station_code, r.n]));
  }
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
