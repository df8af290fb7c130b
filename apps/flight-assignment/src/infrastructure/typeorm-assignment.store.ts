import { In, LessThanOrEqual, MoreThanOrEqual, Between, type EntityManager } from 'typeorm';
import {
  AssignmentStore,
  type ExceptionResolutionEntry,
  type FlightWithLoad,
  type ShipmentRecord,
  type ShipmentStatus,
  type FlightOpsAuditEntry,
} from '../application/assignment-store.port';
import type { EventCause } from '../application/unit-of-work.port';
import type { AirlineStatusReport, FlightMovement } from '../domain/airline-status.rules';
import type { Flight } from '../domain/flight.model';
import type { Manifest } from '../domain/manifest.builder';
import type { ShipmentFacts } from '../domain/shipment.model';
import { FlightOrmEntity } from './flight.orm-entity';
import { ManifestOrmEntity } from './manifest.orm-entity';
import { ShipmentOrmEntity } from './shipment.orm-entity';

/** Key of the transaction-scoped advisory lock that serialises capacity changes ("flight-assignment capacity"). */
const CAPACITY_LOCK_KEY = 80_0001;
/** Class id of the per-AWB advisory locks (two-key form: a separate key space from the capacity lock). */
const SHIPMENT_LOCK_CLASS = 8001;

const ms = (d: Date | null | undefined): number | undefined => (d ? d.getTime() : undefined);
const date = (n: number | undefined): Date | null => (n === undefined ? null : new Date(n));

function toFlight(e: FlightOrmEntity): FlightWithLoad {
  return {
    flight: {
      flightId: e.flightId,
      flightNumber: e.flightNumber,
      carrier: e.carrier,
      origin: e.origin,
      destination: e.destination,
      departureAt: e.departureAt.getTime(),
      arrivalAt: e.arrivalAt.getTime(),
      cutoffAt: e.cutoffAt.getTime(),
      aircraftKind: e.aircraftKind,
      aircraftType: e.aircraftType,
      capacityKg: e.capacityKg,
      capacityM3: e.capacityM3,
      coldChain: e.coldChain,
      leg: e.leg,
      status: e.status,
      delayMinutes: e.delayMinutes,
    },
    bookedKg: e.bookedKg,
    bookedM3: e.bookedM3,
    movement: movementOf(e),
  };
}

function movementOf(e: FlightOrmEntity): FlightMovement | undefined {
  if (!e.departedAt && !e.arrivedAt) return undefined;
  return { departedAt: ms(e.departedAt), departureSource: e.departureSource ?? undefined, arrivedAt: ms(e.arrivedAt) };
}

interface StatusReportRow {
  report_key: string;
  flight_id: string | null;
  awb: string | null;
  code: AirlineStatusReport['code'];
  place: string;
  flight_number: string | null;
  pieces: number | null;
  remarks: string | null;
  happened_at: Date;
  recorded_at: Date;
  source: AirlineStatusReport['source'];
  actor: string;
}

const STATUS_REPORT_COLUMNS = '"report_key", "flight_id", "awb", "code", "place", "flight_number", "pieces", "remarks", "happened_at", "recorded_at", "source", "actor"';

function toStatusReport(r: StatusReportRow): AirlineStatusReport {
  return {
    key: r.report_key,
    ...(r.flight_id !== null ? { flightId: r.flight_id } : {}),
    ...(r.awb !== null ? { awb: r.awb } : {}),
    code: r.code,
    place: r.place,
    ...(r.flight_number !== null ? { flightNumber: r.flight_number } : {}),
    ...(r.pieces !== null ? { pieces: r.pieces } : {}),
    ...(r.remarks !== null ? { remarks: r.remarks } : {}),
    happenedAt: r.happened_at.getTime(),
    recordedAt: r.recorded_at.getTime(),
    source: r.source,
    actor: r.actor,
  };
}

