import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'AssignmentFailed',
  [
    ['an offload after a customs hold', (p) => Object.assign(p, {
      outcome: 'OFFLOADED',
      previousFlightId: 'O36921-2026-11-25',
      reason: { code: 'CUSTOMS_HOLD', explanation: 'Manual hold by WHC-2291 after assignment' },
    })],
    ['a wait-listing without destination or deadline', (p) => {
      delete p.destination;
      delete p.retryUntil;
    }],
    ['an open exception: nothing in the timetable can carry it', (p) => {
      Object.assign(p, { outcome: 'EXCEPTION', reason: { code: 'NO_COLD_CHAIN', explanation: 'Temperature-controlled: no cold-chain capable flight to ULN in the timetable, nor a road feeder' } });
      delete p.retryUntil;
    }],
    ['an event from before decision versions (no decisionVersion, no supersedes)', (p) => {
      delete p.decisionVersion;
      delete p.supersedes;
    }],
  ],
  [
    ['a wrong AWB check digit', (p) => (p.awb = '784-12345671'), 'awb', 'check digit 1 does not match serial 1234567 (expected 5)'],
    ['a success outcome on flight.assignment.failed', (p) => (p.outcome = 'ASSIGNED'), 'outcome', 'ASSIGNED/REASSIGNED/ROAD_FEEDER are flight.assigned'],
    ['a missing reason', (p) => delete p.reason, 'reason', 'must say why the shipment has no flight'],
    ['a reason code with spaces', (p) => (p.reason.code = 'NO CAPACITY'), 'reason.code', 'UPPER_SNAKE'],
    ['an offload without the flight it left', (p) => (p.outcome = 'OFFLOADED'), 'previousFlightId', 'required for OFFLOADED'],
    ['a bad destination', (p) => (p.destination = 'Frankfurt'), 'destination', 'IATA airport code'],
    ['a negative chargeable weight', (p) => (p.chargeableWeightKg = -3), 'chargeableWeightKg', 'greater than 0 kg'],
    ['a bad retry deadline', (p) => (p.retryUntil = 'tomorrow'), 'retryUntil', 'RFC 3339'],
    ['a flight id on a failure', (p) => (p.flightId = 'O36921-2026-11-25'), 'flightId', 'not a field of this message'],
    ['a decision version 0', (p) => (p.decisionVersion = 0), 'decisionVersion', 'at least 1'],
    ['a decision version as text', (p) => (p.decisionVersion = '3'), 'decisionVersion', 'whole number'],
    ['a superseded id that is not an event id', (p) => (p.supersedes = 'previous'), 'supersedes', 'event id (UUID)'],
  ],
);
