import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'CargoCancelled',
  [['a cancellation right after the intake (version 2)', (p) => (p.intakeVersion = 2)]],
  [
    ['a wrong AWB check digit', (p) => (p.awb = '784-12345670'), 'awb', 'check digit 0 does not match serial 1234567 (expected 5)'],
    ['a missing station', (p) => delete p.stationCode, 'stationCode', 'station code'],
    ['intake version 1', (p) => (p.intakeVersion = 1), 'intakeVersion', 'at least 2'],
    ['a missing superseded id', (p) => delete p.supersedes, 'supersedes', 'event id (UUID)'],
    ['no reason', (p) => (p.reason = ''), 'reason', 'say why'],
    ['no author', (p) => (p.cancelledBy = ''), 'cancelledBy', 'identify who cancelled'],
    ['a time without offset', (p) => (p.cancelledAt = '2026-11-25T10:05:00'), 'cancelledAt', 'RFC 3339'],
    ['an unknown field', (p) => (p.flightId = 'O36921-2026-11-25'), 'flightId', 'not a field of this message'],
  ],
);
