import { FLIGHT_ID_PATTERN } from '@cargo/contracts';
import type { DataSource } from 'typeorm';
import { TrackingReadStore, type BoardFlight, type BoardQuery, type ShipmentSearch } from '../../application/tracking-read.port';
import type { FlightFacts } from '../../domain/kpi.calculator';
import type { ShipmentView } from '../../domain/shipment.projection';
import type { TrackedEvent } from '../../domain/tracked-event.model';
import { FlightOrmEntity } from './flight.orm-entity';
import { ShipmentOrmEntity } from './shipment.orm-entity';
import { trackedEventOfRow, type TimelineEventRow } from './tracking-projection.repository';

/** Reads of the read model (API, dashboard, KPIs). */
export class TrackingReadRepository extends TrackingReadStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findShipment(awb: string): Promise<ShipmentView | null> {
    const row = await this.dataSource.getRepository(ShipmentOrmEntity).findOne({ where: { awb } });
    return row && row.view.timeline.length > 0 ? row.view : null;
  }

  async timelineEvents(awb: string): Promise<TrackedEvent[]> {
    const rows = (await this.dataSource.query(`SELECT "event_id", "kind", "happened_at", "recorded_at", "data" FROM "${(this.dataSource.options as { schema: string }).schema}"."timeline_events" WHERE "awb" = $1`, [awb])) as TimelineEventRow[];
    return rows.map((r) => trackedEventOfRow(awb, r));
  }

  async searchShipments(q: ShipmentSearch): Promise<{ items: ShipmentView[]; total: number }> {
    const qb = this.dataSource.getRepository(ShipmentOrmEntity).createQueryBuilder('s').where("jsonb_array_length(s.view -> 'timeline') > 0");
    if (q.station) qb.andWhere('s.station_code = :station', { station: q.station });
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if (q.airport) qb.andWhere('s.airport = :airport', { airport: q.airport });
    if (q.flag === 'NOT_ARRIVED_BY_ETA') {
      // Not stored: manifested or departed, not arrived, ETA before now (as `isOverdue` decides it).
      qb.andWhere("s.status IN ('MAN', 'DEP') AND s.view ->> 'arrivedAt' IS NULL AND (s.view ->> 'eta')::timestamptz < COALESCE(CAST(:now AS timestamptz), now())", { now: q.now ?? null });
    } else if (q.flag) qb.andWhere(':flag = ANY(s.flags)', { flag: q.flag });
    if (q.flight && FLIGHT_ID_PATTERN.test(q.flight)) qb.andWhere("s.view -> 'booking' ->> 'flightId' = :flight", { flight: q.flight });
    else if (q.flight) qb.andWhere("(s.view -> 'booking' ->> 'flightNumber' = :flight OR s.view ->> 'departedFlightNumber' = :flight)", { flight: q.flight });
    if (q.date) qb.andWhere("CAST(s.received_at AT TIME ZONE 'Asia/Shanghai' AS date) = CAST(:date AS date)", { date: q.date });
    const [rows, total] = await qb
      .orderBy('s.last_happened_at', 'DESC', 'NULLS LAST')
      .addOrderBy('s.awb', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => r.view), total };
  }

  async openHolds(limit = 200): Promise<ShipmentView[]> {
    const rows = await this.dataSource.getRepository(ShipmentOrmEntity).find({ where: { held: true }, order: { lastHappenedAt: 'DESC' }, take: limit });
    return rows.map((r) => r.view).sort((a, b) => (a.openHold?.since ?? '').localeCompare(b.openHold?.since ?? ''));
  }

  async allViews(): Promise<ShipmentView[]> {
    const rows = await this.dataSource.getRepository(ShipmentOrmEntity).find();
    return rows.map((r) => r.view).filter((v) => v.timeline.length > 0);
  }

  /** Flights leaving `airports` (default both hubs) with departure in [from, to), earliest first (latest first with `latestFirst`). */
  async board(opts: BoardQuery): Promise<BoardFlight[]> {
    const order = opts.latestFirst ? 'DESC' : 'ASC';
    const qb = this.dataSource
      .getRepository(FlightOrmEntity)
      .createQueryBuilder('f')
      .where('f.origin IN (:...airports)', { airports: opts.airports })
      .orderBy('f.departure_at', order)
      .addOrderBy('f.flight_id', order)
      .take(opts.limit ?? 500);
    if (opts.from) qb.andWhere('f.departure_at >= :from', { from: opts.from });
    if (opts.to) qb.andWhere('f.departure_at < :to', { to: opts.to });
    if (opts.flightIds) qb.andWhere('f.flight_id IN (:...ids)', { ids: opts.flightIds.length > 0 ? opts.flightIds : [''] });
    if (opts.flightPrefix) qb.andWhere('(upper(f.flight_number) LIKE :prefix OR upper(f.flight_id) LIKE :prefix)', { prefix: `${opts.flightPrefix.toUpperCase().replace(/[%_\\]/g, '')}%` });
    const flights = await qb.getMany();
    if (flights.length === 0) return [];
    const booked = (await this.dataSource.query(
      `SELECT booked_flight_id AS id, count(*)::int AS n, coalesce(sum(booked_chargeable_kg), 0)::float AS kg
       FROM "${(this.dataSource.options as { schema: string }).schema}"."shipments" WHERE booked_flight_id = ANY($1) GROUP BY booked_flight_id`,
      [flights.map((f) => f.flightId)],
    )) as Array<{ id: string; n: number; kg: number }>;
    const byId = new Map(booked.map((b) => [b.id, b]));
    return flights.map((f) => ({
      flightId: f.flightId,
      flightNumber: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departureAt: f.departureAt.toISOString(),
      aircraftKind: f.aircraftKind as FlightFacts['aircraftKind'],
      aircraftType: f.aircraftType,
      capacityKg: f.capacityKg,
      chargeableWeightKg: f.manifestChargeableKg ?? byId.get(f.flightId)?.kg ?? 0,
      manifested: f.closedAt !== null,
      bookedShipments: byId.get(f.flightId)?.n ?? 0,
      bookedKg: byId.get(f.flightId)?.kg ?? 0,
      manifestShipments: f.manifestShipments,
      loadFactor: f.loadFactor,
      closedAt: f.closedAt?.toISOString() ?? null,
    }));
  }
}
