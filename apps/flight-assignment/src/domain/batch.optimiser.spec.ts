import { DEFAULT_OPTIMISER_SETTINGS, optimiseBatch, type AssignmentRequest } from './batch.optimiser';
import { CapacityLedger } from './capacity.ledger';
import { at, awbOf, flight, network, shipment } from './domain.spec-helper';
import type { Flight } from './flight.model';
import { findItineraries } from './itinerary.rules';
import type { ShipmentFacts } from './shipment.model';

function requestsOf(shipments: ShipmentFacts[], flights: Flight[], now: number): AssignmentRequest[] {
  const net = network(flights);
  return shipments.map((s) => ({
    awb: s.awb,
    kg: s.chargeableWeightKg,
    m3: s.volumeM3,
    cargoAircraftOnly: s.cargoAircraftOnly,
    temperatureControlled: s.temperatureControlled,
    options: findItineraries(s, net, now, { transport: 'AIR' }).options,
  }));
}

function ledgerOf(flights: Flight[]): CapacityLedger {
  const ledger = new CapacityLedger();
  for (const f of flights) ledger.open(f.flightId, f.capacityKg, f.capacityM3);
  return ledger;
}

describe('optimiseBatch', () => {
  it('gives the scarce freighter to the shipment that can only take it (first-come-first-served would not)', () => {
    const belly = flight({ flightNumber: 'MU2501', departureAt: at(12), capacityKg: 1000, capacityM3: 10 });
    const freighter = flight({ flightNumber: 'O36501', origin: 'EHU', aircraftKind: 'FREIGHTER', departureAt: at(10), capacityKg: 1000, capacityM3: 10 });
    const general = shipment({ awb: awbOf(1), grossWeightKg: 800, volumeM3: 2 });
    const cao = shipment({ awb: awbOf(2), grossWeightKg: 800, volumeM3: 2, cargoAircraftOnly: true });
    const flights = [belly, freighter];
    // FCFS would put the general cargo on the earlier freighter and leave the CAO shipment behind.
    const outcome = optimiseBatch(requestsOf([general, cao], flights, at(0)), ledgerOf(flights), at(0));
    expect(outcome.unassigned).toEqual([]);
    expect(outcome.chosen.get(cao.awb)?.first.flightNumber).toBe('O36501');
    expect(outcome.chosen.get(general.awb)?.first.flightNumber).toBe('MU2501');
  });

  it('relocates a placed shipment to make room for one with a single option', () => {
    const a = flight({ flightNumber: 'MU2501', departureAt: at(10), capacityKg: 1000, capacityM3: 10 });
    const b = flight({ flightNumber: 'MU2503', departureAt: at(12), capacityKg: 1000, capacityM3: 10 });
    const c = flight({ flightNumber: 'MU5401', departureAt: at(14), capacityKg: 1000, capacityM3: 10, coldChain: true });
    const flights = [a, b, c];
    const shipments = [
      shipment({ awb: awbOf(1), grossWeightKg: 900, volumeM3: 1 }),
      shipment({ awb: awbOf(2), grossWeightKg: 900, volumeM3: 1 }),
      shipment({ awb: awbOf(3), grossWeightKg: 900, volumeM3: 1, temperatureControlled: true }),
    ];
    const ledger = ledgerOf(flights);
    const outcome = optimiseBatch(requestsOf(shipments, flights, at(0)), ledger, at(0));
    expect(outcome.chosen.size).toBe(3);
    expect(outcome.chosen.get(awbOf(3))?.first.flightNumber).toBe('MU5401');
  });

  it('consolidation (optional) empties a flight only this batch uses onto one already carrying cargo', () => {
    const used = flight({ flightNumber: 'MU2501', departureAt: at(10), capacityKg: 3000, capacityM3: 15 });
    const empty = flight({ flightNumber: 'MU2503', departureAt: at(9), capacityKg: 3000, capacityM3: 15 });
    const flights = [used, empty];
    const ledger = ledgerOf(flights);
    ledger.book([used.flightId], 1000, 5);
    const shipments = [shipment({ awb: awbOf(1), grossWeightKg: 300, volumeM3: 1 }), shipment({ awb: awbOf(2), grossWeightKg: 300, volumeM3: 1 })];
    const spread = optimiseBatch(requestsOf(shipments, flights, at(0)), ledger, at(0), { ...DEFAULT_OPTIMISER_SETTINGS, fillBonus: 0, hourCost: 1 });
    expect([...spread.chosen.values()].map((it) => it.first.flightNumber)).toEqual(['MU2503', 'MU2503']);
    const packed = optimiseBatch(requestsOf(shipments, flights, at(0)), ledger, at(0), { ...DEFAULT_OPTIMISER_SETTINGS, fillBonus: 0, hourCost: 1, consolidate: true });
    expect([...packed.chosen.values()].map((it) => it.first.flightNumber)).toEqual(['MU2501', 'MU2501']);
  });

  it('never plans more than the remaining capacity of a contended 400-shipment batch', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const flights: Flight[] = [];
    for (let i = 0; i < 30; i++) {
      const freighter = rnd() < 0.3;
      flights.push(
        flight({
          flightNumber: `MU${2501 + 2 * i}`,
          origin: freighter ? 'EHU' : 'WUH',
          aircraftKind: freighter ? 'FREIGHTER' : 'BELLY',
          departureAt: at(6 + (i % 16)),
          capacityKg: freighter ? 8000 : 2000 + Math.round(rnd() * 2000),
          capacityM3: freighter ? 50 : 15,
          coldChain: freighter || rnd() < 0.3,
        }),
      );
    }
    const ledger = ledgerOf(flights);
    // Some capacity is already booked by earlier batches.
    for (const f of flights) ledger.book([f.flightId], Math.round(f.capacityKg * rnd() * 0.5), 0);
    const shipments = Array.from({ length: 400 }, (_, i) =>
      shipment({
        awb: awbOf(i),
        grossWeightKg: 20 + Math.round(rnd() * 600),
        volumeM3: Math.round(rnd() * 30) / 10 + 0.1,
        cargoAircraftOnly: rnd() < 0.1,
        temperatureControlled: rnd() < 0.15,
      }),
    );
    const requests = requestsOf(shipments, flights, at(0));
    // Decision time is measured by the benchmark (bench/assignment.bench.ts), not asserted here.
    const outcome = optimiseBatch(requests, ledger, at(0));
    expect(outcome.unassigned.length).toBeGreaterThan(0); // demand exceeds supply
    const perFlight = new Map<string, { kg: number; m3: number }>();
    for (const [awb, it] of outcome.chosen) {
      const r = requests.find((x) => x.awb === awb)!;
      expect(r.options).toContain(it);
      for (const id of it.flightIds) {
        const t = perFlight.get(id) ?? { kg: 0, m3: 0 };
        perFlight.set(id, { kg: t.kg + r.kg, m3: t.m3 + r.m3 });
      }
    }
    for (const [id, t] of perFlight) {
      expect(t.kg).toBeLessThanOrEqual(ledger.remainingKg(id) + 1e-6);
      expect(t.m3).toBeLessThanOrEqual(ledger.remainingM3(id) + 1e-6);
    }
    // The caller's booking goes through the ledger, which would refuse an overbooking.
    for (const [awb, it] of outcome.chosen) {
      const r = requests.find((x) => x.awb === awb)!;
      ledger.book(it.flightIds, r.kg, r.m3);
    }
  });
});
