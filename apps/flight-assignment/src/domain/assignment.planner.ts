import { AssignmentReason } from '@cargo/contracts';
import { optimiseBatch, DEFAULT_OPTIMISER_SETTINGS, type AssignmentRequest, type OptimiserSettings } from './batch.optimiser';
import type { CapacityLedger } from './capacity.ledger';
import { HOUR_MS, isoOf, MINUTE_MS } from './flight.model';
import { findItineraries, type Itinerary, type Rejection } from './itinerary.rules';
import type { ShipmentFacts } from './shipment.model';
import type { TransportNetwork } from './transport-network.model';

/** How often a wait-listed shipment is planned again even when nothing announced a capacity change. */
export const WAITLIST_RECHECK_MS = 30 * MINUTE_MS;

/**
 * A shipment that can no longer keep its promise rides standby on a later flight: it takes the
 * flight's room only from this long before its own truck departure, so shipments that can still
 * keep their promise are placed first.
 */
export const STANDBY_WINDOW_MS = 15 * MINUTE_MS;

/**
 * The share of a flight's capacity that late cargo leaves free for cargo that can still keep its
 * promise: half of it 6 hours or more before the cut-off, shrinking to none at the cut-off (a
 * remote station's truck leaves many hours before the flight; nearer stations' on-time cargo still
 * comes after it). Measured with the benchmark: without it, flying the late shipments costs
 * noticeably more on-time ones.
 */
export function lateCargoReserveShare(cutoffAt: number, now: number): number {
  return Math.min(0.5, Math.max(0, cutoffAt - now) / (12 * HOUR_MS));
}

/**
 * What the planner decided for one shipment. Every shipment it plans gets one of these, and none of
 * them leaves a shipment without a plan ("plan until delivered", issue 15):
 * - `AIR`: a place on a flight from WUH/EHU (direct or one connection). On time; or, when no flight
 *   can keep the promise any more, the best later flight: then `itinerary.onTime` is false,
 *   `missedPromise` says why on-time air failed and the new promise is `itinerary.finalArrivalAt`.
 * - `ROAD_FEEDER`: a truck to another region's airport (counts against self-transport), on time or
 *   as the best late alternative; `airRejection` says why air failed.
 * - `WAITLISTED`: nothing fits now, but an option exists if capacity frees up, or the shipment is on
 *   standby for a later flight (`standbyFrom`: when it may take that flight's room). `retryUntil`
 *   is the last truck departure that still catches such an option; the shipment is planned again
 *   on any capacity change and at {@link nextAttemptAt} at the latest.
 * - `EXCEPTION`: nothing in the timetable can carry it at all (no freighter for cargo-aircraft-only
 *   cargo, no cold chain, no route): an explicit exception that an operator must resolve.
 *
 * Invariant: a `WAITLISTED` decision always has a finite `retryUntil` ≥ the planning time, so no
 * shipment is wait-listed without a next attempt.
 */
export type PlanDecision =
  | { kind: 'AIR'; awb: string; itinerary: Itinerary; missedPromise?: Rejection }
  | { kind: 'ROAD_FEEDER'; awb: string; itinerary: Itinerary; airRejection: Rejection }
  | { kind: 'WAITLISTED'; awb: string; rejection: Rejection; retryUntil: number; standbyFrom?: number }
  | { kind: 'EXCEPTION'; awb: string; rejection: Rejection };

export type PlanningPolicy = 'BATCH' | 'FCFS';

interface PlanResult {
  decisions: PlanDecision[];
  /** Time spent in rules and optimisation, ms. */
  elapsedMs: number;
}

/** A shipment with every on-time air itinerary the rules allow it (capacity not yet checked), best first. */
interface AirCandidate {
  shipment: ShipmentFacts;
  options: readonly Itinerary[];
}

/**
 * Plans a batch of released shipments against the network and the capacity ledger at `now`, and
 * books the chosen itineraries into `ledger` (which refuses any overbooking).
 *
 * 1. On-time air: `BATCH` optimises the shipments that have on-time options together
 *    ({@link optimiseBatch}); `FCFS` (the baseline) gives each, in the given order, the
 *    earliest-arriving option that still fits. Those left without a place wait for capacity.
 * 2. Alternatives ({@link planAlternative}), only after every on-time placement so that a late
 *    shipment never takes capacity an on-time one of the same batch needs: for shipments no flight
 *    can take on time any more.
 */
