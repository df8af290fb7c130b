import { AssignmentReason } from '@cargo/contracts';
import { planBatch } from './assignment.planner';
import { CapacityLedger } from './capacity.ledger';
import { at, awbOf, flight, network, shipment } from './domain.spec-helper';
import type { Flight } from './flight.model';

function ledgerOf(flights: Flight[]): CapacityLedger {
  const ledger = new CapacityLedger();
  for (const f of flights) ledger.open(f.flightId, f.capacityKg, f.capacityM3);
  return ledger;
}

describe('planBatch', () => {
  const belly = flight({ flightNumber: 'MU2501', departureAt: at(10), capacityKg: 1000, capacityM3: 10 });
  const truck = flight({ flightNumber: 'MU9801', aircraftKind: 'TRUCK', aircraftType: 'TRUCK-13.6M', leg: 'ROAD_FEEDER', departureAt: at(12), arrivalAt: at(22), capacityKg: 22000, capacityM3: 85 });

  it('books the chosen flights in the ledger', () => {
    const ledger = ledgerOf([belly, truck]);
    const result = planBatch([shipment({ grossWeightKg: 400, volumeM3: 1 })], network([belly, truck]), ledger, at(0));
    expect(result.decisions[0]).toMatchObject({ kind: 'AIR' });
    expect(ledger.account(belly.flightId).bookedKg).toBe(400);
  });

  it('wait-lists with NO_CAPACITY and a retry deadline when only capacity is missing', () => {
    const ledger = ledgerOf([belly, truck]);
    ledger.book([belly.flightId], 900, 1);
    const [decision] = planBatch([shipment({ grossWeightKg: 400, volumeM3: 1 })], network([belly, truck]), ledger, at(0)).decisions;
    expect(decision).toMatchObject({ kind: 'WAITLISTED', rejection: { code: AssignmentReason.NO_CAPACITY }, retryUntil: belly.cutoffAt - 45 * 60_000 });
    expect(ledger.account(truck.flightId).bookedKg).toBe(0);
  });

  it('falls back to a road feeder once air from Wuhan cannot keep the promise', () => {
    const ledger = ledgerOf([belly, truck]);
    // After the belly's cut-off no air option is left: the truck to PVG takes it.
    const [decision] = planBatch([shipment({ grossWeightKg: 400, volumeM3: 1 })], network([belly, truck]), ledger, at(9)).decisions;
    expect(decision).toMatchObject({ kind: 'ROAD_FEEDER', airRejection: { code: AssignmentReason.CUTOFF_UNREACHABLE } });
    expect(ledger.account(truck.flightId).bookedKg).toBe(400);
  });

  it('FCFS takes the earliest arrival that fits, shipment by shipment', () => {
    const later = flight({ flightNumber: 'MU2503', departureAt: at(14), capacityKg: 1000, capacityM3: 10 });
    const ledger = ledgerOf([belly, later]);
    const result = planBatch(
      [shipment({ awb: awbOf(1), grossWeightKg: 700, volumeM3: 1 }), shipment({ awb: awbOf(2), grossWeightKg: 700, volumeM3: 1 })],
      network([belly, later]),
      ledger,
      at(0),
      'FCFS',
    );
    expect(result.decisions.map((d) => (d.kind === 'AIR' ? d.itinerary.first.flightNumber : d.kind))).toEqual(['MU2501', 'MU2503']);
  });
});
