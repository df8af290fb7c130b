import { CargoImpSyntaxError } from '@cargo/cargo-imp';
import { airlineReportsFromFsu, FsuReportError, type FsuReportContext } from './airline-status-fsu.mapper';

const ZONES: Record<string, string> = { WUH: 'Asia/Shanghai', EHU: 'Asia/Shanghai', PVG: 'Asia/Shanghai', FRA: 'Europe/Berlin' };
const ctx: FsuReportContext = { timeZoneOf: (a) => ZONES[a], now: new Date('2026-11-26T12:00:00Z') };
const fsu = (...lines: string[]) => ['FSU/15', '784-65684393EHUFRA/T12K486.5', ...lines].map((l) => `${l}\r\n`).join('');

describe('airline FSU/15 as airline status reports', () => {
  it('takes a DEP from the hub as the flight departure (flight id of the local flight date), at the actual time', () => {
    expect(airlineReportsFromFsu(fsu('DEP/CK221/25NOV/EHUFRA/T12K486.5/A2152'), ctx)).toEqual([{ kind: 'flight', flightId: 'CK221-2026-11-25', body: { code: 'DEP', happenedAt: '2026-11-25T13:52:00.000Z' } }]);
  });

  it('takes ARR, RCF with its pieces, NFD and DLV (and a transfer DEP) as the shipment reports, local times at the airport', () => {
    expect(
      airlineReportsFromFsu(
        fsu('DEP/MU219/25NOV/PVGFRA/T12K486.5/A1905', 'ARR/MU219/26NOV0548/FRA/T12K486.5', 'RCF/MU219/26NOV0730/FRA/P10T12', 'NFD/26NOV0900/FRA/T12', 'DLV/26NOV1415/FRA/T12K486.5/RHEIN-MAIN LOGISTIK'),
        ctx,
      ),
    ).toEqual([
      { kind: 'shipment', awb: '784-65684393', body: { code: 'DEP', place: 'PVG', happenedAt: '2026-11-25T11:05:00.000Z', flightNumber: 'MU219', pieces: 12 } },
      { kind: 'shipment', awb: '784-65684393', body: { code: 'ARR', place: 'FRA', happenedAt: '2026-11-26T04:48:00.000Z', flightNumber: 'MU219', pieces: 12 } },
      { kind: 'shipment', awb: '784-65684393', body: { code: 'RCF', place: 'FRA', happenedAt: '2026-11-26T06:30:00.000Z', flightNumber: 'MU219', pieces: 10 } },
      { kind: 'shipment', awb: '784-65684393', body: { code: 'NFD', place: 'FRA', happenedAt: '2026-11-26T08:00:00.000Z', pieces: 12 } },
      { kind: 'shipment', awb: '784-65684393', body: { code: 'DLV', place: 'FRA', happenedAt: '2026-11-26T13:15:00.000Z', pieces: 12, remarks: 'RHEIN-MAIN LOGISTIK' } },
    ]);
  });

  it('refuses what is not an airline report, or lacks its time, naming the line', () => {
    expect(() => airlineReportsFromFsu(fsu('BKD/CK221/25NOV/EHUFRA/T12K486.5'), ctx)).toThrow(new FsuReportError(3, 'status code', 'BKD is not an airline report (the hub takes DEP, ARR, RCF, NFD, DLV)'));
    expect(() => airlineReportsFromFsu(fsu('DEP/CK221/25NOV/EHUFRA/T12K486.5/S2140'), ctx)).toThrow(/line 3, time of departure/);
    expect(() => airlineReportsFromFsu(fsu('ARR/CK221/26NOV/FRA/T12'), ctx)).toThrow(/line 3, time of the status/);
  });

  it('refuses FSU text that breaks the grammar with the strict parser’s error', () => {
    expect(() => airlineReportsFromFsu(fsu('DEP/CK221/25NOV/EHU/T12'), ctx)).toThrow(CargoImpSyntaxError);
  });
});
