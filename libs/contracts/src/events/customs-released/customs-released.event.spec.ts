import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'CustomsReleased',
  [
    ['a conditional first-stage release of chilled seafood on the fast lane', (p) => Object.assign(p, {
      kind: 'CONDITIONAL',
      reasons: [{ code: 'PORT_INSPECTION_PASSED', explanation: 'Two-stage access: port inspection passed, lab sample taken' }],
      cargoAircraftOnly: false,
      specialHandlingCodes: ['PES', 'COL'],
      priority: 'FAST_LANE',
      releasedBy: { role: 'CUSTOMS_OFFICER', id: 'WHC-2291' },
    })],
    ['a final release', (p) => Object.assign(p, { kind: 'FINAL', reasons: [{ code: 'LAB_PASSED', explanation: 'Lab result negative' }] })],
    ['an e-commerce sample released in the flow', (p) => Object.assign(p, {
      reasons: [{ code: 'ECOMMERCE_FLOW_ALONG', explanation: 'Released in the flow; sampled for post-release check' }],
      postReleaseCheck: true,
      cargoAircraftOnly: false,
      specialHandlingCodes: [],
      releasedBy: { role: 'SYSTEM', id: 'customs-hold' },
    })],
    ['a reason code this version does not list', (p) => (p.reasons = [{ code: 'BONDED_TRANSFER', explanation: 'x' }])],
    ['an event from before decision versions (no decisionVersion, no supersedes)', (p) => {
      delete p.decisionVersion;
      delete p.supersedes;
    }],
    ['a booked shipment: the flight and, once closed, its manifest', (p) => (p.transport = { flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } })],
    ['a booked shipment whose manifest has not closed', (p) => (p.transport = { flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z' })],
  ],
  [
    ['a wrong AWB check digit', (p) => (p.awb = '112-76543210'), 'awb', 'check digit 0 does not match serial 7654321 (expected 3)'],
    ['an unknown kind', (p) => (p.kind = 'PARTIAL'), 'kind', 'FULL, CONDITIONAL (two-stage, lab pending) or FINAL'],
    ['no reasons', (p) => (p.reasons = []), 'reasons', 'at least one reason'],
    ['a lower-case reason code', (p) => (p.reasons[0].code = 'dg_ok'), 'reasons.0.code', 'UPPER_SNAKE'],
    ['a missing CAO flag', (p) => delete p.cargoAircraftOnly, 'cargoAircraftOnly', 'true or false'],
    ['an unknown special handling code', (p) => (p.specialHandlingCodes = ['RLI', 'ZZZ']), 'specialHandlingCodes', 'known IATA special handling codes'],
    ['an unknown priority', (p) => (p.priority = 'URGENT'), 'priority', 'FAST_LANE or NORMAL'],
    ['a post-release check flag as text', (p) => (p.postReleaseCheck = 'no'), 'postReleaseCheck', 'true or false'],
    ['a missing actor', (p) => delete p.releasedBy, 'releasedBy', 'who released the cargo'],
    ['a bad release time', (p) => (p.releasedAt = '2026-11-25T11:40:00'), 'releasedAt', 'RFC 3339'],
    ['a decision version 0', (p) => (p.decisionVersion = 0), 'decisionVersion', 'at least 1'],
    ['a decision version as text', (p) => (p.decisionVersion = '3'), 'decisionVersion', 'whole number'],
    ['a superseded id that is not an event id', (p) => (p.supersedes = 'previous'), 'supersedes', 'event id (UUID)'],
    ['a transport from another airport than WUH or EHU', (p) => (p.transport = { ...{ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } }, origin: 'PVG' }), 'transport.origin', 'Wuhan hub'],
    ['a manifest reference without its event id', (p) => (p.transport = { ...{ flightId: 'O36921-2026-11-25', flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z', manifest: { eventId: '7d3c9e2a-1f4b-4a6c-8e5d-9b0a1c2d3e4f', closedAt: '2026-11-25T11:30:00Z' } }, manifest: { closedAt: '2026-11-25T11:30:00Z' } }), 'transport.manifest.eventId', 'flight.manifest.v1 event'],
  ],
);
