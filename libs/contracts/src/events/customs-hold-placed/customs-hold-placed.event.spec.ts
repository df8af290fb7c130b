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
  ],
);
