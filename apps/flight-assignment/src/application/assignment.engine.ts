import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { AssignmentReason, EventCatalog, type AssignedOutcome } from '@cargo/contracts';
import { nextAttemptAt, planBatch, type PlanDecision } from '../domain/assignment.planner';
import { CapacityLedger } from '../domain/capacity.ledger';
import { DAY_MS, isoOf, type Flight } from '../domain/flight.model';
import { findItineraries, type Itinerary } from '../domain/itinerary.rules';
import { buildManifest } from '../domain/manifest.builder';
import { withReleaseFacts, type ShipmentFacts } from '../domain/shipment.model';
import type { TransportNetwork } from '../domain/transport-network.model';
import { assignmentFailedPayload, flightAssignedPayload, manifestClosedPayload } from './assignment-events.mapper';
import type { FlightWithLoad, ShipmentRecord } from './assignment-store.port';
import { networkOf } from './transport-network.factory';
import type { UnitOfWork } from './unit-of-work.port';

/** Flights that departed more than this long ago play no part in decisions. */
const LOOKBACK_MS = DAY_MS;

export interface DecisionSummary {
  awb: string;
  outcome: 'ASSIGNED' | 'REASSIGNED' | 'ROAD_FEEDER' | 'WAITLISTED' | 'EXCEPTION';
  flightId?: string;
  reasonCode?: string;
  /** The new promised arrival when the booking cannot keep the 1-2-3 promise (RFC 3339). */
  revisedPromise?: string;
}

interface Reason {
  code: string;
  explanation: string;
}
type Unplaced = Extract<PlanDecision, { kind: 'WAITLISTED' | 'EXCEPTION' }>;
type Booked = Extract<PlanDecision, { kind: 'AIR' | 'ROAD_FEEDER' }>;

/** The effective facts of a record: intake facts completed by what customs derived. */
export function effectiveFacts(r: ShipmentRecord): ShipmentFacts {
  if (!r.facts) throw new Error(`shipment ${r.awb} has no intake facts`);
  return r.releaseFacts ? withReleaseFacts(r.facts, r.releaseFacts) : r.facts;
}

/** The loaded state a decision works on: the network and a ledger of booked capacity. */
interface CapacityState {
  flights: Map<string, FlightWithLoad>;
  network: TransportNetwork;
  ledger: CapacityLedger;
}

/**
 * Applies the domain's planner to stored shipments and writes the outcome: bookings (shipment rows
 * and the flights' booked capacity) and the `flight.assignment.v1` events, in the caller's unit of work.
 * Not a use case itself: the decision step that the use cases (`ApplyShipmentEventsUseCase`,
 * `FlightOpsUseCase`) and the `AssignmentScheduler` share.
 *
 * Invariant: every method that changes bookings first takes the capacity lock, so decisions are
 * serialised and never overbook (the ledger refuses, and the database CHECK would too).
 */
@Injectable()
export class AssignmentEngine {
  private readonly logger = new Logger('AssignmentEngine');
  /** Set when capacity was freed or added: the wait-list is retried on the next batch. */
  private capacityChanged = false;

  constructor(@Inject(Clock) private readonly clock: Clock) {}

  markCapacityChanged(): void {
    this.capacityChanged = true;
  }

  get waitlistDue(): boolean {
    return this.capacityChanged;
  }

  async loadState(uow: UnitOfWork, now: number): Promise<CapacityState> {
    await uow.store.lockCapacity();
    const loaded = await uow.store.loadFlights(now - LOOKBACK_MS);
    const flights = new Map(loaded.map((f) => [f.flight.flightId, f]));
    const ledger = new CapacityLedger();
    for (const f of loaded) ledger.open(f.flight.flightId, f.flight.capacityKg, f.flight.capacityM3, f.bookedKg, f.bookedM3);
    return { flights, network: networkOf(loaded.map((f) => f.flight)), ledger };
  }

  /** Decides every PENDING shipment (and the wait-list when capacity changed or a wait-listed shipment's next attempt is due). */
  async runBatch(uow: UnitOfWork): Promise<DecisionSummary[]> {
    const now = this.clock.now().getTime();
    const includeWaitlist = this.capacityChanged || ((await uow.store.queueState()).earliestNextAttemptAt ?? Infinity) <= now;
    this.capacityChanged = false;
    const state = await this.loadState(uow, now);
    const records = await uow.store.shipmentsWithStatus(includeWaitlist ? ['PENDING', 'WAITLISTED'] : ['PENDING']);
    if (records.length === 0) return [];
    return this.decide(uow, state, records, now);
  }

