import { checkFlightReport, checkShipmentReport, flightReportKey, isSameReport, shipmentReportKey, type AirlineStatusReport } from './airline-status.rules';
import { at, flight } from './domain.spec-helper';
import { MINUTE_MS } from './flight.model';

const SKEW = 5 * MINUTE_MS;

describe('airline status rules', () => {
  // MU2501 WUH→PVG: cut-off 08:00, departs 10:00, arrives 12:00 (UTC).
  const closed = flight({ flightNumber: 'MU2501', status: 'CLOSED' });
  const departed = { ...closed, status: 'DEPARTED' as const };

  describe('flight-level reports', () => {
    it('accepts a DEP after the cut-off and an ARR after the departure', () => {
      expect(checkFlightReport(closed, {}, 'DEP', at(10, 12), at(10, 30), SKEW)).toBeUndefined();
      expect(checkFlightReport(departed, { departedAt: at(10, 12) }, 'ARR', at(12, 20), at(12, 30), SKEW)).toBeUndefined();
    });

    it('refuses a time ahead of the shared clock beyond the skew, but not within it', () => {
      expect(checkFlightReport(closed, {}, 'DEP', at(10, 6), at(10), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'happenedAt', message: expect.stringContaining('in the future') } });
      expect(checkFlightReport(closed, {}, 'DEP', at(10, 4), at(10), SKEW)).toBeUndefined();
    });

    it('refuses a DEP before the cut-off or two days off the timetable', () => {
      expect(checkFlightReport(closed, {}, 'DEP', at(7, 59), at(11), SKEW)).toMatchObject({ kind: 'invalid', error: { message: expect.stringContaining('before the cut-off') } });
      expect(checkFlightReport(closed, {}, 'DEP', at(58, 1), at(60), SKEW)).toMatchObject({ kind: 'invalid', error: { message: expect.stringContaining('48 h') } });
    });

    it('is a conflict for a cancelled flight, an open manifest, and an ARR without a departure', () => {
      expect(checkFlightReport({ ...closed, status: 'CANCELLED' }, {}, 'DEP', at(10), at(11), SKEW)).toMatchObject({ kind: 'conflict', message: expect.stringContaining('cancelled') });
      expect(checkFlightReport({ ...closed, status: 'SCHEDULED' }, {}, 'DEP', at(10), at(11), SKEW)).toMatchObject({ kind: 'conflict', message: expect.stringContaining('not closed') });
      expect(checkFlightReport(closed, {}, 'ARR', at(12), at(13), SKEW)).toMatchObject({ kind: 'conflict', message: expect.stringContaining('report DEP first') });
    });

    it('refuses an arrival not after the departure (reported, else scheduled)', () => {
      expect(checkFlightReport(departed, { departedAt: at(10, 40) }, 'ARR', at(10, 30), at(13), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'happenedAt' } });
      expect(checkFlightReport(departed, {}, 'ARR', at(10), at(13), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'happenedAt' } });
    });
  });

  describe('shipment-level reports', () => {
    const left = { departed: true, departedAt: at(10) };

    it('accepts RCF with 0 pieces (nothing came off the flight), NFD and DLV after the departure', () => {
      expect(checkShipmentReport(left, { code: 'RCF', place: 'PVG', pieces: 0, happenedAt: at(12, 40) }, at(13), SKEW)).toBeUndefined();
      expect(checkShipmentReport(left, { code: 'NFD', place: 'PVG', happenedAt: at(13) }, at(13), SKEW)).toBeUndefined();
      expect(checkShipmentReport(left, { code: 'DLV', place: 'PVG', pieces: 4, happenedAt: at(15) }, at(16), SKEW)).toBeUndefined();
    });

    it('accepts a transfer departure from the hub, refuses a DEP from Wuhan (reported per flight)', () => {
      expect(checkShipmentReport(left, { code: 'DEP', place: 'PVG', happenedAt: at(15) }, at(16), SKEW)).toBeUndefined();
      expect(checkShipmentReport(left, { code: 'DEP', place: 'WUH', happenedAt: at(11) }, at(16), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'place' } });
    });

    it('refuses 0 pieces except on RCF, a future time, and anything before the shipment left Wuhan', () => {
      expect(checkShipmentReport(left, { code: 'DLV', place: 'PVG', pieces: 0, happenedAt: at(15) }, at(16), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'pieces' } });
      expect(checkShipmentReport(left, { code: 'NFD', place: 'PVG', happenedAt: at(17) }, at(16), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'happenedAt' } });
      expect(checkShipmentReport(left, { code: 'RCF', place: 'PVG', pieces: 4, happenedAt: at(9) }, at(16), SKEW)).toMatchObject({ kind: 'invalid', error: { field: 'happenedAt' } });
    });

    it('is a conflict while the shipment has not left Wuhan', () => {
      expect(checkShipmentReport({ departed: false, departedAt: at(10) }, { code: 'RCF', place: 'PVG', pieces: 4, happenedAt: at(12) }, at(13), SKEW)).toMatchObject({ kind: 'conflict' });
    });
  });

  describe('idempotence', () => {
    const report: AirlineStatusReport = { key: shipmentReportKey('784-12345675', 'RCF', 'PVG'), awb: '784-12345675', code: 'RCF', place: 'PVG', pieces: 4, happenedAt: at(12), recordedAt: at(12, 5), source: 'AIRLINE', actor: 'mu-cargo' };

    it('one key per flight and code (the assumed DEP apart), per shipment, code and place', () => {
      expect(flightReportKey('MU2501-2026-11-25', 'DEP')).toBe('F:MU2501-2026-11-25:DEP');
      expect(flightReportKey('MU2501-2026-11-25', 'DEP', 'ASSUMED')).toBe('F:MU2501-2026-11-25:DEP:ASSUMED');
      expect(shipmentReportKey('784-12345675', 'RCF', 'PVG')).not.toBe(shipmentReportKey('784-12345675', 'RCF', 'FRA'));
    });

    it('a re-post with the same facts is the same report (whenever recorded); other facts are not', () => {
      expect(isSameReport(report, { ...report, recordedAt: at(14) })).toBe(true);
      expect(isSameReport(report, { ...report, pieces: 3 })).toBe(false);
      expect(isSameReport(report, { ...report, happenedAt: at(12, 1) })).toBe(false);
    });
  });
});
