import { describePayload } from '../payload-cases.spec-helper';
import { finalArrivalAt, type FlightAssignedPayload } from './flight-assigned.event';

const viaPvg = {
  flightId: 'MU219-2026-11-25',
  flightNumber: 'MU219',
  via: 'PVG',
  departureAt: '2026-11-25T16:30:00Z',
  arrivalAt: '2026-11-26T04:10:00Z',
};

describePayload(
  'FlightAssigned',
  [
    ['a belly flight from WUH with a connection via PVG', (p) => Object.assign(p, {
      flightId: 'MU2503-2026-11-25',
      flightNumber: 'MU2503',
      origin: 'WUH',
      aircraftKind: 'BELLY',
      departureAt: '2026-11-25T11:00:00Z',
      cutoffAt: '2026-11-25T09:00:00Z',
      arrivalAt: '2026-11-25T12:40:00Z',
      truckDepartBy: '2026-11-25T08:15:00Z',
      connection: viaPvg,
    })],
    ['a re-assignment after a cancellation', (p) => Object.assign(p, {
      outcome: 'REASSIGNED',
      previousFlightId: 'O36915-2026-11-25',
      reason: { code: 'FLIGHT_CANCELLED', explanation: 'O36915 cancelled (technical)' },
    })],
    ['a road-feeder truck to PVG', (p) => Object.assign(p, {
      outcome: 'ROAD_FEEDER',
      aircraftKind: 'TRUCK',
      flightId: 'MU9801-2026-11-25',
      flightNumber: 'MU9801',
      destination: 'PVG',
      reason: { code: 'ROAD_FEEDER_FALLBACK', explanation: 'No air option from Wuhan keeps D1' },
    })],
    ['truck departure exactly at cut-off (zero truck time is allowed)', (p) => (p.truckDepartBy = p.cutoffAt)],
    ['a later flight with a revised promise at its arrival', (p) => Object.assign(p, {
      reason: { code: 'LATER_FLIGHT', explanation: 'No flight to FRA keeps the D1 promise; the earliest later one' },
      revisedPromise: p.arrivalAt,
    })],
    ['an event from before decision versions (no decisionVersion, no supersedes)', (p) => {
      delete p.decisionVersion;
      delete p.supersedes;
    }],
  ],
  [
    ['a malformed AWB', (p) => (p.awb = '784-12345'), 'awb', 'has 8 digits'],
    ['a failure outcome on flight.assigned', (p) => (p.outcome = 'WAITLISTED'), 'outcome', 'WAITLISTED/OFFLOADED are flight.assignment.failed'],
    ['ROAD_FEEDER on a freighter', (p) => (p.outcome = 'ROAD_FEEDER'), 'outcome', 'ROAD_FEEDER goes with aircraftKind TRUCK'],
    ['a truck that is not ROAD_FEEDER', (p) => (p.aircraftKind = 'TRUCK'), 'outcome', 'ROAD_FEEDER goes with aircraftKind TRUCK'],
    ['a missing flight id', (p) => delete p.flightId, 'flightId', 'flight id'],
    ['a flight id without date', (p) => (p.flightId = 'O36921'), 'flightId', 'e.g. CZ3481-2026-11-25'],
    ['a bad flight number', (p) => (p.flightNumber = 'o36921'), 'flightNumber', 'flight number'],
    ['an origin outside Wuhan', (p) => (p.origin = 'PVG'), 'origin', 'Wuhan hub: WUH or EHU'],
    ['a bad destination', (p) => (p.destination = 'FRANKFURT'), 'destination', 'IATA airport code'],
    ['cut-off after departure', (p) => (p.cutoffAt = '2026-11-25T15:00:00Z'), 'cutoffAt', 'must be at or before departureAt'],
    ['arrival before departure', (p) => (p.arrivalAt = '2026-11-25T14:00:00Z'), 'arrivalAt', 'must be after departureAt'],
    ['truck leaving after the cut-off', (p) => (p.truckDepartBy = '2026-11-25T12:00:00Z'), 'truckDepartBy', 'must be at or before cutoffAt'],
    ['an unknown aircraft kind', (p) => Object.assign(p, { aircraftKind: 'ZEPPELIN' }), 'aircraftKind', 'BELLY, FREIGHTER or TRUCK'],
    ['zero chargeable weight', (p) => (p.chargeableWeightKg = 0), 'chargeableWeightKg', 'greater than 0 kg'],
    ['a re-assignment without previous flight', (p) => (p.outcome = 'REASSIGNED'), 'previousFlightId', 'required for REASSIGNED'],
    ['a connection via a non-transfer hub', (p) => (p.connection = { ...viaPvg, via: 'ICN', departureAt: '2026-11-26T06:00:00Z', arrivalAt: '2026-11-26T18:00:00Z' }), 'connection.via', 'PVG or HKG'],
    ['a connection leaving before the first leg lands', (p) => (p.connection = { ...viaPvg, departureAt: '2026-11-26T01:00:00Z' }), 'connection', 'departs (2026-11-26T01:00:00Z) before the first leg arrives at PVG'],
    ['a connection arriving before it departs', (p) => (p.connection = { ...viaPvg, departureAt: '2026-11-26T06:00:00Z', arrivalAt: '2026-11-26T05:00:00Z' }), 'connection.arrivalAt', 'must be after departureAt'],
    ['a reason with a blank explanation', (p) => (p.reason = { code: 'BATCH_REPLAN', explanation: '' }), 'reason.explanation', 'say why'],
    ['a revised promise before the arrival', (p) => (p.revisedPromise = '2026-11-26T00:00:00Z'), 'revisedPromise', "before the itinerary's final arrival 2026-11-26T02:20:00Z"],
    ['a revised promise that is not a time', (p) => (p.revisedPromise = 'next week'), 'revisedPromise', 'RFC 3339'],
    ['a bad decision time', (p) => (p.decidedAt = 'now'), 'decidedAt', 'RFC 3339'],
    ['a decision version 0', (p) => (p.decisionVersion = 0), 'decisionVersion', 'at least 1'],
    ['a decision version as text', (p) => (p.decisionVersion = '3'), 'decisionVersion', 'whole number'],
    ['a superseded id that is not an event id', (p) => (p.supersedes = 'previous'), 'supersedes', 'event id (UUID)'],
  ],
);

describe('finalArrivalAt', () => {
  it('is the connection arrival when there is one', () => {
    const direct = { arrivalAt: '2026-11-26T02:20:00Z' } as FlightAssignedPayload;
    expect(finalArrivalAt(direct)).toBe('2026-11-26T02:20:00Z');
    expect(finalArrivalAt({ ...direct, connection: viaPvg as FlightAssignedPayload['connection'] })).toBe('2026-11-26T04:10:00Z');
  });
});
