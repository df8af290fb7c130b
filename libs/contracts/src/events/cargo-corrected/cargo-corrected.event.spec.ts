import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'CargoCorrected',
  [
    ['a corrected piece count only', (p) => Object.assign(p, { previous: { pieces: 11, grossWeightKg: 512, volumeM3: 2.4 } })],
    ['a second correction (intake version 3)', (p) => (p.intakeVersion = 3)],
    ['the 11-digit AWB form, made canonical', (p) => {
      p.awb = '78412345675';
      p.intake.awb = '78412345675';
    }],
  ],
  [
    ['a malformed AWB', (p) => (p.awb = 'ABC-12345675'), 'awb', "contains 'A' at position 1"],
    ['intake version 1 (that is the intake itself)', (p) => (p.intakeVersion = 1), 'intakeVersion', 'at least 2'],
    ['a superseded id that is not an event id', (p) => (p.supersedes = 'intake-1'), 'supersedes', 'event id (UUID)'],
    ['no previous figures', (p) => delete p.previous, 'previous', 'figures before the correction'],
    ['zero pieces before', (p) => (p.previous.pieces = 0), 'previous.pieces', 'at least 1'],
    ['a corrected intake without pieces', (p) => delete p.intake.pieces, 'intake.pieces', 'whole number'],
    ['a corrected intake of another AWB', (p) => (p.intake.awb = '112-76543213'), 'intake', 'same AWB at the same station'],
    ['nothing corrected', (p) => (p.intake.grossWeightKg = 486.5), 'intake', 'changes pieces, gross weight or volume'],
    ['no reason', (p) => (p.reason = ''), 'reason', 'say why'],
    ['no author', (p) => delete p.correctedBy, 'correctedBy', 'identify who corrected'],
    ['a bad time', (p) => (p.correctedAt = '25/11/2026'), 'correctedAt', 'RFC 3339'],
  ],
);