export function planBatch(
  shipments: readonly ShipmentFacts[],
  network: TransportNetwork,
  ledger: CapacityLedger,
  now: number,
  policy: PlanningPolicy = 'BATCH',
  settings: OptimiserSettings = DEFAULT_OPTIMISER_SETTINGS,
): PlanResult {
  const started = performance.now();
  const decisions = new Map<string, PlanDecision>();
  const withAir: AirCandidate[] = [];
  const withoutAir: Array<{ shipment: ShipmentFacts; rejection: Rejection }> = [];
  for (const shipment of shipments) {
    const air = findItineraries(shipment, network, now, { transport: 'AIR' });
    if (air.options.length > 0) withAir.push({ shipment, options: air.options });
    else withoutAir.push({ shipment, rejection: air.rejection! });
  }
  const placed = policy === 'FCFS' ? placeFirstComeFirstServed(withAir, network, ledger, now) : placeOptimised(withAir, network, ledger, now, settings);
  for (const d of placed) decisions.set(d.awb, d);
  for (const { shipment, rejection } of withoutAir) decisions.set(shipment.awb, planAlternative(shipment, rejection, network, ledger, now));
  return { decisions: shipments.map((s) => decisions.get(s.awb)!), elapsedMs: performance.now() - started };
}

/**
 * When a wait-listed shipment is planned again at the latest: after the periodic re-check interval,
 * when its standby opens, or just after `retryUntil` (when the options it waits for are gone and an
 * alternative is due), whichever comes first. Always later than `now`, so a manual clock never
 * spins on it.
 */
export function nextAttemptAt(decision: Pick<Extract<PlanDecision, { kind: 'WAITLISTED' }>, 'retryUntil' | 'standbyFrom'>, now: number, recheckMs = WAITLIST_RECHECK_MS): number {
  return Math.max(now + 1, Math.min(decision.retryUntil + 1, now + recheckMs, decision.standbyFrom ?? Infinity));
}

/** The batch optimiser places as many on time as it can; the rest wait for capacity. */
function placeOptimised(candidates: readonly AirCandidate[], network: TransportNetwork, ledger: CapacityLedger, now: number, settings: OptimiserSettings): PlanDecision[] {
  if (candidates.length === 0) return [];
  const requests: AssignmentRequest[] = candidates.map(({ shipment: s, options }) => ({
    awb: s.awb,
    kg: s.chargeableWeightKg,
    m3: s.volumeM3,
    cargoAircraftOnly: s.cargoAircraftOnly,
    temperatureControlled: s.temperatureControlled,
    options,
  }));
  const outcome = optimiseBatch(requests, ledger, now, settings);
  const byAwb = new Map(candidates.map((c) => [c.shipment.awb, c]));
  const decisions: PlanDecision[] = [];
  for (const [awb, itinerary] of outcome.chosen) {
    const s = byAwb.get(awb)!.shipment;
    ledger.book(itinerary.flightIds, s.chargeableWeightKg, s.volumeM3);
    decisions.push({ kind: 'AIR', awb, itinerary });
  }
  for (const awb of outcome.unassigned) {
    const { shipment, options } = byAwb.get(awb)!;
    decisions.push(waitlisted(shipment, options, network, ledger, now));
  }
  return decisions;
}

/** The baseline: each shipment in turn takes the earliest-arriving option that still fits. */
function placeFirstComeFirstServed(candidates: readonly AirCandidate[], network: TransportNetwork, ledger: CapacityLedger, now: number): PlanDecision[] {
  return candidates.map(({ shipment: s, options }) => {
    const option = options.find((o) => ledger.canFitAll(o.flightIds, s.chargeableWeightKg, s.volumeM3));
    if (!option) return waitlisted(s, options, network, ledger, now);
    ledger.book(option.flightIds, s.chargeableWeightKg, s.volumeM3);
    return { kind: 'AIR', awb: s.awb, itinerary: option };
  });
}

/** Nothing fits now: the capacity-aware reason, and until when an on-time air option could still be taken. */
function waitlisted(s: ShipmentFacts, staticOptions: readonly Itinerary[], network: TransportNetwork, ledger: CapacityLedger, now: number): PlanDecision {
  const withCapacity = findItineraries(s, network, now, { transport: 'AIR', fits: (ids, kg, m3) => ledger.canFitAll(ids, kg, m3) });
  const rejection = withCapacity.rejection ?? { code: AssignmentReason.NO_CAPACITY, explanation: `No flight to ${s.destination} has room for ${s.chargeableWeightKg} kg` };
  return { kind: 'WAITLISTED', awb: s.awb, rejection, retryUntil: latestTruckDeparture(staticOptions) };
}

