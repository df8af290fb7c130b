import { exampleEventPayload } from '../../catalog/event-examples';
import { describePayload } from '../payload-cases.spec-helper';
import { FlightManifestClosedEvent, manifestTotalsOf } from './flight-manifest-closed.event';

describePayload(
  'FlightManifestClosed',
  [
    ['an empty flight', (p) => Object.assign(p, { shipments: [], totals: { pieces: 0, grossWeightKg: 0, volumeM3: 0, chargeableWeightKg: 0 }, loadFactor: 0 })],
    ['a road-feeder truck manifest', (p) => Object.assign(p, { aircraftKind: 'TRUCK', aircraftType: 'TRUCK-13.6M', destination: 'PVG', flightId: 'MU9801-2026-11-25', flightNumber: 'MU9801' })],
    ['totals off by rounding only', (p) => (p.totals.grossWeightKg = 1306.505)],
  ],
  [
    ['a bad flight id', (p) => (p.flightId = 'O36921/2026-11-25'), 'flightId', 'flight id'],
    ['an origin outside Wuhan', (p) => (p.origin = 'HKG'), 'origin', 'WUH or EHU'],
    ['a missing aircraft type', (p) => (p.aircraftType = ''), 'aircraftType', 'name the aircraft type'],
    ['a missing capacity', (p) => delete p.capacity, 'capacity', 'capacity in kg and m³'],
    ['a zero volume capacity', (p) => (p.capacity.m3 = 0), 'capacity.m3', 'greater than 0 m³'],
    ['a line with a wrong AWB check digit', (p) => (p.shipments[1].awb = '112-76543214'), 'shipments.1.awb', 'check digit 4 does not match serial 7654321 (expected 3)'],
    ['the same AWB twice', (p) => (p.shipments[1].awb = '784-12345675'), 'shipments', 'AWB 784-12345675 appears more than once'],
    ['a line with zero pieces', (p) => {
      p.shipments[1].pieces = 0;
      p.totals.pieces = 12;
    }, 'shipments.1.pieces', 'at least 1'],
    ['a line with a bad DG class', (p) => (p.shipments[0].dangerousGoods[0].class = '9.1'), 'shipments.0.dangerousGoods.0.class', 'hazard class or division'],
    ['a line without CAO flag', (p) => delete p.shipments[0].cargoAircraftOnly, 'shipments.0.cargoAircraftOnly', 'true or false'],
    ['totals that do not add up', (p) => (p.totals.pieces = 50), 'totals', 'pieces 50 ≠ 52'],
    ['negative totals', (p) => {
      p.shipments = [];
      p.totals = { pieces: -1, grossWeightKg: 0, volumeM3: 0, chargeableWeightKg: 0 };
      p.loadFactor = 0;
    }, 'totals', /pieces/],
    ['a load factor above 1', (p) => (p.loadFactor = 1.2), 'loadFactor', 'capacity is never exceeded'],
    ['a load factor that does not match the totals', (p) => (p.loadFactor = 0.5), 'loadFactor', 'does not match totals.chargeableWeightKg / capacity.kg = 0.030'],
    ['a bad close time', (p) => (p.closedAt = ''), 'closedAt', 'RFC 3339'],
  ],
);

describe('FlightManifestClosedEvent', () => {
  it('is keyed by flight id on flight.manifest.v1', () => {
    const plain = exampleEventPayload('FlightManifestClosed') as never;
    expect(FlightManifestClosedEvent.topic).toBe('flight.manifest.v1');
    expect(FlightManifestClosedEvent.keyOf(plain)).toBe('O36921-2026-11-25');
  });

  it('sums lines into totals', () => {
    expect(manifestTotalsOf([
      { pieces: 1, grossWeightKg: 0.1, volumeM3: 0.2, chargeableWeightKg: 33.5 },
      { pieces: 2, grossWeightKg: 0.2, volumeM3: 0.1, chargeableWeightKg: 17 },
    ])).toEqual({ pieces: 3, grossWeightKg: 0.3, volumeM3: 0.3, chargeableWeightKg: 50.5 });
  });
});
