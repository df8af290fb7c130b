import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { AssignmentReason, EventCatalog, hubDayStart } from '@cargo/contracts';
import { AssignmentError, AssignmentErrorCodes } from '../domain/assignment.errors';
import { delayedFlight, HOUR_MS, isoOf, type Flight } from '../domain/flight.model';
import type { Manifest } from '../domain/manifest.builder';
import { manifestFfmMessages } from '../domain/manifest-ffm.mapper';
import { flightAssignedPayload } from './assignment-events.mapper';
import { AssignmentEngine, effectiveFacts, type DecisionSummary } from './assignment.engine';
import type { FlightWithLoad, ShipmentRecord } from './assignment-store.port';
import { UnitOfWorkRunner, type UnitOfWork } from './unit-of-work.port';

export interface FlightView {
  flightId: string;
  flightNumber: string;
  carrier: string;
  origin: string;
  destination: string;
  departureAt: string;
  arrivalAt: string;
  cutoffAt: string;
  aircraftKind: string;
  aircraftType: string;
  leg: string;
  coldChain: boolean;
  status: string;
  delayMinutes: number;
  capacity: { kg: number; m3: number };
  booked: { kg: number; m3: number };
  remaining: { kg: number; m3: number };
  loadFactor: number;
}

export interface ReplanResult {
  flight: FlightView;
  kept: string[];
  decisions: DecisionSummary[];
}