function flightColumns(f: Flight): Partial<FlightOrmEntity> {
  return {
    flightId: f.flightId,
    flightNumber: f.flightNumber,
    carrier: f.carrier,
    origin: f.origin,
    destination: f.destination,
    departureAt: new Date(f.departureAt),
    arrivalAt: new Date(f.arrivalAt),
    cutoffAt: new Date(f.cutoffAt),
    aircraftKind: f.aircraftKind,
    aircraftType: f.aircraftType,
    capacityKg: f.capacityKg,
    capacityM3: f.capacityM3,
    coldChain: f.coldChain,
    leg: f.leg,
    status: f.status,
    delayMinutes: f.delayMinutes,
  };
}

function toRecord(e: ShipmentOrmEntity): ShipmentRecord {
  const r: ShipmentRecord = {
    awb: e.awb,
    stationCode: e.stationCode,
    status: e.status,
    customs: e.customs,
  };
  if (e.facts) r.facts = e.facts as unknown as ShipmentFacts;
  if (e.releaseFacts) r.releaseFacts = e.releaseFacts;
  if (e.flightId && e.truckDepartBy && e.finalArrivalAt) {
    r.booking = {
      flightId: e.flightId,
      connectionFlightId: e.connectionFlightId ?? undefined,
      truckDepartBy: e.truckDepartBy.getTime(),
      finalArrivalAt: e.finalArrivalAt.getTime(),
      roadFeeder: e.roadFeeder,
    };
  }
  if (e.reasonCode) r.reason = { code: e.reasonCode, explanation: e.reasonExplanation ?? '' };
  if (e.retryUntil) r.retryUntil = e.retryUntil.getTime();
  if (e.nextAttemptAt) r.nextAttemptAt = e.nextAttemptAt.getTime();
  if (e.replanFromFlightId && e.replanReasonCode) r.replan = { fromFlightId: e.replanFromFlightId, reasonCode: e.replanReasonCode, explanation: e.reasonExplanation ?? e.replanReasonCode };
  r.pendingSince = ms(e.pendingSince);
  r.releasedAt = ms(e.releasedAt);
  if (e.releaseCause) r.releaseCause = e.releaseCause as unknown as EventCause;
  if (e.customsDecisionVersion !== null && e.customsDecisionVersion !== undefined) r.customsDecisionVersion = e.customsDecisionVersion;
  r.decidedAt = ms(e.decidedAt);
  return r;
}

/** Every column of `shipments`, as {@link shipmentRow} fills them. */
const SHIPMENT_COLUMNS = [
  'awb',
  'station_code',
  'facts',
  'status',
  'customs',
  'release_facts',
  'flight_id',
  'connection_flight_id',
  'truck_depart_by',
  'final_arrival_at',
  'road_feeder',
  'reason_code',
  'reason_explanation',
  'retry_until',
  'next_attempt_at',
  'replan_from_flight_id',
  'replan_reason_code',
  'pending_since',
  'received_at',
  'released_at',
  'release_cause',
  'customs_decision_version',
  'decided_at',
  'updated_at',
] as const;

/** A shipment record as a `shipments` row (JSON: dates as ISO strings, jsonb columns as objects). */
function shipmentRow(r: ShipmentRecord): Record<(typeof SHIPMENT_COLUMNS)[number], unknown> {
  return {
    awb: r.awb,
    station_code: r.stationCode,
    facts: r.facts ?? null,
    status: r.status,
    customs: r.customs,
    release_facts: r.releaseFacts ?? null,
    flight_id: r.booking?.flightId ?? null,
    connection_flight_id: r.booking?.connectionFlightId ?? null,
    truck_depart_by: date(r.booking?.truckDepartBy),
    final_arrival_at: date(r.booking?.finalArrivalAt),
    road_feeder: r.booking?.roadFeeder ?? false,
    reason_code: r.replan?.reasonCode ?? r.reason?.code ?? null,
    reason_explanation: r.replan?.explanation ?? r.reason?.explanation ?? null,
    retry_until: date(r.retryUntil),
    next_attempt_at: r.status === 'WAITLISTED' ? date(r.nextAttemptAt) : null,
    replan_from_flight_id: r.replan?.fromFlightId ?? null,
    replan_reason_code: r.replan?.reasonCode ?? null,
    pending_since: date(r.pendingSince),
    received_at: date(r.facts?.receivedAt),
    released_at: date(r.releasedAt),
    release_cause: r.releaseCause ?? null,
    customs_decision_version: r.customsDecisionVersion ?? null,
    decided_at: date(r.decidedAt),
    updated_at: new Date(),
  };
}

