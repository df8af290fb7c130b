import { decideCancellation, decideCorrection, manifestedLeg, type IntakeChangeState } from './intake-change.rules';
import { StationIntakeErrorCodes } from './station-intake.error';

const now = new Date('2026-11-25T03:00:00Z');
const state: IntakeChangeState = { awb: '784-12345675', cancelled: false, pieces: 12, grossWeightKg: 486.5, volumeM3: 2.4 };
const leg = (cutoffAt: string, onLeg = true) => ({ onLeg, flightNumber: 'O36921', cutoffAt: new Date(cutoffAt) });

describe('decideCorrection', () => {
  it('corrects the figures given and keeps the others', () => {
    expect(decideCorrection(state, { grossWeightKg: 512 }, { leg: undefined, now })).toEqual({
      kind: 'CORRECT',
      previous: { pieces: 12, grossWeightKg: 486.5, volumeM3: 2.4 },
      next: { pieces: 12, grossWeightKg: 512, volumeM3: 2.4 },
    });
  });

  it('is allowed while booked, until the cut-off closes the manifest', () => {
    expect(decideCorrection(state, { pieces: 13 }, { leg: leg('2026-11-25T03:00:01Z'), now }).kind).toBe('CORRECT');
    expect(() => decideCorrection(state, { pieces: 13 }, { leg: leg('2026-11-25T03:00:00Z'), now })).toThrow(
      expect.objectContaining({ code: StationIntakeErrorCodes.AlreadyManifested, message: expect.stringContaining('manifested on O36921') }),
    );
  });

  it('an offloaded or wait-listed shipment (no current leg) may be corrected whatever its old cut-off', () => {
    expect(decideCorrection(state, { volumeM3: 3 }, { leg: leg('2026-11-25T01:00:00Z', false), now }).kind).toBe('CORRECT');
  });

  it('the figures on record again: nothing to do, even once manifested (a retry is answered)', () => {
    expect(decideCorrection(state, { pieces: 12, grossWeightKg: 486.5 }, { leg: leg('2026-11-25T01:00:00Z'), now })).toEqual({ kind: 'UNCHANGED' });
  });

  it('a cancelled intake cannot be corrected', () => {
    expect(() => decideCorrection({ ...state, cancelled: true }, { pieces: 13 }, { leg: undefined, now })).toThrow(expect.objectContaining({ code: StationIntakeErrorCodes.IntakeCancelled }));
  });
});

describe('decideCancellation', () => {
  it('cancels before the shipment left the station, also once manifested or loaded on a truck', () => {
    expect(decideCancellation(state, [])).toEqual({ kind: 'CANCEL' });
    expect(decideCancellation(state, ['RCS', 'FOH', 'LOT', 'DIS'])).toEqual({ kind: 'CANCEL' });
  });

  it('is too late once the truck departed (TDP) or reached the airport (TAR)', () => {
    for (const codes of [['RCS', 'LOT', 'TDP'], ['TAR']]) {
      expect(() => decideCancellation(state, codes)).toThrow(expect.objectContaining({ code: StationIntakeErrorCodes.LeftStation }));
    }
  });

  it('a cancelled intake is cancelled once', () => {
    expect(decideCancellation({ ...state, cancelled: true }, ['TDP'])).toEqual({ kind: 'ALREADY_CANCELLED' });
  });
});

describe('manifestedLeg', () => {
  it('is the current leg once its cut-off passed, never a leg the shipment is no longer on', () => {
    expect(manifestedLeg(leg('2026-11-25T02:00:00Z'), now)).toEqual({ flightNumber: 'O36921', cutoffAt: new Date('2026-11-25T02:00:00Z') });
    expect(manifestedLeg(leg('2026-11-25T04:00:00Z'), now)).toBeUndefined();
    expect(manifestedLeg(leg('2026-11-25T02:00:00Z', false), now)).toBeUndefined();
    expect(manifestedLeg(undefined, now)).toBeUndefined();
  });
});
