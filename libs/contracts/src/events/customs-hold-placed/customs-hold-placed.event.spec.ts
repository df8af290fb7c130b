import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'CustomsHoldPlaced',
  [
    ['several reasons from an officer', (p) => {
      p.reasons = [
        { code: 'DG_QUALIFICATION', explanation: 'Manufacturer MFR-007 qualification for UN3480 expired 2024-06-30' },
        { code: 'DOCUMENTS', explanation: 'HS code missing' },
      ];
      p.placedBy = { role: 'CUSTOMS_OFFICER', id: 'WHC-2291' };
    }],
    ['a failed screening by a screener', (p) => {
      p.reasons = [{ code: 'SCREENING_FAILED', explanation: 'ETD alarm on piece 3 of 12' }];
      p.placedBy = { role: 'SECURITY_SCREENER', id: 'SEC-0317' };
    }],
    ['an event from before decision versions (no decisionVersion, no supersedes)', (p) => delete p.decisionVersion],
    ['a later decision that supersedes another', (p) => Object.assign(p, { decisionVersion: 4, supersedes: '0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70' })],
    ['a booked shipment: the flight and, once closed, its manifest', (p) => (p.transport = { flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } })],
    ['a booked shipment whose manifest has not closed', (p) => (p.transport = { flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z' })],
  ],
  [
    ['a malformed AWB', (p) => (p.awb = 'ABC-12345675'), 'awb', "contains 'A' at position 1"],
    ['an empty case id', (p) => (p.caseId = ''), 'caseId', 'identify the customs case'],
    ['a missing station', (p) => delete p.stationCode, 'stationCode', 'station code'],
    ['no reasons', (p) => (p.reasons = []), 'reasons', 'at least one reason'],
    ['an unknown reason code', (p) => (p.reasons[0].code = 'WEATHER'), 'reasons.0.code', 'must be one of DG_QUALIFICATION, SCREENING, DOCUMENTS'],
    ['a reason without explanation', (p) => (p.reasons[0].explanation = ''), 'reasons.0.explanation', 'say why'],
    ['a missing actor', (p) => delete p.placedBy, 'placedBy', 'who placed the hold'],
    ['an unknown actor role', (p) => (p.placedBy.role = 'AIRLINE'), 'placedBy.role', 'SYSTEM, CUSTOMS_OFFICER, SECURITY_SCREENER'],
    ['an anonymous actor', (p) => (p.placedBy.id = ''), 'placedBy.id', 'identify who acted'],
    ['a bad time', (p) => (p.placedAt = '25/11/2026'), 'placedAt', 'RFC 3339'],
    ['a decision version 0', (p) => (p.decisionVersion = 0), 'decisionVersion', 'at least 1'],
    ['a fractional decision version', (p) => (p.decisionVersion = 1.5), 'decisionVersion', 'whole number'],
    ['a superseded id that is not an event id', (p) => (p.supersedes = 'hold-1'), 'supersedes', 'event id (UUID)'],
    ['a transport from another airport than WUH or EHU', (p) => (p.transport = { ...{ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } }, origin: 'PVG' }), 'transport.origin', 'Wuhan hub'],
    ['a manifest reference without its event id', (p) => (p.transport = { ...{ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } }, manifest: { closedAt: '2026-11-25T11:30:00Z' } }), 'transport.manifest.eventId', 'flight.manifest.v1 event'],
  ],
);