export interface ShipmentView {
  awb: string;
  stationCode: string;
  status: string;
  customs: string;
  destination?: string;
  serviceLevel?: string;
  chargeableWeightKg?: number;
  booking?: {
    flightId: string;
    connectionFlightId?: string;
    truckDepartBy: string;
    finalArrivalAt: string;
    roadFeeder: boolean;
  };
  reason?: { code: string; explanation: string };
  retryUntil?: string;
  /** WAITLISTED: when it is planned again at the latest. */
  nextAttemptAt?: string;
  decidedAt?: string;
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

function flightView(f: FlightWithLoad): FlightView {
  const { flight } = f;
  return {
    flightId: flight.flightId,
    flightNumber: flight.flightNumber,
    carrier: flight.carrier,
    origin: flight.origin,
    destination: flight.destination,
    departureAt: isoOf(flight.departureAt),
    arrivalAt: isoOf(flight.arrivalAt),
    cutoffAt: isoOf(flight.cutoffAt),
    aircraftKind: flight.aircraftKind,
    aircraftType: flight.aircraftType,
    leg: flight.leg,
    coldChain: flight.coldChain,
    status: flight.status,
    delayMinutes: flight.delayMinutes,
    capacity: { kg: flight.capacityKg, m3: flight.capacityM3 },
    booked: { kg: round(f.bookedKg), m3: round(f.bookedM3) },
    remaining: { kg: round(flight.capacityKg - f.bookedKg), m3: round(flight.capacityM3 - f.bookedM3) },
    loadFactor: round(flight.capacityKg > 0 ? f.bookedKg / flight.capacityKg : 0, 4),
  };
}

/**
 * The ops side: the timetable as operated (add, delay, cancel a flight — a cancelled or delayed flight
 * re-plans its shipments at once, in the same transaction), and the read side (flights by airport and
 * day, where a shipment is booked, manifests).
 */
@Injectable()
export class FlightOpsUseCase {
  constructor(
    @Inject(UnitOfWorkRunner) private readonly uow: UnitOfWorkRunner,
    private readonly engine: AssignmentEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async flightsOf(airport: string, localDate: string): Promise<FlightView[]> {
    const from = hubDayStart(localDate).getTime();
    const flights = await this.uow.run((u) => u.store.flightsOf(airport, from, from + 24 * HOUR_MS));
    return flights.map(flightView);
  }

  /** Who changed a flight, oldest first. */
  async flightAudit(flightId: string): Promise<Array<{ action: string; actor: string; at: string; detail: string | null }>> {
    return this.uow.run(async (u) => {
      await this.requireFlight(u, flightId);
      return (await u.store.opsActionsOf(flightId)).map((e) => ({ action: e.action, actor: e.actor, at: isoOf(e.at), detail: e.detail }));
    });
  }

  async flight(flightId: string): Promise<FlightView> {
    return flightView(await this.uow.run((u) => this.requireFlight(u, flightId)));
  }

  /** Adds a flight; `actor` (the caller's verified subject) is audited with the change. */
  async addFlight(flight: Flight, actor: string): Promise<FlightView> {
    return this.uow.run(async (u) => {
      if (await u.store.getFlight(flight.flightId)) throw new AssignmentError(AssignmentErrorCodes.FlightExists, `flight ${flight.flightId} already exists`);
      if (flight.cutoffAt <= this.clock.now().getTime()) {
        throw new AssignmentError(AssignmentErrorCodes.InvalidFlight, `the cut-off ${isoOf(flight.cutoffAt)} has already passed`, [{ field: 'departureAt', message: 'cut-off must be in the future' }]);
      }
      await u.store.insertFlights([flight], 'OPS');
      await u.store.recordOpsAction({ flightId: flight.flightId, action: 'ADDED', actor, at: this.clock.now().getTime(), detail: null });
      this.engine.markCapacityChanged();
      return flightView({ flight, bookedKg: 0, bookedM3: 0 });
    });
  }

  /** Cancels a flight: every shipment on it (first leg or connection) is re-assigned, road-fed or wait-listed. */
  async cancelFlight(flightId: string, actor: string, explanation?: string): Promise<ReplanResult> {
    return this.uow.run(async (u) => {
      const now = this.clock.now().getTime();
      const state = await this.engine.loadState(u, now);
      const current = await this.requireOpen(u, flightId);
      const cancelled: Flight = { ...current.flight, status: 'CANCELLED' };
      await u.store.updateFlight(cancelled);
      await u.store.recordOpsAction({ flightId, action: 'CANCELLED', actor, at: now, detail: explanation ?? null });
      const replanned = await this.offloadAndReplan(u, state, flightId, cancelled, [], AssignmentReason.FLIGHT_CANCELLED, explanation ?? `Flight ${current.flight.flightNumber} cancelled`);
      return { flight: flightView({ ...current, flight: cancelled, bookedKg: 0, bookedM3: 0 }), kept: [], decisions: replanned };
    });
  }

  /**
   * Delays a flight: shipments whose booking still works with the new times keep it (re-issued as
   * ASSIGNED with reason FLIGHT_DELAYED, so stations get the new truck time); the others are re-planned.
   */
  async delayFlight(flightId: string, minutes: number, actor: string, explanation?: string): Promise<ReplanResult> {
    return this.uow.run(async (u) => {
      const now = this.clock.now().getTime();
      const state = await this.engine.loadState(u, now);
      const current = await this.requireOpen(u, flightId);
      const delayed = delayedFlight(current.flight, minutes);
      await u.store.updateFlight(delayed);
      await u.store.recordOpsAction({ flightId, action: 'DELAYED', actor, at: now, detail: `${minutes} min${explanation ? `: ${explanation}` : ''}` });
      state.network = state.network.withFlight(delayed);
      state.flights.set(flightId, { ...current, flight: delayed });
      const why = explanation ?? `Flight ${current.flight.flightNumber} delayed by ${minutes} min`;
      const kept: string[] = [];
      for (const r of await u.store.shipmentsOnFlight(flightId)) {
        if (r.status !== 'ASSIGNED') continue;
        const it = this.engine.stillFeasible(state, r, now);
        if (!it) continue;
        kept.push(r.awb);
        await u.events.publish(EventCatalog.FlightAssigned, flightAssignedPayload(effectiveFacts(r), it, it.road ? 'ROAD_FEEDER' : 'ASSIGNED', now, { code: AssignmentReason.FLIGHT_DELAYED, explanation: why }));
        await u.store.saveShipment({ ...r, booking: { ...r.booking!, truckDepartBy: it.truckDepartBy, finalArrivalAt: it.finalArrivalAt }, decidedAt: now });
      }
      const decisions = await this.offloadAndReplan(u, state, flightId, delayed, kept, AssignmentReason.FLIGHT_DELAYED, why);
      const after = state.flights.get(flightId)!;
      return { flight: flightView(after), kept, decisions };
    });
  }

  private async offloadAndReplan(
    u: UnitOfWork,
    state: Awaited<ReturnType<AssignmentEngine['loadState']>>,
    flightId: string,
    flight: Flight,
    keep: readonly string[],
    reasonCode: string,
    explanation: string,
  ): Promise<DecisionSummary[]> {
    const before = new Map(state.flights.entries());
    const affected = (await u.store.shipmentsOnFlight(flightId)).filter((r) => r.status === 'ASSIGNED' && !keep.includes(r.awb));
    const pending: ShipmentRecord[] = [];
    for (const r of affected) {
      this.engine.release(state, r);
      pending.push({ ...r, status: 'PENDING', booking: undefined, replan: { fromFlightId: r.booking!.flightId, reasonCode, explanation } });
    }
    if (flight.status === 'CANCELLED') state.network = state.network.withFlight(flight);
    await this.engine.writeBooked(u, state, before);
    this.engine.markCapacityChanged();
    if (pending.length === 0) return [];
    return this.engine.decide(u, state, pending, this.clock.now().getTime());
  }

  async shipment(awb: string): Promise<ShipmentView> {
    const r = await this.uow.run((u) => u.store.getShipment(awb));
    if (!r) throw new AssignmentError(AssignmentErrorCodes.ShipmentNotFound, `no shipment ${awb} known to flight assignment`);
    const facts = r.facts ? effectiveFacts(r) : undefined;
    return {
      awb: r.awb,
      stationCode: r.stationCode,
      status: r.status,
      customs: r.customs,
      destination: facts?.destination,
      serviceLevel: facts?.serviceLevel,
      chargeableWeightKg: facts?.chargeableWeightKg,
      booking: r.booking
        ? {
            flightId: r.booking.flightId,
            connectionFlightId: r.booking.connectionFlightId,
            truckDepartBy: isoOf(r.booking.truckDepartBy),
            finalArrivalAt: isoOf(r.booking.finalArrivalAt),
            roadFeeder: r.booking.roadFeeder,
          }
        : undefined,
      reason: r.reason,
      retryUntil: r.retryUntil !== undefined ? isoOf(r.retryUntil) : undefined,
      nextAttemptAt: r.status === 'WAITLISTED' && r.nextAttemptAt !== undefined ? isoOf(r.nextAttemptAt) : undefined,
      decidedAt: r.decidedAt !== undefined ? isoOf(r.decidedAt) : undefined,
    };
  }

  async manifest(flightId: string): Promise<Manifest> {
    return this.uow.run(async (u) => {
      const m = await u.store.getManifest(flightId);
      if (m) return m;
      const f = await this.requireFlight(u, flightId);
      throw new AssignmentError(AssignmentErrorCodes.ManifestNotClosed, `the manifest of ${flightId} closes at its cut-off ${isoOf(f.flight.cutoffAt)}`);
    });
  }

  /**
   * The manifest as Cargo-IMP FFM/8 messages (one unless it exceeds 3500 characters; then `CONT` …
   * `LAST`), each ending with CRLF.
   */
  async manifestFfm(flightId: string): Promise<string[]> {
    return manifestFfmMessages(await this.manifest(flightId));
  }

  private async requireFlight(u: UnitOfWork, flightId: string): Promise<FlightWithLoad> {
    const f = await u.store.getFlight(flightId);
    if (!f) throw new AssignmentError(AssignmentErrorCodes.FlightNotFound, `no flight ${flightId}`);
    return f;
  }

  private async requireOpen(u: UnitOfWork, flightId: string): Promise<FlightWithLoad> {
    const f = await this.requireFlight(u, flightId);
    if (f.flight.status !== 'SCHEDULED') throw new AssignmentError(AssignmentErrorCodes.FlightNotOpen, `flight ${flightId} is ${f.flight.status}`);
    return f;
  }
}
