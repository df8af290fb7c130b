import { CAPACITY_EPSILON, type CapacityLedger } from './capacity.ledger';
import { HOUR_MS } from './flight.model';
import type { Itinerary } from './itinerary.rules';
import type { AssignmentRequest, BatchOutcome, OptimiserSettings } from './batch.optimiser';

/**
 * The phases of `optimiseBatch`, in the order it runs them: candidate generation, demand
 * pressure, scarcity ordering, greedy construction, repair, optional consolidation, outcome assembly.
 *
 * They share one mutable {@link Allocation} (the batch's tentative choices and the capacity those
 * leave) for speed: the repair moves are tried and undone thousands of times within a 30 ms budget.
 * Every move goes through {@link take} and {@link drop}, and every undo replays the same operations
 * in the same order as before the split, so the floating-point remainders, and hence the outcome,
 * are those of the single-function version.
 */

/** One itinerary of a shipment: its legs as flight indexes and its static (capacity-independent) cost. */
interface Option {
  legs: number[];
  itinerary: Itinerary;
  cost: number;
}

/** One shipment of the batch and the option it currently holds. */
interface Candidate {
  awb: string;
  kg: number;
  m3: number;
  opts: Option[];
  /** Index into opts, or -1 (not placed). */
  at: number;
}

/** Per flight index: what the ledger had left, plus what this batch's current choices take from it. */
interface FlightTable {
  remKg: number[];
  remM3: number[];
  /** Booked before this batch (from the ledger); never changes. */
  baseBooked: number[];
  capKg: number[];
}

/** The working state all phases share. */
export interface Allocation {
  flights: FlightTable;
  candidates: Candidate[];
  /** Demand pressure per flight index, measured once before construction. */
  pressure: number[];
  settings: OptimiserSettings;
  /** True once the improvement budget is spent; construction ignores it, improvements stop on it. */
  outOfTime: () => boolean;
}

/** A candidate moved off option index `from` (kept to undo the move). */
type Move = [Candidate, number];

// ---- Moves on the allocation --------------------------------------------------------------------

/** Whether flight `f` has room for `r` as things stand (within the ledger's tolerance). */
function legFits(w: Allocation, f: number, r: Candidate): boolean {
  return w.flights.remKg[f] + CAPACITY_EPSILON >= r.kg && w.flights.remM3[f] + CAPACITY_EPSILON >= r.m3;
}

/** Whether every leg of `o` has room for `r` as things stand. */
function fits(w: Allocation, r: Candidate, o: Option): boolean {
  return o.legs.every((f) => legFits(w, f, r));
}

/** Books `r` on option `oi` (the caller has checked it fits, or is restoring a previous state). */
function take(w: Allocation, r: Candidate, oi: number): void {
  for (const f of r.opts[oi].legs) {
    w.flights.remKg[f] -= r.kg;
    w.flights.remM3[f] -= r.m3;
  }
  r.at = oi;
}

/** Releases what `r` holds, if anything. */
function drop(w: Allocation, r: Candidate): void {
  if (r.at < 0) return;
  for (const f of r.opts[r.at].legs) {
    w.flights.remKg[f] += r.kg;
    w.flights.remM3[f] += r.m3;
  }
  r.at = -1;
}

/** Puts moved candidates back where they were, last move first. */
function undoMoves(w: Allocation, moves: Move[]): void {
  for (const [r, from] of moves.reverse()) {
    drop(w, r);
    take(w, r, from);
  }
}

/** Static cost plus, per leg, capped demand pressure minus a bonus for the share of the flight already used. */
function optionCost(w: Allocation, o: Option): number {
  const { remKg, capKg } = w.flights;
  return o.cost + o.legs.reduce((s, f) => s + Math.min(w.pressure[f], 10) - w.settings.fillBonus * (1 - remKg[f] / capKg[f]), 0);
}

/** The cheapest option of `r` that fits now, or -1; the first among equal costs. */
function bestFitting(w: Allocation, r: Candidate): number {
  let best = -1;
  let bestCost = Infinity;
  for (let i = 0; i < r.opts.length; i++) {
    const o = r.opts[i];
    if (!fits(w, r, o)) continue;
    const c = optionCost(w, o);
    if (c < bestCost) {
      bestCost = c;
      best = i;
    }
  }
  return best;
}

/** The cheapest fitting option of `a` other than `current` that uses none of the flights in `avoid`, or -1. */
function bestAvoiding(w: Allocation, a: Candidate, avoid: readonly number[], current: number): number {
  let best = -1;
  let bestCost = Infinity;
  for (let i = 0; i < a.opts.length; i++) {
    if (i === current) continue;
    const o = a.opts[i];
    if (o.legs.some((f) => avoid.includes(f)) || !fits(w, a, o)) continue;
    const c = optionCost(w, o);
    if (c < bestCost) {
      bestCost = c;
      best = i;
    }
  }
  return best;
}

/** The placed candidates with a leg on flight `f`, in batch order. */
function onFlight(w: Allocation, f: number): Candidate[] {
  return w.candidates.filter((r) => r.at >= 0 && r.opts[r.at].legs.includes(f));
}

