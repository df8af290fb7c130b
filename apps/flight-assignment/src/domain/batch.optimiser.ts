import {
  assembleOutcome,
  consolidate,
  constructGreedily,
  generateCandidates,
  measureDemandPressure,
  orderByScarcity,
  repair,
  type Allocation,
} from './batch-optimiser.phases';
import type { CapacityLedger } from './capacity.ledger';
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

/**
 * Decides a batch of shipments at once: maximise the number placed (every option the rules allow is
 * on time), then prefer uncontested, soon-expiring capacity and capabilities the shipment needs, then
 * load factor (consolidation).
 *
 * 0. Set-up ({@link generateCandidates}, {@link measureDemandPressure}): each request's options with
 *    their legs as flight indexes and static cost; per flight, the batch's demand over what is left.
 * 1. Construction ({@link orderByScarcity}, {@link constructGreedily}): shipments with the fewest
 *    options first (scarcity), smaller first among equals; each takes the fitting option with the
 *    lowest cost = static cost + demand pressure on its legs.
 * 2. Repair ({@link repair}): an unplaced shipment makes room by relocating placed ones to their other
 *    options (ejection chain of depth 1), or by swapping one placed shipment out for two unplaced ones.
 * 3. Consolidation ({@link consolidate}, off by default): a flight used only by this batch is emptied
 *    onto flights already carrying cargo when every one of its shipments can move.
 * 4. Result ({@link assembleOutcome}). Repair and consolidation stop when `settings.timeBudgetMs` is
 *    spent; set-up and construction always complete.
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
  const outOfTime = () => clock() - started > settings.timeBudgetMs;
  const { flights, candidates } = generateCandidates(requests, ledger, now, settings);
  const allocation: Allocation = { flights, candidates, pressure: measureDemandPressure(candidates, flights), settings, outOfTime };
  const order = orderByScarcity(candidates);
  constructGreedily(allocation, order);
  repair(allocation, order);
  if (settings.consolidate && !outOfTime()) consolidate(allocation);
  return assembleOutcome(candidates, clock() - started);
}
