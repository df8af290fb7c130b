import { describePayload } from '../payload-cases.spec-helper';

describePayload(
  'HandlingScanned',
  [
    ['a departure scan with its flight', (p) => Object.assign(p, { code: 'DEP', place: 'EHU', flightNumber: 'O36921', flightId: 'O36921-2026-11-25', truckId: undefined })],
    ['a discrepancy with remarks', (p) => Object.assign(p, { code: 'DIS', place: 'EHU', remarks: '2 of 12 pieces missing at truck arrival' })],
    ['a receipt scan without station, pieces or truck', (p) => {
      delete p.stationCode;
      delete p.pieces;
      delete p.truckId;
      p.code = 'RCS';
    }],
    ['every code', (p) => (p.code = 'LOT')],
    ['a scan recorded hours after it happened (late scan)', (p) => (p.recordedAt = '2026-11-26T02:00:00+08:00')],
    ['an airline departure', (p) => Object.assign(p, { code: 'DEP', place: 'EHU', flightNumber: 'O36921', truckId: undefined, stationCode: undefined, source: 'AIRLINE' })],
    ['a departure the hub assumed (the airline stayed silent)', (p) => Object.assign(p, { code: 'DEP', place: 'EHU', flightNumber: 'O36921', truckId: undefined, source: 'ASSUMED', remarks: 'no DEP from the airline 30 min after departure' })],
    ['received from the flight with none of its pieces (RCF, 0 pieces)', (p) => Object.assign(p, { code: 'RCF', place: 'FRA', pieces: 0, truckId: undefined, stationCode: undefined, source: 'AIRLINE' })],
  ],
  [
    ['a wrong AWB check digit', (p) => (p.awb = '78412345670'), 'awb', 'check digit 0 does not match serial 1234567 (expected 5)'],
    ['an unknown status code', (p) => (p.code = 'MAN'), 'code', 'must be one of RCS, FOH, LOT, TDP, TAR, DEP'],
    ['a lower-case place', (p) => (p.place = 'ehu'), 'place', 'station code (e.g. OVS) or an airport IATA code'],
    ['a missing place', (p) => delete p.place, 'place', 'station code'],
    ['a departure without flight number', (p) => Object.assign(p, { code: 'DEP', place: 'EHU' }), 'flightNumber', 'required for DEP and ARR'],
    ['an arrival with a bad flight number', (p) => Object.assign(p, { code: 'ARR', place: 'FRA', flightNumber: 'O3-6921' }), 'flightNumber', 'flight number such as CZ3481'],
    ['a bad flight id', (p) => (p.flightId = 'O36921'), 'flightId', 'flight number and local departure date'],
    ['a discrepancy without remarks', (p) => Object.assign(p, { code: 'DIS' }), 'remarks', 'required for DIS'],
    ['empty remarks', (p) => (p.remarks = ''), 'remarks', 'must not be empty'],
    ['zero pieces', (p) => (p.pieces = 0), 'pieces', 'at least 1'],
    ['zero pieces delivered', (p) => Object.assign(p, { code: 'DLV', place: 'FRA', pieces: 0, truckId: undefined }), 'pieces', '0 only on RCF'],
    ['negative pieces on RCF', (p) => Object.assign(p, { code: 'RCF', place: 'FRA', pieces: -1, truckId: undefined }), 'pieces', 'at least 1'],
    ['an unknown source', (p) => (p.source = 'CARRIER'), 'source', 'must be one of STATION, AIRLINE, ASSUMED'],
    ['an empty truck id', (p) => (p.truckId = ''), 'truckId', 'truckId should not be empty'],
    ['a happened time that is not a timestamp', (p) => (p.happenedAt = 'yesterday'), 'happenedAt', 'RFC 3339'],
    ['a missing recorded time', (p) => delete p.recordedAt, 'recordedAt', 'RFC 3339'],
    ['an unknown field', (p) => (p.scanner = 'T-12'), 'scanner', 'not a field of this message'],
  ],
);