// ---- 1. Candidate generation --------------------------------------------------------------------

/**
 * The itinerary-independent preferences, in cost units: capacity that expires sooner (hours to the
 * first cut-off), no second leg, no freighter deck or cold-chain position the shipment does not need.
 */
function staticCost(itinerary: Itinerary, r: AssignmentRequest, now: number, settings: OptimiserSettings): number {
  let cost = (Math.max(0, itinerary.first.cutoffAt - now) / HOUR_MS) * settings.hourCost;
  if (itinerary.connection) cost += settings.connectionCost;
  for (const leg of [itinerary.first, itinerary.connection]) {
    if (!leg) continue;
    if (leg.aircraftKind === 'FREIGHTER' && !r.cargoAircraftOnly) cost += settings.capabilityPenalty / 2;
    if (leg.coldChain && !r.temperatureControlled && leg.aircraftKind !== 'FREIGHTER') cost += settings.capabilityPenalty / 2;
  }
  return cost;
}

/**
 * Invariant: flights get dense indexes in the order the requests' options first name them, with the
 * ledger's remaining capacity; a flight the ledger does not know has none left (capacity 1 only to
 * keep the fill ratio finite), so no option through it ever fits. Every candidate starts unplaced.
 */
export function generateCandidates(
  requests: readonly AssignmentRequest[],
  ledger: CapacityLedger,
  now: number,
  settings: OptimiserSettings,
): { flights: FlightTable; candidates: Candidate[] } {
  const flights: FlightTable = { remKg: [], remM3: [], baseBooked: [], capKg: [] };
  const index = new Map<string, number>();
  const flightOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = flights.remKg.length;
      index.set(id, i);
      const known = ledger.has(id);
      flights.remKg.push(known ? ledger.remainingKg(id) : 0);
      flights.remM3.push(known ? ledger.remainingM3(id) : 0);
      flights.baseBooked.push(known ? ledger.account(id).bookedKg : 0);
      flights.capKg.push(known ? ledger.account(id).capacityKg : 1);
    }
    return i;
  };
  const candidates = requests.map((r) => ({
    awb: r.awb,
    kg: r.kg,
    m3: r.m3,
    at: -1,
    opts: r.options.map((itinerary) => {
      const cost = staticCost(itinerary, r, now, settings);
      return { legs: itinerary.flightIds.map(flightOf), itinerary, cost };
    }),
  }));
  return { flights, candidates };
}

// ---- 2. Demand pressure -------------------------------------------------------------------------

/**
 * Invariant: per flight, what the whole batch could ask of it (each shipment counted once, however
 * many of its options use the flight) over what it has left, the larger of the kg and m³ ratios;
 * measured before any choice, so it reflects contention, not the construction's order.
 */
export function measureDemandPressure(candidates: readonly Candidate[], flights: FlightTable): number[] {
  const demandKg = new Array<number>(flights.remKg.length).fill(0);
  const demandM3 = new Array<number>(flights.remKg.length).fill(0);
  for (const r of candidates) {
    const seen = new Set<number>();
    for (const o of r.opts) for (const f of o.legs) seen.add(f);
    for (const f of seen) {
      demandKg[f] += r.kg;
      demandM3[f] += r.m3;
    }
  }
  return flights.remKg.map((kg, f) => Math.max(demandKg[f] / Math.max(kg, 1), demandM3[f] / Math.max(flights.remM3[f], 0.01)));
}

// ---- 3. Ordering --------------------------------------------------------------------------------

/** Invariant: only candidates with at least one option; fewest options first, lighter first among equals, else batch order (stable sort). */
export function orderByScarcity(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((r) => r.opts.length > 0).sort((a, b) => a.opts.length - b.opts.length || a.kg - b.kg);
}

// ---- 4. Construction ----------------------------------------------------------------------------

/** Invariant: each candidate, in the given order, takes its cheapest option that still fits, or stays unplaced; runs whatever the clock says. */
export function constructGreedily(w: Allocation, order: readonly Candidate[]): void {
  for (const r of order) {
    const oi = bestFitting(w, r);
    if (oi >= 0) take(w, r, oi);
  }
}

// ---- 5. Repair (improvement) --------------------------------------------------------------------

/** Invariant: the number of placed candidates never decreases, and no flight is over-booked; stops when a pass places no one or time is up. */
export function repair(w: Allocation, order: readonly Candidate[]): void {
  let improved = true;
  while (improved && !w.outOfTime()) {
    improved = false;
    const unplaced = order.filter((r) => r.at < 0);
    for (const u of unplaced) {
      if (w.outOfTime()) break;
      if (u.at >= 0) continue;
      if (makeRoom(w, u)) {
        improved = true;
        continue;
      }
      if (swapOneForTwo(w, u, unplaced)) improved = true;
    }
  }
}

/** Ejection chain of depth 1: relocates placed candidates off the legs of one of `u`'s options until `u` fits; all-or-nothing per option. */
function makeRoom(w: Allocation, u: Candidate): boolean {
  for (let oi = 0; oi < u.opts.length && !w.outOfTime(); oi++) {
    const o = u.opts[oi];
    const moved = relocateBlockers(w, u, o);
    if (fits(w, u, o)) {
      take(w, u, oi);
      return true;
    }
    undoMoves(w, moved);
  }
  return false;
}

