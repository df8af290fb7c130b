import { CAPACITY_EPSILON, type CapacityLedger } from './capacity.ledger';
import { HOUR_MS } from './flight.model';
import type { Itinerary } from './itinerary.rules';

/** One shipment to place in a batch, with every itinerary the rules allow it (capacity not yet checked), best first. */
export interface AssignmentRequest {
  awb: string;
  kg: number;
  m3: number;
  cargoAircraftOnly: boolean;
  temperatureControlled: boolean;
  options: readonly Itinerary[];
}

export interface OptimiserSettings {
  /** Wall-clock budget for the improvement passes; the construction always completes. */
  timeBudgetMs: number;
  /** Soft cost of using a capability the shipment does not need (freighter deck, cold-chain position). */
  capabilityPenalty: number;
  /** Cost per hour between the decision and the first leg's cut-off (prefer capacity that expires first). */
  hourCost: number;
  /** Cost of a second leg. */
  connectionCost: number;
  /** Bonus per leg for the share of the flight already booked (best fit: raises load factor). */
  fillBonus: number;
  /**
   * Run the consolidation pass (empties lightly used flights onto used ones). Off by default: in the
   * online replay it fills the flights later releases need and costs more on-time shipments than it
   * gains in load factor.
   */
  consolidate: boolean;
}

export const DEFAULT_OPTIMISER_SETTINGS: OptimiserSettings = {
  timeBudgetMs: 30,
  capabilityPenalty: 0.4,
  hourCost: 0.05,
  connectionCost: 0.3,
  fillBonus: 0.3,
  consolidate: false,
};

export interface BatchOutcome {
  /** AWB → chosen itinerary; AWBs absent here got none (capacity). */
  chosen: Map<string, Itinerary>;
  unassigned: string[];
  elapsedMs: number;
}

interface Opt {
  legs: number[];
  itinerary: Itinerary;
  cost: number;
}

interface Req {
  awb: string;
  kg: number;
  m3: number;
  opts: Opt[];
  /** Index into opts, or -1. */
  at: number;
}

/**
 * Decides a batch of shipments at once: maximise the number placed (every option the rules allow is
 * on time), then prefer uncontested, soon-expiring capacity and capabilities the shipment needs, then
 * load factor (consolidation).
 *
 * 1. Construction: shipments with the fewest options first (scarcity), smaller first among equals;
 *    each takes the fitting option with the lowest cost = static cost + demand pressure on its legs.
 * 2. Repair: an unplaced shipment makes room by relocating placed ones to their other options
 *    (ejection chain of depth 1), or by swapping one placed shipment out for two unplaced ones.
 * 3. Consolidation: a flight used only by this batch is emptied onto flights already carrying cargo
 *    when every one of its shipments can move.
 *
 * Invariant: the outcome never books more than the remaining capacity the ledger shows on any flight
 * (the ledger is read, not changed; the caller books the outcome into it, which checks again).
 */
