import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { EventCatalog, type HandlingScannedPayload } from '@cargo/contracts';
import {
  checkFlightReport,
  checkShipmentReport,
  flightReportKey,
  isSameReport,
  shipmentReportKey,
  type AirlineStatusReport,
  type FlightReportCode,
  type ReportProblem,
  type ShipmentReportCode,
} from '../domain/airline-status.rules';
import { AssignmentError, AssignmentErrorCodes } from '../domain/assignment.errors';
import { isoOf, MINUTE_MS, type Flight } from '../domain/flight.model';
import { effectiveFacts } from './assignment.engine';
import type { FlightWithLoad, ShipmentRecord } from './assignment-store.port';
import { UnitOfWorkRunner, type UnitOfWork } from './unit-of-work.port';

/** Injection token of the {@link AirlineStatusSettings}. */
export const AIRLINE_STATUS_SETTINGS = Symbol('AIRLINE_STATUS_SETTINGS');

export interface AirlineStatusSettings {
  /** Shared-clock ms after a scheduled departure without the airline's DEP before the hub assumes it. */
  silenceMs: number;
  /** How far ahead of the shared clock a reported time may be. */
  clockSkewMs: number;
}

/** The actor recorded for the departures the hub assumed. */
const SILENCE_ACTOR = 'flight-assignment (airline silent)';

export interface FlightStatusInput {
  code: FlightReportCode;
  happenedAt: string;
}

export interface ShipmentStatusInput {
  code: ShipmentReportCode;
  place: string;
  happenedAt: string;
  flightNumber?: string;
  pieces?: number;
  remarks?: string;
}

/** A filed report as the API shows it. */
export interface StatusReportView {
  code: string;
  place: string;
  flightId?: string;
  awb?: string;
  flightNumber?: string;
  pieces?: number;
  remarks?: string;
  happenedAt: string;
  recordedAt: string;
  source: AirlineStatusReport['source'];
  /** The verified subject of the token that reported it (the service itself for an assumed departure). */
  reportedBy: string;
}

export interface StatusReportOutcome {
  report: StatusReportView;
  /** The AWBs the report stands for (published on `cargo.handling.v1` when it was filed). */
  shipments: string[];
  /** True for a re-post of a report already filed: nothing was published again. */
  replayed: boolean;
}

export interface FlightStatusView {
  flightId: string;
  flightNumber: string;
  status: string;
  scheduledDepartureAt: string;
  scheduledArrivalAt: string;
  departedAt: string | null;
  departureSource: AirlineStatusReport['source'] | null;
  arrivedAt: string | null;
  reports: StatusReportView[];
}

function reportView(r: AirlineStatusReport): StatusReportView {
  return {
    code: r.code,
    place: r.place,
    ...(r.flightId ? { flightId: r.flightId } : {}),
    ...(r.awb ? { awb: r.awb } : {}),
    ...(r.flightNumber ? { flightNumber: r.flightNumber } : {}),
    ...(r.pieces !== undefined ? { pieces: r.pieces } : {}),
    ...(r.remarks ? { remarks: r.remarks } : {}),
    happenedAt: isoOf(r.happenedAt),
    recordedAt: isoOf(r.recordedAt),
    source: r.source,
    reportedBy: r.actor,
  };
}

function refuse(problem: ReportProblem | undefined): void {
  if (!problem) return;
  if (problem.kind === 'conflict') throw new AssignmentError(AssignmentErrorCodes.StatusConflict, problem.message);
  throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, problem.error.message, [problem.error]);
}

/**
 * What happens after departure, as the airlines report it (FSU-style: DEP, ARR, RCF, NFD, DLV),
 * published on `cargo.handling.v1` as `HandlingScanned` with `source: AIRLINE`; and the one thing the
 * hub still says on the airline's behalf: a closed flight's departure once the airline has stayed
 * silent `silenceMs` past it (`source: ASSUMED`, so no one takes it for the airline's word).
 *
 * Invariants: a report is filed (with the reporting subject) and published in one transaction, or
 * neither; a re-post of a filed report publishes nothing; a report that contradicts a filed one is a
 * conflict, never a second truth; flight-level reports and the silence rule take the capacity lock,
 * so they serialise with manifests, holds and each other.
 */
@Injectable()
export class AirlineStatusUseCase {
  private readonly logger = new Logger('AirlineStatus');