/** Moves riders of `o`'s legs (heaviest first) to options avoiding those legs until each leg has room for `u`; returns the moves made. */
function relocateBlockers(w: Allocation, u: Candidate, o: Option): Move[] {
  const moved: Move[] = [];
  for (const f of o.legs) {
    const blockers = onFlight(w, f).sort((a, b) => b.kg - a.kg);
    for (const a of blockers) {
      if (legFits(w, f, u)) break;
      const from = a.at;
      drop(w, a);
      const alt = bestAvoiding(w, a, o.legs, from);
      if (alt >= 0) {
        take(w, a, alt);
        moved.push([a, from]);
      } else {
        take(w, a, from);
      }
    }
  }
  return moved;
}

/** Takes one placed candidate off a leg `u` needs when that lets `u` in with a net gain of at least one placed shipment. */
function swapOneForTwo(w: Allocation, u: Candidate, unplaced: readonly Candidate[]): boolean {
  for (let oi = 0; oi < u.opts.length && !w.outOfTime(); oi++) {
    const o = u.opts[oi];
    const heavier = new Set<Candidate>();
    for (const f of o.legs) for (const a of onFlight(w, f)) if (a.kg >= u.kg) heavier.add(a);
    for (const a of heavier) {
      if (w.outOfTime()) break;
      if (trySwapOut(w, u, oi, a, unplaced)) return true;
    }
  }
  return false;
}

/**
 * Swaps `a` out for `u` on option `oi`, then places the first other unplaced candidate that fits and
 * puts `a` back on its cheapest fitting option. Kept only if `a` went back or another got in (net
 * gain >= 1); otherwise every booking is restored.
 */
function trySwapOut(w: Allocation, u: Candidate, oi: number, a: Candidate, unplaced: readonly Candidate[]): boolean {
  const from = a.at;
  drop(w, a);
  if (!fits(w, u, u.opts[oi])) {
    take(w, a, from);
    return false;
  }
  take(w, u, oi);
  const placed: Candidate[] = [];
  for (const v of unplaced) {
    if (v === u || v.at >= 0) continue;
    const vi = bestFitting(w, v);
    if (vi >= 0) {
      take(w, v, vi);
      placed.push(v);
      break;
    }
  }
  const back = bestFitting(w, a);
  if (back >= 0) take(w, a, back);
  if (placed.length + (a.at >= 0 ? 1 : 0) >= 1) return true;
  for (const v of placed) drop(w, v);
  drop(w, u);
  take(w, a, from);
  return false;
}

// ---- 6. Consolidation (optional improvement) ----------------------------------------------------

/**
 * Invariant: a flight only this batch uses (nothing booked before it) is emptied only if every one of
 * its riders moves to an option whose legs all already carry cargo; otherwise nothing moves. The
 * number placed never changes. Lightest-used flights are tried first.
 */
export function consolidate(w: Allocation): void {
  const used = new Map<number, Candidate[]>();
  for (const r of w.candidates) {
    if (r.at < 0) continue;
    for (const f of r.opts[r.at].legs) {
      const list = used.get(f);
      if (list) list.push(r);
      else used.set(f, [r]);
    }
  }
  const { baseBooked } = w.flights;
  const carrying = (f: number) => baseBooked[f] > 0 || (used.get(f)?.length ?? 0) > 0;
  const lightest = [...used.entries()].filter(([f]) => baseBooked[f] === 0).sort((a, b) => a[1].length - b[1].length);
  for (const [f, riders] of lightest) {
    if (w.outOfTime()) break;
    if (emptyFlight(w, f, riders, carrying)) used.set(f, []);
  }
}

/** Moves every rider still on flight `f` to its first fitting option on carrying flights; all or none. */
function emptyFlight(w: Allocation, f: number, riders: readonly Candidate[], carrying: (f: number) => boolean): boolean {
  const moves: Move[] = [];
  for (const r of riders) {
    if (r.at < 0 || !r.opts[r.at].legs.includes(f)) continue;
    const from = r.at;
    drop(w, r);
    const alt = r.opts.findIndex((o, i) => i !== from && !o.legs.includes(f) && o.legs.every(carrying) && fits(w, r, o));
    if (alt < 0) {
      take(w, r, from);
      undoMoves(w, moves);
      return false;
    }
    take(w, r, alt);
    moves.push([r, from]);
  }
  return true;
}

// ---- 7. Result assembly -------------------------------------------------------------------------

/** Invariant: every request's AWB is in exactly one of `chosen` (with the option it holds) or `unassigned` (batch order). */
export function assembleOutcome(candidates: readonly Candidate[], elapsedMs: number): BatchOutcome {
  const chosen = new Map<string, Itinerary>();
  const unassigned: string[] = [];
  for (const r of candidates) {
    if (r.at >= 0) chosen.set(r.awb, r.opts[r.at].itinerary);
    else unassigned.push(r.awb);
  }
  return { chosen, unassigned, elapsedMs };
}