  /**
   * Plans `records` (not booked) against `state` and writes the decisions and their events.
   * `why`: the reason a booking carries when nothing more specific applies (e.g. an operator
   * resolved the shipment's exception).
   */
  async decide(uow: UnitOfWork, state: CapacityState, records: readonly ShipmentRecord[], now: number, why?: Reason): Promise<DecisionSummary[]> {
    const facts = records.map(effectiveFacts);
    const before = new Map(state.flights.entries());
    const result = planBatch(facts, state.network, state.ledger, now);
    const summaries: DecisionSummary[] = [];
    const decided: ShipmentRecord[] = [];
    for (let i = 0; i < records.length; i++) {
      const d = result.decisions[i]!;
      const write = d.kind === 'WAITLISTED' || d.kind === 'EXCEPTION' ? this.writeUnplaced(uow, records[i]!, facts[i]!, d, now) : this.writeBooking(uow, records[i]!, facts[i]!, d, now, why);
      const { summary, record } = await write;
      summaries.push(summary);
      decided.push(record);
    }
    // Set-based: every decided shipment in one statement, every changed flight load in another.
    await uow.store.saveShipments(decided);
    await this.writeBooked(uow, state, before);
    if (summaries.length > 0) this.logger.debug(`decided ${summaries.length} shipment(s) in ${result.elapsedMs.toFixed(1)} ms`);
    return summaries;
  }

  /**
   * WAITLISTED or EXCEPTION: an OFFLOADED first when the shipment came off a flight, then the
   * decision's event unless it repeats the one on record (same status, reason and retry deadline).
   * Returns the record to save (the caller saves the batch's records together).
   */
  private async writeUnplaced(uow: UnitOfWork, record: ShipmentRecord, s: ShipmentFacts, d: Unplaced, now: number): Promise<{ summary: DecisionSummary; record: ShipmentRecord }> {
    // One decision serves many shipments: each event continues its own shipment's chain and trace.
    const causation = { cause: record.releaseCause };
    const retryUntil = d.kind === 'WAITLISTED' ? d.retryUntil : undefined;
    if (record.replan) {
      const offload = { code: record.replan.reasonCode, explanation: record.replan.explanation };
      await uow.events.publish(EventCatalog.AssignmentFailed, assignmentFailedPayload(s, 'OFFLOADED', offload, now, { previousFlightId: record.replan.fromFlightId }), causation);
    }
    const same = record.status === d.kind && record.reason?.code === d.rejection.code && record.retryUntil === retryUntil;
    if (!same || record.replan) await uow.events.publish(EventCatalog.AssignmentFailed, assignmentFailedPayload(s, d.kind, d.rejection, now, { retryUntil }), causation);
    const saved: ShipmentRecord = {
      ...record,
      status: d.kind,
      booking: undefined,
      reason: d.rejection,
      retryUntil,
      nextAttemptAt: d.kind === 'WAITLISTED' ? nextAttemptAt(d, now) : undefined,
      replan: undefined,
      pendingSince: undefined,
      decidedAt: now,
    };
    return { summary: { awb: s.awb, outcome: d.kind, reasonCode: d.rejection.code }, record: saved };
  }

  /** AIR or ROAD_FEEDER: the booking, with the new promise when the itinerary cannot keep the original one. Returns the record to save. */
  private async writeBooking(uow: UnitOfWork, record: ShipmentRecord, s: ShipmentFacts, d: Booked, now: number, why?: Reason): Promise<{ summary: DecisionSummary; record: ShipmentRecord }> {
    const it = d.itinerary;
    const outcome: AssignedOutcome = d.kind === 'ROAD_FEEDER' ? 'ROAD_FEEDER' : record.replan ? 'REASSIGNED' : 'ASSIGNED';
    const reason = bookingReason(d, s, record, why);
    const revisedPromise = it.onTime ? undefined : it.finalArrivalAt;
    const payload = flightAssignedPayload(s, it, outcome, now, reason, record.replan?.fromFlightId, revisedPromise);
    await uow.events.publish(EventCatalog.FlightAssigned, payload, { cause: record.releaseCause });
    const saved: ShipmentRecord = {
      ...record,
      status: 'ASSIGNED',
      booking: bookingOf(it),
      reason,
      retryUntil: undefined,
      nextAttemptAt: undefined,
      replan: undefined,
      pendingSince: undefined,
      decidedAt: now,
    };
    const summary = { awb: s.awb, outcome, flightId: it.first.flightId, reasonCode: reason?.code, ...(revisedPromise !== undefined ? { revisedPromise: isoOf(revisedPromise) } : {}) };
    return { summary, record: saved };
  }