/** {@link AssignmentStore} on one TypeORM transaction (`manager`). */
export class TypeormAssignmentStore extends AssignmentStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lockCapacity(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [CAPACITY_LOCK_KEY]);
  }

  async loadFlights(since: number): Promise<FlightWithLoad[]> {
    const rows = await this.manager.getRepository(FlightOrmEntity).find({ where: { departureAt: MoreThanOrEqual(new Date(since)) }, order: { departureAt: 'ASC' } });
    return rows.map(toFlight);
  }

  async getFlight(flightId: string): Promise<FlightWithLoad | undefined> {
    const row = await this.manager.getRepository(FlightOrmEntity).findOne({ where: { flightId } });
    return row ? toFlight(row) : undefined;
  }

  async insertFlights(flights: readonly Flight[], source: 'TIMETABLE' | 'OPS'): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < flights.length; i += 200) {
      const chunk = flights.slice(i, i + 200).map((f) => ({ ...flightColumns(f), bookedKg: 0, bookedM3: 0, source }));
      const result = await this.manager.createQueryBuilder().insert().into(FlightOrmEntity).values(chunk).orIgnore().returning(['flightId']).execute();
      inserted += (result.raw as unknown[]).length;
    }
    return inserted;
  }

  async updateFlight(flight: Flight): Promise<void> {
    const { flightId, ...columns } = flightColumns(flight);
    await this.manager.getRepository(FlightOrmEntity).update({ flightId }, { ...columns, updatedAt: new Date() });
  }

  async setBooked(loads: readonly { flightId: string; bookedKg: number; bookedM3: number }[]): Promise<void> {
    if (loads.length === 0) return;
    const rows = loads.map((l) => ({ flight_id: l.flightId, booked_kg: Math.round(l.bookedKg * 1000) / 1000, booked_m3: Math.round(l.bookedM3 * 1000) / 1000 }));
    await this.manager.query(
      `UPDATE "${this.schema()}"."flights" f SET "booked_kg" = v."booked_kg", "booked_m3" = v."booked_m3", "updated_at" = now()
         FROM jsonb_to_recordset($1::jsonb) AS v("flight_id" text, "booked_kg" numeric, "booked_m3" numeric)
        WHERE f."flight_id" = v."flight_id"`,
      [JSON.stringify(rows)],
    );
  }

  async flightsOf(origin: string, from: number, to: number): Promise<FlightWithLoad[]> {
    const rows = await this.manager.getRepository(FlightOrmEntity).find({
      where: { origin, departureAt: Between(new Date(from), new Date(to - 1)) },
      order: { departureAt: 'ASC', flightNumber: 'ASC' },
    });
    return rows.map(toFlight);
  }

  async dueForClosing(now: number): Promise<Flight[]> {
    const rows = await this.manager.getRepository(FlightOrmEntity).find({ where: { status: 'SCHEDULED', cutoffAt: LessThanOrEqual(new Date(now)) }, order: { cutoffAt: 'ASC' } });
    return rows.map((r) => toFlight(r).flight);
  }

  async dueForDeparture(departedBy: number): Promise<Flight[]> {
    const rows = await this.manager
      .getRepository(FlightOrmEntity)
      .find({ where: { status: 'CLOSED', leg: In(['FROM_WUHAN', 'ROAD_FEEDER']), departureAt: LessThanOrEqual(new Date(departedBy)) }, order: { departureAt: 'ASC' } });
    return rows.map((r) => toFlight(r).flight);
  }

  async recordFlightMovement(flightId: string, movement: FlightMovement): Promise<void> {
    const columns: Partial<FlightOrmEntity> = {};
    if (movement.departedAt !== undefined) columns.departedAt = new Date(movement.departedAt);
    if (movement.departureSource !== undefined) columns.departureSource = movement.departureSource;
    if (movement.arrivedAt !== undefined) columns.arrivedAt = new Date(movement.arrivedAt);
    if (Object.keys(columns).length === 0) return;
    await this.manager.getRepository(FlightOrmEntity).update({ flightId }, { ...columns, updatedAt: new Date() });
  }

  async lockShipment(awb: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SHIPMENT_LOCK_CLASS, awb]);
  }

  async getShipment(awb: string, forUpdate = false): Promise<ShipmentRecord | undefined> {
    const row = await this.manager.getRepository(ShipmentOrmEntity).findOne({ where: { awb }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return row ? toRecord(row) : undefined;
  }

  saveShipment(r: ShipmentRecord): Promise<void> {
    return this.saveShipments([r]);
  }

  /**
   * One `INSERT … SELECT FROM jsonb_populate_recordset … ON CONFLICT (awb) DO UPDATE` for all of them
   * (one parameter, so no bound on their number); a later record of an AWB listed twice wins.
   */
  async saveShipments(records: readonly ShipmentRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = [...new Map(records.map((r) => [r.awb, shipmentRow(r)])).values()];
    const s = `"${this.schema()}"."shipments"`;
    await this.manager.query(
      `INSERT INTO ${s} (${SHIPMENT_COLUMNS.map((c) => `"${c}"`).join(', ')})
       SELECT ${SHIPMENT_COLUMNS.map((c) => `v."${c}"`).join(', ')} FROM jsonb_populate_recordset(NULL::${s}, $1::jsonb) v
       ON CONFLICT ("awb") DO UPDATE SET ${SHIPMENT_COLUMNS.filter((c) => c !== 'awb').map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`,
      [JSON.stringify(rows)],
    );
  }

  async shipmentsWithStatus(statuses: readonly ShipmentStatus[]): Promise<ShipmentRecord[]> {
    const rows = await this.manager.getRepository(ShipmentOrmEntity).find({ where: { status: In([...statuses]) }, order: { awb: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return rows.map(toRecord);
  }

  async shipmentsOnFlight(flightId: string): Promise<ShipmentRecord[]> {
    const rows = await this.manager.getRepository(ShipmentOrmEntity).find({ where: [{ flightId }, { connectionFlightId: flightId }], order: { awb: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return rows.map(toRecord);
  }

  async queueState(): Promise<{ oldestPendingSince?: number; earliestNextAttemptAt?: number }> {
    // Two index lookups (the partial indexes on PENDING and WAITLISTED rows), never a scan of every shipment.
    const s = `"${this.schema()}"."shipments"`;
    const [row] = (await this.manager.query(
      `SELECT (SELECT min("pending_since") FROM ${s} WHERE "status" = 'PENDING') AS "pending",
              (SELECT min("next_attempt_at") FROM ${s} WHERE "status" = 'WAITLISTED') AS "next"`,
    )) as Array<{ pending: Date | null; next: Date | null }>;
    return { oldestPendingSince: ms(row?.pending), earliestNextAttemptAt: ms(row?.next) };
  }

  async openExceptions(): Promise<ShipmentRecord[]> {
    const rows = await this.manager.getRepository(ShipmentOrmEntity).find({ where: { status: 'EXCEPTION' }, order: { decidedAt: 'ASC', awb: 'ASC' } });
    return rows.map(toRecord);
  }

  async saveManifest(manifest: Manifest, closedAt: number): Promise<void> {
    await this.manager.getRepository(ManifestOrmEntity).save({ flightId: manifest.flightId, payload: manifest, closedAt: new Date(closedAt), recordedAt: new Date() });
  }

  async getManifest(flightId: string): Promise<Manifest | undefined> {
    const row = await this.manager.getRepository(ManifestOrmEntity).findOne({ where: { flightId } });
    return row?.payload;
  }

  async recordOpsAction(entry: FlightOpsAuditEntry): Promise<void> {
    await this.manager.query(`INSERT INTO "${this.schema()}"."flight_ops_audit" ("flight_id", "action", "actor", "at", "detail") VALUES ($1, $2, $3, $4, $5)`, [
      entry.flightId,
      entry.action,
      entry.actor,
      new Date(entry.at),
      entry.detail,
    ]);
  }

  async opsActionsOf(flightId: string): Promise<FlightOpsAuditEntry[]> {
    const rows = (await this.manager.query(`SELECT "flight_id", "action", "actor", "at", "detail" FROM "${this.schema()}"."flight_ops_audit" WHERE "flight_id" = $1 ORDER BY "seq"`, [flightId])) as Array<{
      flight_id: string;
      action: FlightOpsAuditEntry['action'];
      actor: string;
      at: Date;
      detail: string | null;
    }>;
    return rows.map((r) => ({ flightId: r.flight_id, action: r.action, actor: r.actor, at: r.at.getTime(), detail: r.detail }));
  }

  async findStatusReport(key: string): Promise<AirlineStatusReport | undefined> {
    const rows = (await this.manager.query(`SELECT ${STATUS_REPORT_COLUMNS} FROM "${this.schema()}"."airline_status_reports" WHERE "report_key" = $1`, [key])) as StatusReportRow[];
    return rows[0] ? toStatusReport(rows[0]) : undefined;
  }

  async saveStatusReport(r: AirlineStatusReport): Promise<void> {
    await this.manager.query(`INSERT INTO "${this.schema()}"."airline_status_reports" (${STATUS_REPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
      r.key,
      r.flightId ?? null,
      r.awb ?? null,
      r.code,
      r.place,
      r.flightNumber ?? null,
      r.pieces ?? null,
      r.remarks ?? null,
      new Date(r.happenedAt),
      new Date(r.recordedAt),
      r.source,
      r.actor,
    ]);
  }

  async statusReportsOf(subject: { flightId: string } | { awb: string }): Promise<AirlineStatusReport[]> {
    const [column, value] = 'flightId' in subject ? ['flight_id', subject.flightId] : ['awb', subject.awb];
    const rows = (await this.manager.query(`SELECT ${STATUS_REPORT_COLUMNS} FROM "${this.schema()}"."airline_status_reports" WHERE "${column}" = $1 ORDER BY "seq"`, [value])) as StatusReportRow[];
    return rows.map(toStatusReport);
  }

  async recordExceptionResolution(e: ExceptionResolutionEntry): Promise<void> {
    await this.manager.query(
      `INSERT INTO "${this.schema()}"."assignment_exception_audit" ("awb", "reason_code", "opened_at", "action", "actor", "at", "note", "outcome") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.awb, e.reasonCode, new Date(e.openedAt), e.action, e.actor, new Date(e.at), e.note, e.outcome],
    );
  }

  async exceptionResolutionsOf(awb: string): Promise<ExceptionResolutionEntry[]> {
    const rows = (await this.manager.query(
      `SELECT "awb", "reason_code", "opened_at", "action", "actor", "at", "note", "outcome" FROM "${this.schema()}"."assignment_exception_audit" WHERE "awb" = $1 ORDER BY "seq"`,
      [awb],
    )) as Array<{ awb: string; reason_code: string; opened_at: Date; action: 'REPLAN'; actor: string; at: Date; note: string; outcome: string }>;
    return rows.map((r) => ({ awb: r.awb, reasonCode: r.reason_code, openedAt: r.opened_at.getTime(), action: r.action, actor: r.actor, at: r.at.getTime(), note: r.note, outcome: r.outcome }));
  }

  private schema(): string {
    return (this.manager.connection.options as { schema: string }).schema;
  }
}
