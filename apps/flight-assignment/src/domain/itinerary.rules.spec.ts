import { AssignmentReason } from '@cargo/contracts';
import { HOUR_MS, MINUTE_MS } from './flight.model';
import { at, flight, network, shipment } from './domain.spec-helper';
import { findItineraries } from './itinerary.rules';

describe('itinerary rules', () => {
  describe('cut-off with the station truck time', () => {
    // MU2501 departs 10:00Z, belly cut-off 08:00Z; OVS → WUH is 45 min, so the truck must leave by 07:15Z.
    const mu = flight({ flightNumber: 'MU2501', departureAt: at(10) });

    it('takes the flight when the truck can leave in time, and says by when', () => {
      const { options } = findItineraries(shipment(), network([mu]), at(7, 15), { transport: 'AIR' });
      expect(options).toHaveLength(1);
      expect(options[0]!.truckDepartBy).toBe(mu.cutoffAt - 45 * MINUTE_MS);
    });

    it('refuses it one minute later with CUTOFF_UNREACHABLE', () => {
      const result = findItineraries(shipment(), network([mu]), at(7, 16), { transport: 'AIR' });
      expect(result.options).toHaveLength(0);
      expect(result.rejection?.code).toBe(AssignmentReason.CUTOFF_UNREACHABLE);
    });

    it('uses the station’s own truck time to each airport', () => {
      // Ezhou station: 95 min to WUH, 20 min to EHU.
      const ehu = flight({ flightNumber: 'O36501', origin: 'EHU', aircraftKind: 'FREIGHTER', departureAt: at(10), capacityKg: 28000, capacityM3: 190, coldChain: true });
      const fromEzhou = shipment({ stationCode: 'EZS' });
      expect(findItineraries(fromEzhou, network([mu, ehu]), at(6, 30), { transport: 'AIR' }).options.map((o) => o.first.flightNumber)).toEqual(['O36501']);
      expect(findItineraries(fromEzhou, network([mu, ehu]), at(6, 20), { transport: 'AIR' }).options.map((o) => o.first.flightNumber).sort()).toEqual(['MU2501', 'O36501']);
    });
  });

  it('puts cargo-aircraft-only shipments on freighters only', () => {
    const belly = flight({ flightNumber: 'MU2501', departureAt: at(10) });
    const freighter = flight({ flightNumber: 'O36501', origin: 'EHU', aircraftKind: 'FREIGHTER', departureAt: at(14), capacityKg: 28000, capacityM3: 190, coldChain: true });
    const cao = shipment({ cargoAircraftOnly: true });
    expect(findItineraries(cao, network([belly, freighter]), at(0), { transport: 'AIR' }).options.map((o) => o.first.aircraftKind)).toEqual(['FREIGHTER']);
    const onlyBelly = findItineraries(cao, network([belly]), at(0), { transport: 'AIR' });
    expect(onlyBelly.options).toHaveLength(0);
    expect(onlyBelly.rejection?.code).toBe(AssignmentReason.CAO_NO_FREIGHTER);
  });

  it('puts temperature-controlled shipments only where there is cold chain', () => {
    const narrow = flight({ flightNumber: 'MU2501', departureAt: at(10), coldChain: false });
    const wide = flight({ flightNumber: 'MU5401', departureAt: at(12), aircraftType: 'A330-300', capacityKg: 14000, capacityM3: 65, coldChain: true });
    const pharma = shipment({ temperatureControlled: true, specialHandlingCodes: ['PIL', 'COL'] });
    expect(findItineraries(pharma, network([narrow, wide]), at(0), { transport: 'AIR' }).options.map((o) => o.first.flightNumber)).toEqual(['MU5401']);
    expect(findItineraries(pharma, network([narrow]), at(0), { transport: 'AIR' }).rejection?.code).toBe(AssignmentReason.NO_COLD_CHAIN);
  });

  describe('one connection via a transfer hub', () => {
    // WUH → PVG arrives 12:00Z; PVG's minimum connection time is 180 min.
    const first = flight({ flightNumber: 'MU2501', departureAt: at(10), arrivalAt: at(12) });
    const onward = (departHours: number, departMinutes = 0) =>
      flight({ flightNumber: 'CK207', origin: 'PVG', destination: 'FRA', leg: 'ONWARD', aircraftKind: 'FREIGHTER', departureAt: at(departHours, departMinutes), arrivalAt: at(departHours + 13, departMinutes), capacityKg: 15000, capacityM3: 90, coldChain: true });
    const toFra = shipment({ destination: 'FRA', serviceLevel: 'D3' });

    it('connects when the onward flight leaves at least the minimum connection time after arrival', () => {
      const { options } = findItineraries(toFra, network([first, onward(15)]), at(0), { transport: 'AIR' });
      expect(options).toHaveLength(1);
      expect(options[0]!.connection?.flightNumber).toBe('CK207');
      expect(options[0]!.flightIds).toEqual(['MU2501-2026-11-25', 'CK207-2026-11-25']);
      expect(options[0]!.finalArrivalAt).toBe(at(28));
    });

    it('does not connect one minute short of it', () => {
      const result = findItineraries(toFra, network([first, onward(14, 59)]), at(0), { transport: 'AIR' });
      expect(result.options).toHaveLength(0);
    });

    it('applies CAO to the onward leg too', () => {
      const bellyOnward = { ...onward(15), aircraftKind: 'BELLY' as const };
      const freighterFirst = { ...first, aircraftKind: 'FREIGHTER' as const, origin: 'EHU' };
      const result = findItineraries({ ...toFra, cargoAircraftOnly: true }, network([freighterFirst, bellyOnward]), at(0), { transport: 'AIR' });
      expect(result.options).toHaveLength(0);
      expect(result.rejection?.code).toBe(AssignmentReason.CAO_NO_FREIGHTER);
    });
  });

  describe('service-level deadline', () => {
    it('accepts a final arrival exactly at the deadline and refuses one a minute later', () => {
      const receivedAt = at(1);
      const onTime = flight({ flightNumber: 'MU2501', departureAt: at(23), arrivalAt: receivedAt + 24 * HOUR_MS });
      const late = flight({ flightNumber: 'MU2503', departureAt: at(23), arrivalAt: receivedAt + 24 * HOUR_MS + MINUTE_MS });
      const s = shipment({ receivedAt, serviceLevel: 'D1' });
      expect(findItineraries(s, network([onTime, late]), at(2), { transport: 'AIR' }).options.map((o) => o.first.flightNumber)).toEqual(['MU2501']);
      const result = findItineraries(s, network([late]), at(2), { transport: 'AIR' });
      expect(result.rejection?.code).toBe(AssignmentReason.SERVICE_LEVEL_UNREACHABLE);
    });

    it('gives D3 three days', () => {
      const slow = flight({ flightNumber: 'CK221', origin: 'EHU', destination: 'FRA', aircraftKind: 'FREIGHTER', departureAt: at(40), arrivalAt: at(71) });
      expect(findItineraries(shipment({ destination: 'FRA', serviceLevel: 'D3' }), network([slow]), at(1), { transport: 'AIR' }).options).toHaveLength(1);
      expect(findItineraries(shipment({ destination: 'FRA', serviceLevel: 'D2' }), network([slow]), at(1), { transport: 'AIR' }).options).toHaveLength(0);
    });
  });

  it('never offers a cancelled flight, and reports NO_CAPACITY when only capacity is missing', () => {
    const cancelled = flight({ flightNumber: 'MU2501', status: 'CANCELLED' });
    expect(findItineraries(shipment(), network([cancelled]), at(0), { transport: 'AIR' }).options).toHaveLength(0);
    const open = flight({ flightNumber: 'MU2503' });
    const result = findItineraries(shipment(), network([open]), at(0), { transport: 'AIR', fits: () => false });
    expect(result.rejection?.code).toBe(AssignmentReason.NO_CAPACITY);
  });

  it('orders options by final arrival', () => {
    const later = flight({ flightNumber: 'MU2503', departureAt: at(14) });
    const earlier = flight({ flightNumber: 'MU2501', departureAt: at(10) });
    expect(findItineraries(shipment(), network([later, earlier]), at(0), { transport: 'AIR' }).options.map((o) => o.first.flightNumber)).toEqual(['MU2501', 'MU2503']);
  });
});
