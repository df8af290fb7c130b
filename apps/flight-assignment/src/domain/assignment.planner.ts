import { AssignmentReason } from '@cargo/contracts';
import { optimiseBatch, DEFAULT_OPTIMISER_SETTINGS, type AssignmentRequest, type OptimiserSettings } from './batch.optimiser';
import type { CapacityLedger } from './capacity.ledger';
import { findItineraries, type Itinerary, type Rejection } from './itinerary.rules';
import type { ShipmentFacts } from './shipment.model';
import type { TransportNetwork } from './transport-network.model';

/**
 * What the planner decided for one shipment:
 * - `AIR`: a place on a flight from WUH/EHU (direct or one connection), on time.
 * - `ROAD_FEEDER`: no air option from Wuhan can keep the promise any more; trucked to another
 *   region's airport (counts against self-transport). `airRejection` says why air failed.
 * - `WAITLISTED`: nothing fits now. With `retryUntil` an air option still exists if capacity frees up
 *   before then; without it, not even a road feeder is available.
 */
export type PlanDecision =
  | { kind: 'AIR'; awb: string; itinerary: Itinerary }
  | { kind: 'ROAD_FEEDER'; awb: string; itinerary: Itinerary; airRejection: Rejection }
  | { kind: 'WAITLISTED'; awb: string; rejection: Rejection; retryUntil?: number };

export type PlanningPolicy = 'BATCH' | 'FCFS';

interface PlanResult {
  decisions: PlanDecision[];
  /** Time spent in rules and optimisation, ms. */
  elapsedMs: number;
}

/**
 * Plans a batch of released shipments against the network and the capacity ledger at `now`, and
 * books the chosen itineraries into `ledger` (which refuses any overbooking).
 *
 * `BATCH` optimises the whole batch ({@link optimiseBatch}); `FCFS` (the baseline) gives each
 * shipment, in the given order, the earliest-arriving option that still fits.
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
  const requests: AssignmentRequest[] = [];
  const facts = new Map<string, ShipmentFacts>();
  const fits = (ids: readonly string[], kg: number, m3: number) => ledger.canFitAll(ids, kg, m3);

  for (const s of shipments) {
    facts.set(s.awb, s);
    const air = findItineraries(s, network, now, { transport: 'AIR' });
    if (air.options.length === 0) {
      decisions.set(s.awb, roadFeederOrWait(s, air.rejection!, network, ledger, now));
      continue;
    }
    if (policy === 'FCFS') {
      const option = air.options.find((o) => fits(o.flightIds, s.chargeableWeightKg, s.volumeM3));
      if (option) {
        ledger.book(option.flightIds, s.chargeableWeightKg, s.volumeM3);
        decisions.set(s.awb, { kind: 'AIR', awb: s.awb, itinerary: option });
      } else {
        decisions.set(s.awb, waitlisted(s, air.options, network, ledger, now));
      }
      continue;
    }
    requests.push({
      awb: s.awb,
      kg: s.chargeableWeightKg,
      m3: s.volumeM3,
      cargoAircraftOnly: s.cargoAircraftOnly,
      temperatureControlled: s.temperatureControlled,
      options: air.options,
    });
  }

  if (requests.length > 0) {
    const outcome = optimiseBatch(requests, ledger, now, settings);
    for (const [awb, itinerary] of outcome.chosen) {
      const s = facts.get(awb)!;
      ledger.book(itinerary.flightIds, s.chargeableWeightKg, s.volumeM3);
      decisions.set(awb, { kind: 'AIR', awb, itinerary });
    }
    for (const awb of outcome.unassigned) {
      const s = facts.get(awb)!;
      const options = requests.find((r) => r.awb === awb)!.options;
      decisions.set(awb, waitlisted(s, options, network, ledger, now));
    }
  }
  return { decisions: shipments.map((s) => decisions.get(s.awb)!), elapsedMs: performance.now() - started };
}

/** Nothing fits now: the capacity-aware reason, and until when an air option could still be taken. */
function waitlisted(s: ShipmentFacts, staticOptions: readonly Itinerary[], network: TransportNetwork, ledger: CapacityLedger, now: number): PlanDecision {
  const withCapacity = findItineraries(s, network, now, { transport: 'AIR', fits: (ids, kg, m3) => ledger.canFitAll(ids, kg, m3) });
  const rejection = withCapacity.rejection ?? { code: AssignmentReason.NO_CAPACITY, explanation: `No flight to ${s.destination} has room for ${s.chargeableWeightKg} kg` };
  const retryUntil = Math.max(...staticOptions.map((o) => o.truckDepartBy));
  return { kind: 'WAITLISTED', awb: s.awb, rejection, retryUntil };
}

/** Air from Wuhan cannot keep the promise: the first road feeder that fits (on time first), else wait-listed. */
function roadFeederOrWait(s: ShipmentFacts, airRejection: Rejection, network: TransportNetwork, ledger: CapacityLedger, now: number): PlanDecision {
  const road = findItineraries(s, network, now, { transport: 'ROAD', fits: (ids, kg, m3) => ledger.canFitAll(ids, kg, m3) });
  const option = road.options[0];
  if (!option) return { kind: 'WAITLISTED', awb: s.awb, rejection: airRejection };
  ledger.book(option.flightIds, s.chargeableWeightKg, s.volumeM3);
  return { kind: 'ROAD_FEEDER', awb: s.awb, itinerary: option, airRejection };
}