export function optimiseBatch(
  requests: readonly AssignmentRequest[],
  ledger: CapacityLedger,
  now: number,
  settings: OptimiserSettings = DEFAULT_OPTIMISER_SETTINGS,
  clock: () => number = () => performance.now(),
): BatchOutcome {
  const started = clock();
  const index = new Map<string, number>();
  const remKg: number[] = [];
  const remM3: number[] = [];
  const baseBooked: number[] = [];
  const capKg: number[] = [];
  const flightOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = remKg.length;
      index.set(id, i);
      const fits = ledger.has(id);
      remKg.push(fits ? ledger.remainingKg(id) : 0);
      remM3.push(fits ? ledger.remainingM3(id) : 0);
      baseBooked.push(fits ? ledger.account(id).bookedKg : 0);
      capKg.push(fits ? ledger.account(id).capacityKg : 1);
    }
    return i;
  };

  const reqs: Req[] = requests.map((r) => ({
    awb: r.awb,
    kg: r.kg,
    m3: r.m3,
    at: -1,
    opts: r.options.map((itinerary) => {
      let cost = Math.max(0, itinerary.first.cutoffAt - now) / HOUR_MS * settings.hourCost;
      if (itinerary.connection) cost += settings.connectionCost;
      for (const leg of [itinerary.first, itinerary.connection]) {
        if (!leg) continue;
        if (leg.aircraftKind === 'FREIGHTER' && !r.cargoAircraftOnly) cost += settings.capabilityPenalty / 2;
        if (leg.coldChain && !r.temperatureControlled && leg.aircraftKind !== 'FREIGHTER') cost += settings.capabilityPenalty / 2;
      }
      return { legs: itinerary.flightIds.map(flightOf), itinerary, cost };
    }),
  }));

  // Demand pressure: what this batch could ask of each flight over what it has left.
  const demandKg = new Array<number>(remKg.length).fill(0);
  const demandM3 = new Array<number>(remKg.length).fill(0);
  for (const r of reqs) {
    const seen = new Set<number>();
    for (const o of r.opts) for (const f of o.legs) seen.add(f);
    for (const f of seen) {
      demandKg[f]! += r.kg;
      demandM3[f]! += r.m3;
    }
  }
  const pressure = remKg.map((kg, f) => Math.max(demandKg[f]! / Math.max(kg, 1), demandM3[f]! / Math.max(remM3[f]!, 0.01)));

  const fits = (r: Req, o: Opt) => o.legs.every((f) => remKg[f]! + CAPACITY_EPSILON >= r.kg && remM3[f]! + CAPACITY_EPSILON >= r.m3);
  const take = (r: Req, oi: number) => {
    for (const f of r.opts[oi]!.legs) {
      remKg[f]! -= r.kg;
      remM3[f]! -= r.m3;
    }
    r.at = oi;
  };
  const drop = (r: Req) => {
    if (r.at < 0) return;
    for (const f of r.opts[r.at]!.legs) {
      remKg[f]! += r.kg;
      remM3[f]! += r.m3;
    }
    r.at = -1;
  };
  const optionCost = (o: Opt) => o.cost + o.legs.reduce((s, f) => s + Math.min(pressure[f]!, 10) - settings.fillBonus * (1 - remKg[f]! / capKg[f]!), 0);
  const bestFitting = (r: Req, except = -1): number => {
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < r.opts.length; i++) {
      if (i === except) continue;
      const o = r.opts[i]!;
      if (!fits(r, o)) continue;
      const c = optionCost(o);
      if (c < bestCost) {
        bestCost = c;
        best = i;
      }
    }
    return best;
  };

  // 1. Construction by scarcity.
  const order = [...reqs].filter((r) => r.opts.length > 0).sort((a, b) => a.opts.length - b.opts.length || a.kg - b.kg);
  for (const r of order) {
    const oi = bestFitting(r);
    if (oi >= 0) take(r, oi);
  }

  const outOfTime = () => clock() - started > settings.timeBudgetMs;
  const onFlight = (f: number) => reqs.filter((r) => r.at >= 0 && r.opts[r.at]!.legs.includes(f));

  // 2. Repair passes.
  let improved = true;
  while (improved && !outOfTime()) {
    improved = false;
    const unplaced = order.filter((r) => r.at < 0);
    for (const u of unplaced) {
      if (outOfTime()) break;
      if (u.at >= 0) continue;
      if (makeRoom(u)) {
        improved = true;
        continue;
      }
      if (swapOneForTwo(u, unplaced)) improved = true;
    }
  }

  /** Relocate placed shipments off the legs of one of `u`'s options until it fits. */
  function makeRoom(u: Req): boolean {
    for (let oi = 0; oi < u.opts.length && !outOfTime(); oi++) {
      const o = u.opts[oi]!;
      const moved: Array<[Req, number]> = [];
      for (const f of o.legs) {
        const blockers = onFlight(f).sort((a, b) => b.kg - a.kg);
        for (const a of blockers) {
          if (remKg[f]! + CAPACITY_EPSILON >= u.kg && remM3[f]! + CAPACITY_EPSILON >= u.m3) break;
          const from = a.at;
          drop(a);
          const alt = bestAvoiding(a, o.legs, from);
          if (alt >= 0) {
            take(a, alt);
            moved.push([a, from]);
          } else {
            take(a, from);
          }
        }
      }
      if (fits(u, o)) {
        take(u, oi);
        return true;
      }
      for (const [a, from] of moved.reverse()) {
        drop(a);
        take(a, from);
      }
    }
    return false;
  }

  function bestAvoiding(a: Req, avoid: readonly number[], current: number): number {
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < a.opts.length; i++) {
      if (i === current) continue;
      const o = a.opts[i]!;
      if (o.legs.some((f) => avoid.includes(f)) || !fits(a, o)) continue;
      const c = optionCost(o);
      if (c < bestCost) {
        bestCost = c;
        best = i;
      }
    }
    return best;
  }

  /** Take one placed shipment off a leg `u` needs if that lets `u` and another unplaced one in. */
  function swapOneForTwo(u: Req, unplaced: readonly Req[]): boolean {
    for (let oi = 0; oi < u.opts.length && !outOfTime(); oi++) {
      const o = u.opts[oi]!;
      const candidates = new Set<Req>();
      for (const f of o.legs) for (const a of onFlight(f)) if (a.kg >= u.kg) candidates.add(a);
      for (const a of candidates) {
        if (outOfTime()) break;
        const from = a.at;
        drop(a);
        if (!fits(u, o)) {
          take(a, from);
          continue;
        }
        take(u, oi);
        const placed: Req[] = [];
        for (const v of unplaced) {
          if (v === u || v.at >= 0) continue;
          const vi = bestFitting(v);
          if (vi >= 0) {
            take(v, vi);
            placed.push(v);
            break;
          }
        }
        const back = bestFitting(a);
        if (back >= 0) take(a, back);
        if (placed.length + (a.at >= 0 ? 1 : 0) >= 1) return true;
        for (const v of placed) drop(v);
        drop(u);
        take(a, from);
      }
    }
    return false;
  }

  // 3. Consolidation: empty flights only this batch uses when their shipments fit on flights in use.
  if (settings.consolidate && !outOfTime()) {
    const used = new Map<number, Req[]>();
    for (const r of reqs) {
      if (r.at < 0) continue;
      for (const f of r.opts[r.at]!.legs) {
        const list = used.get(f);
        if (list) list.push(r);
        else used.set(f, [r]);
      }
    }
    const carrying = (f: number) => baseBooked[f]! > 0 || (used.get(f)?.length ?? 0) > 0;
    const lightest = [...used.entries()].filter(([f]) => baseBooked[f] === 0).sort((a, b) => a[1].length - b[1].length);
    for (const [f, riders] of lightest) {
      if (outOfTime()) break;
      const moves: Array<[Req, number]> = [];
      let ok = true;
      for (const r of riders) {
        if (r.at < 0 || !r.opts[r.at]!.legs.includes(f)) continue;
        const from = r.at;
        drop(r);
        let alt = -1;
        for (let i = 0; i < r.opts.length; i++) {
          const o = r.opts[i]!;
          if (i === from || o.legs.includes(f) || !o.legs.every(carrying) || !fits(r, o)) continue;
          alt = i;
          break;
        }
        if (alt < 0) {
          take(r, from);
          ok = false;
          break;
        }
        take(r, alt);
        moves.push([r, from]);
      }
      if (!ok) {
        for (const [r, from] of moves.reverse()) {
          drop(r);
          take(r, from);
        }
      } else {
        used.set(f, []);
      }
    }
  }

  const chosen = new Map<string, Itinerary>();
  const unassigned: string[] = [];
  for (const r of reqs) {
    if (r.at >= 0) chosen.set(r.awb, r.opts[r.at]!.itinerary);
    else unassigned.push(r.awb);
  }
  return { chosen, unassigned, elapsedMs: clock() - started };
}