/**
 * No flight from Wuhan can keep the promise any more: the best alternative, in rank order (an
 * on-time road feeder first, then the earliest final arrival by a later flight or a road feeder, air
 * first on a tie). A road feeder that fits is taken. A later flight is waited for on standby until
 * {@link STANDBY_WINDOW_MS} before the truck must leave, then taken if it fits and leaves the
 * {@link lateCargoReserveShare} free. None qualifies: wait for capacity on the alternatives; there
 * are none: an exception.
 */
function planAlternative(s: ShipmentFacts, airRejection: Rejection, network: TransportNetwork, ledger: CapacityLedger, now: number): PlanDecision {
  const road = findItineraries(s, network, now, { transport: 'ROAD' });
  const later = findItineraries(s, network, now, { transport: 'AIR', allowLate: true });
  const alternatives = rankAlternatives([...road.options, ...later.options]);
  if (alternatives.length === 0) return { kind: 'EXCEPTION', awb: s.awb, rejection: exceptionReason(s, later.rejection, road.rejection) };
  const retryUntil = latestTruckDeparture(alternatives);
  for (const option of alternatives) {
    if (!ledger.canFitAll(option.flightIds, s.chargeableWeightKg, s.volumeM3)) continue;
    if (option.road) return book(ledger, s, { kind: 'ROAD_FEEDER', awb: s.awb, itinerary: option, airRejection });
    const standbyFrom = option.truckDepartBy - STANDBY_WINDOW_MS;
    if (standbyFrom > now) return { kind: 'WAITLISTED', awb: s.awb, rejection: standbyReason(option, standbyFrom, airRejection), retryUntil, standbyFrom };
    if (leavesReserve(option, s, ledger, now)) return book(ledger, s, { kind: 'AIR', awb: s.awb, itinerary: option, missedPromise: airRejection });
  }
  const explanation = `No later flight or road feeder to ${s.destination} has room for ${s.chargeableWeightKg} kg (${airRejection.explanation})`;
  return { kind: 'WAITLISTED', awb: s.awb, rejection: { code: AssignmentReason.NO_CAPACITY, explanation: explanation.slice(0, 500) }, retryUntil };
}

function book(ledger: CapacityLedger, s: ShipmentFacts, decision: Extract<PlanDecision, { kind: 'AIR' | 'ROAD_FEEDER' }>): PlanDecision {
  ledger.book(decision.itinerary.flightIds, s.chargeableWeightKg, s.volumeM3);
  return decision;
}

/** Whether every flight of a late itinerary keeps its reserve for on-time cargo after taking the shipment. */
function leavesReserve(option: Itinerary, s: ShipmentFacts, ledger: CapacityLedger, now: number): boolean {
  return [option.first, option.connection].every(
    (f) => !f || ledger.remainingKg(f.flightId) - s.chargeableWeightKg >= lateCargoReserveShare(f.cutoffAt, now) * ledger.account(f.flightId).capacityKg,
  );
}

function standbyReason(best: Itinerary, standbyFrom: number, airRejection: Rejection): Rejection {
  const explanation = `${airRejection.explanation}; on standby for ${best.first.flightNumber} (arrives ${isoOf(best.finalArrivalAt)}), booked from ${isoOf(standbyFrom)} if room is left`;
  return { code: AssignmentReason.LATER_FLIGHT_STANDBY, explanation: explanation.slice(0, 500) };
}

/** Alternatives best first: on time, then earliest final arrival, then air before road, then fewer legs. */
function rankAlternatives(options: readonly Itinerary[]): Itinerary[] {
  return [...options].sort(
    (a, b) => Number(b.onTime) - Number(a.onTime) || a.finalArrivalAt - b.finalArrivalAt || Number(a.road) - Number(b.road) || a.flightIds.length - b.flightIds.length,
  );
}

function latestTruckDeparture(options: readonly Itinerary[]): number {
  return Math.max(...options.map((o) => o.truckDepartBy));
}

/** Why nothing can carry the shipment: a restriction no leg meets (CAO, cold chain), else no route at all. */
function exceptionReason(s: ShipmentFacts, ...rejections: Array<Rejection | undefined>): Rejection {
  const restriction = rejections.find((r) => r?.code === AssignmentReason.CAO_NO_FREIGHTER || r?.code === AssignmentReason.NO_COLD_CHAIN);
  if (restriction) return { code: restriction.code, explanation: `${restriction.explanation}, nor a road feeder: an operator must resolve it`.slice(0, 500) };
  return {
    code: AssignmentReason.NO_ROUTE,
    explanation: `Nothing in the timetable carries it from ${s.stationCode} to ${s.destination} any more (no flight, connection or road feeder): an operator must resolve it`,
  };
}