  /** Writes the booked capacity of every flight whose ledger account changed. */
  async writeBooked(uow: UnitOfWork, state: CapacityState, before: Map<string, FlightWithLoad>): Promise<void> {
    const changed: { flightId: string; bookedKg: number; bookedM3: number }[] = [];
    for (const [id, loaded] of before) {
      const account = state.ledger.account(id);
      if (Math.abs(account.bookedKg - loaded.bookedKg) > 1e-9 || Math.abs(account.bookedM3 - loaded.bookedM3) > 1e-9) {
        changed.push({ flightId: id, bookedKg: account.bookedKg, bookedM3: account.bookedM3 });
        state.flights.set(id, { ...loaded, bookedKg: account.bookedKg, bookedM3: account.bookedM3 });
      }
    }
    await uow.store.setBooked(changed);
  }

  /** Frees a booked shipment's capacity in `state` (the caller writes it back with {@link writeBooked}). */
  release(state: CapacityState, record: ShipmentRecord): void {
    if (!record.booking || !record.facts) return;
    const s = effectiveFacts(record);
    const ids = [record.booking.flightId, record.booking.connectionFlightId].filter((id): id is string => id !== undefined && state.ledger.has(id));
    state.ledger.release(ids, s.chargeableWeightKg, s.volumeM3);
  }

  /** Whether a booking is still allowed on the (changed) network at `now`. */
  stillFeasible(state: CapacityState, record: ShipmentRecord, now: number): Itinerary | undefined {
    if (!record.booking) return undefined;
    const s = effectiveFacts(record);
    const { options } = findItineraries(s, state.network, now, { transport: record.booking.roadFeeder ? 'ROAD' : 'AIR' });
    const wanted = [record.booking.flightId, record.booking.connectionFlightId].filter(Boolean).join('>');
    return options.find((o) => o.flightIds.join('>') === wanted && o.onTime);
  }

  /**
   * Closes the manifest of every open flight whose cut-off has passed: booked shipments become
   * MANIFESTED and `flight.manifest.v1` is emitted (flights from WUH/EHU and road feeders; onward
   * partner flights just close).
   */
  async closeDueManifests(uow: UnitOfWork): Promise<Flight[]> {
    const now = this.clock.now().getTime();
    if ((await uow.store.dueForClosing(now)).length === 0) return [];
    await uow.store.lockCapacity();
    const due = await uow.store.dueForClosing(now);
    for (const flight of due) {
      await uow.store.updateFlight({ ...flight, status: 'CLOSED' });
      if (flight.leg === 'ONWARD') continue;
      const booked = (await uow.store.shipmentsOnFlight(flight.flightId)).filter((r) => r.booking?.flightId === flight.flightId && r.status === 'ASSIGNED');
      const manifest = buildManifest(flight, booked.map(effectiveFacts), flight.cutoffAt);
      await uow.store.saveManifest(manifest, flight.cutoffAt);
      await uow.store.saveShipments(booked.map((r) => ({ ...r, status: 'MANIFESTED' as const })));
      await uow.events.publish(EventCatalog.FlightManifestClosed, manifestClosedPayload(manifest));
      this.logger.log(`manifest of ${flight.flightId} closed: ${manifest.shipments.length} shipment(s), load factor ${(manifest.loadFactor * 100).toFixed(1)} %`);
    }
    return due;
  }

}

/**
 * Why a booking is what it is, most specific first: a road feeder says why air failed; a move off a
 * cancelled or delayed flight says so; a later flight says which promise it could not keep; else
 * the caller's reason (e.g. an exception resolved), else none (the plain first choice).
 */
function bookingReason(d: Booked, s: ShipmentFacts, record: ShipmentRecord, why: Reason | undefined): Reason | undefined {
  const it = d.itinerary;
  if (d.kind === 'ROAD_FEEDER') {
    return { code: AssignmentReason.ROAD_FEEDER_FALLBACK, explanation: `Road feeder ${it.first.flightNumber} to ${it.first.destination}: ${d.airRejection.explanation}`.slice(0, 500) };
  }
  if (record.replan) return { code: record.replan.reasonCode, explanation: record.replan.explanation };
  if (d.missedPromise) {
    const explanation = `${d.missedPromise.explanation}; the best later flight ${it.first.flightNumber} arrives ${isoOf(it.finalArrivalAt)}, the new promise`;
    return { code: AssignmentReason.LATER_FLIGHT, explanation: explanation.slice(0, 500) };
  }
  return why && { ...why, explanation: why.explanation.slice(0, 500) };
}

function bookingOf(it: Itinerary): ShipmentRecord['booking'] {
  return {
    flightId: it.first.flightId,
    connectionFlightId: it.connection?.flightId,
    truckDepartBy: it.truckDepartBy,
    finalArrivalAt: it.finalArrivalAt,
    roadFeeder: it.road,
  };
}