  constructor(
    @Inject(UnitOfWorkRunner) private readonly uow: UnitOfWorkRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AIRLINE_STATUS_SETTINGS) private readonly settings: AirlineStatusSettings,
  ) {}

  /**
   * A flight departed or arrived: every shipment on board (on its manifest, or connecting onto it and
   * not reported transferred to another flight) gets the DEP or ARR.
   *
   * @throws AssignmentError FLIGHT_NOT_FOUND, INVALID_REQUEST, STATUS_CONFLICT
   */
  async reportFlight(flightId: string, input: FlightStatusInput, actor: string): Promise<StatusReportOutcome> {
    return this.uow.run(async (u) => {
      const now = this.clock.now().getTime();
      const happenedAt = Date.parse(input.happenedAt);
      await u.store.lockCapacity();
      const loaded = await this.requireFlight(u, flightId);
      const { flight } = loaded;
      const report: AirlineStatusReport = {
        key: flightReportKey(flightId, input.code),
        flightId,
        code: input.code,
        place: input.code === 'DEP' ? flight.origin : flight.destination,
        flightNumber: flight.flightNumber,
        happenedAt,
        recordedAt: now,
        source: 'AIRLINE',
        actor,
      };
      const filed = await u.store.findStatusReport(report.key);
      if (filed) return this.replay(filed, report, (await this.onBoard(u, flight, input.code)).map((r) => r.awb));
      refuse(checkFlightReport(flight, loaded.movement ?? {}, input.code, happenedAt, now, this.settings.clockSkewMs));
      await u.store.saveStatusReport(report);
      if (input.code === 'DEP') {
        if (flight.status === 'CLOSED') await u.store.updateFlight({ ...flight, status: 'DEPARTED' });
        await u.store.recordFlightMovement(flightId, { departedAt: happenedAt, departureSource: 'AIRLINE' });
      } else {
        await u.store.recordFlightMovement(flightId, { arrivedAt: happenedAt });
      }
      const shipments = await this.publishForOnBoard(u, flight, report);
      return { report: reportView(report), shipments, replayed: false };
    });
  }

  /**
   * One shipment's own report after it left Wuhan: received from the flight (with the pieces that
   * came off it), consignee notified, delivered, or its transfer (departure from or arrival at a place
   * on a named flight).
   *
   * @throws AssignmentError SHIPMENT_NOT_FOUND, INVALID_REQUEST, STATUS_CONFLICT
   */
  async reportShipment(awb: string, input: ShipmentStatusInput, actor: string): Promise<StatusReportOutcome> {
    return this.uow.run(async (u) => {
      const now = this.clock.now().getTime();
      const happenedAt = Date.parse(input.happenedAt);
      await u.store.lockShipment(awb);
      const record = await u.store.getShipment(awb, true);
      if (!record) throw new AssignmentError(AssignmentErrorCodes.ShipmentNotFound, `no shipment ${awb} known to flight assignment`);
      const report: AirlineStatusReport = {
        key: shipmentReportKey(awb, input.code, input.place),
        awb,
        code: input.code,
        place: input.place,
        ...(input.flightNumber ? { flightNumber: input.flightNumber } : {}),
        ...(input.pieces !== undefined ? { pieces: input.pieces } : {}),
        ...(input.remarks ? { remarks: input.remarks } : {}),
        happenedAt,
        recordedAt: now,
        source: 'AIRLINE',
        actor,
      };
      const filed = await u.store.findStatusReport(report.key);
      if (filed) return this.replay(filed, report, [awb]);
      const first = record.booking ? await u.store.getFlight(record.booking.flightId) : undefined;
      const departedAt = first?.movement?.departedAt ?? first?.flight.departureAt ?? Number.POSITIVE_INFINITY;
      refuse(checkShipmentReport({ departed: record.status === 'DEPARTED', departedAt }, { ...input, happenedAt }, now, this.settings.clockSkewMs));
      await u.store.saveStatusReport(report);
      const onConnection = input.flightNumber !== undefined && record.booking?.connectionFlightId?.startsWith(`${input.flightNumber}-`) ? record.booking.connectionFlightId : undefined;
      await this.publish(u, record, { ...scanOf(report), ...(onConnection ? { flightId: onConnection } : {}) });
      return { report: reportView(report), shipments: [awb], replayed: false };
    });
  }

  /** A flight's actual times and every report about it, oldest first. @throws AssignmentError FLIGHT_NOT_FOUND */
  async flightStatus(flightId: string): Promise<FlightStatusView> {
    return this.uow.run(async (u) => {
      const { flight, movement } = await this.requireFlight(u, flightId);
      return {
        flightId,
        flightNumber: flight.flightNumber,
        status: flight.status,
        scheduledDepartureAt: isoOf(flight.departureAt),
        scheduledArrivalAt: isoOf(flight.arrivalAt),
        departedAt: movement?.departedAt !== undefined ? isoOf(movement.departedAt) : null,
        departureSource: movement?.departureSource ?? null,
        arrivedAt: movement?.arrivedAt !== undefined ? isoOf(movement.arrivedAt) : null,
        reports: (await u.store.statusReportsOf({ flightId })).map(reportView),
      };
    });
  }

  /** A shipment's own reports, oldest first (flight-level ones are under its flights). */
  async shipmentReports(awb: string): Promise<StatusReportView[]> {
    return this.uow.run(async (u) => (await u.store.statusReportsOf({ awb })).map(reportView));
  }

  /**
   * The silence rule (run by the scheduler): every closed flight or road feeder from Wuhan whose
   * scheduled departure is `silenceMs` past without a DEP from its airline departs as `ASSUMED` at its
   * scheduled time, its shipments with it, so customs and tracking do not wait forever.
   */
  async assumeSilentDepartures(u: UnitOfWork): Promise<Flight[]> {
    const now = this.clock.now().getTime();
    const departedBy = now - this.settings.silenceMs;
    if ((await u.store.dueForDeparture(departedBy)).length === 0) return [];
    await u.store.lockCapacity();
    const due = await u.store.dueForDeparture(departedBy);
    const minutes = Math.round(this.settings.silenceMs / MINUTE_MS);
    for (const flight of due) {
      const report: AirlineStatusReport = {
        key: flightReportKey(flight.flightId, 'DEP', 'ASSUMED'),
        flightId: flight.flightId,
        code: 'DEP',
        place: flight.origin,
        flightNumber: flight.flightNumber,
        remarks: `Departure assumed: no DEP from the airline ${minutes} min after the scheduled departure`,
        happenedAt: flight.departureAt,
        recordedAt: now,
        source: 'ASSUMED',
        actor: SILENCE_ACTOR,
      };
      await u.store.updateFlight({ ...flight, status: 'DEPARTED' });
      await u.store.recordFlightMovement(flight.flightId, { departedAt: flight.departureAt, departureSource: 'ASSUMED' });
      await u.store.saveStatusReport(report);
      const shipments = await this.publishForOnBoard(u, flight, report);
      const line = `${flight.flightId}: no DEP from ${flight.carrier} ${minutes} min after ${isoOf(flight.departureAt)}; departure assumed for ${shipments.length} shipment(s)`;
      if (shipments.length > 0) this.logger.warn(line);
      else this.logger.debug(line);
    }
    return due;
  }

  private replay(filed: AirlineStatusReport, report: AirlineStatusReport, shipments: string[]): StatusReportOutcome {
    if (!isSameReport(filed, report)) {
      throw new AssignmentError(
        AssignmentErrorCodes.StatusConflict,
        `${filed.code} at ${filed.place} was already reported (happened ${isoOf(filed.happenedAt)}${filed.pieces !== undefined ? `, ${filed.pieces} pcs` : ''}, by ${filed.actor}); a different report of it is refused`,
      );
    }
    return { report: reportView(filed), shipments, replayed: true };
  }

  /**
   * The shipments a flight-level report stands for: on its manifest (first leg; MANIFESTED, or
   * DEPARTED once the departure was reported or assumed), and connecting onto it after their first
   * leg departed, unless the airline reported them leaving the transfer hub on another flight.
   */
  private async onBoard(u: UnitOfWork, flight: Flight, code: FlightReportCode): Promise<ShipmentRecord[]> {
    const onBoard: ShipmentRecord[] = [];
    for (const r of await u.store.shipmentsOnFlight(flight.flightId)) {
      if (r.booking?.flightId === flight.flightId) {
        if (r.status === 'DEPARTED' || (code === 'DEP' && r.status === 'MANIFESTED')) onBoard.push(r);
      } else if (r.booking?.connectionFlightId === flight.flightId && r.status === 'DEPARTED') {
        const own = await u.store.statusReportsOf({ awb: r.awb });
        const elsewhere = own.some((o) => o.code === 'DEP' && o.place === flight.origin && o.flightNumber !== flight.flightNumber);
        if (!elsewhere) onBoard.push(r);
      }
    }
    return onBoard;
  }

  /** Publishes a flight-level report for each shipment on board (a departure also marks them DEPARTED). */
  private async publishForOnBoard(u: UnitOfWork, flight: Flight, report: AirlineStatusReport): Promise<string[]> {
    const onBoard = await this.onBoard(u, flight, report.code as FlightReportCode);
    await u.store.saveShipments(onBoard.filter((r) => r.status === 'MANIFESTED').map((r) => ({ ...r, status: 'DEPARTED' as const })));
    for (const r of onBoard) await this.publish(u, r, { ...scanOf(report), flightId: flight.flightId, ...(r.facts ? { pieces: effectiveFacts(r).pieces } : {}) });
    return onBoard.map((r) => r.awb);
  }

  /** One `HandlingScanned`, continuing the shipment's causation chain and trace. */
  private async publish(u: UnitOfWork, r: ShipmentRecord, scan: Omit<HandlingScannedPayload, 'awb'>): Promise<void> {
    await u.events.publish(EventCatalog.HandlingScanned, { awb: r.awb, ...scan }, { cause: r.releaseCause });
  }

  private async requireFlight(u: UnitOfWork, flightId: string): Promise<FlightWithLoad> {
    const f = await u.store.getFlight(flightId);
    if (!f) throw new AssignmentError(AssignmentErrorCodes.FlightNotFound, `no flight ${flightId}`);
    return f;
  }
}

/** The scan a report publishes (the shipment's AWB and flight id are added by the caller). */
function scanOf(r: AirlineStatusReport): Omit<HandlingScannedPayload, 'awb'> {
  return {
    code: r.code,
    place: r.place,
    ...(r.flightNumber ? { flightNumber: r.flightNumber } : {}),
    ...(r.pieces !== undefined ? { pieces: r.pieces } : {}),
    ...(r.remarks ? { remarks: r.remarks } : {}),
    happenedAt: isoOf(r.happenedAt),
    recordedAt: isoOf(r.recordedAt),
    source: r.source,
  };
}
