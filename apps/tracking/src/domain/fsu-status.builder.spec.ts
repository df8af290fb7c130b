import { parseFsu } from '@cargo/cargo-imp';
import { discrepancyCodeOf, fsuStatusMessagesOf, type FsuPlaces } from './fsu-status.builder';
import { AWB, assigned, happyPath, manifest, received, scan } from './tracked-events.spec-helper';

const ZONES: Record<string, string> = { WUH: 'Asia/Shanghai', EHU: 'Asia/Shanghai', PVG: 'Asia/Shanghai', FRA: 'Europe/Berlin' };
const places: FsuPlaces = {
  timeZoneOf: (airport) => ZONES[airport],
  airportOfStation: (place) => (place === 'OVS' ? 'WUH' : undefined),
};

describe('FSU/15 of a shipment timeline', () => {
  const events = [
    ...happyPath(),
    scan('FOH', '2026-11-25T01:30:00Z', { place: 'OVS' }),
    scan('RCF', '2026-11-26T03:40:00Z', { place: 'FRA', flightNumber: 'O36921', pieces: 10 }),
    scan('NFD', '2026-11-26T05:00:00Z', { place: 'FRA' }),
    scan('DIS', '2026-11-26T03:45:00Z', { place: 'FRA', remarks: '2 pieces missing from the ULD', pieces: 2 }),
  ];
  const messages = fsuStatusMessagesOf(AWB, events, places);
  const byStatus = (status: string) => messages.filter((m) => m.status === status);

  it('has a message for every FSU status of the timeline, each parsing with the strict FSU/15 parser', () => {
    expect([...new Set(messages.map((m) => m.status))].sort()).toEqual(['ARR', 'BKD', 'DEP', 'DIS', 'DLV', 'FOH', 'MAN', 'NFD', 'RCF', 'RCS']);
    for (const m of messages) {
      const parsed = parseFsu(m.fsu);
      expect(parsed).toMatchObject({ awb: AWB, origin: 'EHU', destination: 'FRA', quantity: { code: 'T', pieces: 12, weight: { code: 'K', value: 486.5 } } });
      expect(parsed.statuses[0]?.code).toBe(m.status);
    }
  });

  it('writes each line as FSU/15 has it: local times at the airport of the line, flights with their date', () => {
    const line = (status: string) => byStatus(status)[0]?.fsu.split('\r\n')[2];
    expect(line('RCS')).toBe('RCS/25NOV0912/EHU/T12K486.5/WUHAN GUANGGU XINGHE OPTOELECTRONIC');
    expect(line('FOH')).toBe('FOH/25NOV0930/EHU/T12K486.5');
    expect(line('BKD')).toBe('BKD/O36921/25NOV/EHUFRA/T12K486.5/S2230/S0320');
    expect(line('MAN')).toBe('MAN/O36921/25NOV/EHUFRA/T12K486.5/S2230');
    expect(line('DEP')).toBe('DEP/O36921/25NOV/EHUFRA/T12K486.5/A2235');
    expect(line('ARR')).toBe('ARR/O36921/26NOV0325/FRA/T12K486.5');
    expect(line('RCF')).toBe('RCF/O36921/26NOV0440/FRA/P10T12');
    expect(line('NFD')).toBe('NFD/26NOV0600/FRA/T12K486.5');
    expect(line('DLV')).toBe('DLV/26NOV1000/FRA/T12K486.5');
    expect(byStatus('DIS')[0]?.fsu.split('\r\n').slice(2, 4)).toEqual(['DIS//26NOV0445/FRA/MSCA/P2T12', 'OSI/2 PIECES MISSING FROM THE ULD']);
  });

  it('gives the JSON facts of each status: airport, flight, pieces, when, and the event it comes from', () => {
    const dep = byStatus('DEP')[0];
    expect(dep).toMatchObject({ awb: AWB, place: 'EHU', flightNumber: 'O36921', pieces: 12, happenedAt: '2026-11-25T14:35:00Z' });
    expect(events.map((e) => e.eventId)).toContain(dep?.sourceEventId);
  });

  it('books a connection as two BKD lines, the second from the transfer hub', () => {
    const withConnection = [
      received(),
      assigned({
        flightNumber: 'MU2501',
        flightId: 'MU2501-2026-11-25',
        origin: 'WUH',
        aircraftKind: 'BELLY',
        departureAt: '2026-11-25T02:00:00Z',
        cutoffAt: '2026-11-25T00:00:00Z',
        truckDepartBy: '2026-11-24T23:00:00Z',
        arrivalAt: '2026-11-25T03:40:00Z',
        connection: { flightId: 'MU219-2026-11-25', flightNumber: 'MU219', via: 'PVG', departureAt: '2026-11-25T05:00:00Z', arrivalAt: '2026-11-25T18:00:00Z' },
      }),
    ];
    const [bkd] = fsuStatusMessagesOf(AWB, withConnection, places).filter((m) => m.status === 'BKD');
    expect(bkd?.fsu.split('\r\n').slice(1, 4)).toEqual(['784-12345675WUHFRA/T12K486.5', 'BKD/MU2501/25NOV/WUHPVG/T12K486.5/S1000/S1140', 'BKD/MU219/25NOV/PVGFRA/T12K486.5/S1300/S1900']);
  });

  it('reports a station scan at the airport the AWB leaves from, and nothing before the intake', () => {
    expect(fsuStatusMessagesOf(AWB, [manifest(), scan('FOH', '2026-11-25T01:30:00Z', { place: 'OVS' })], places)).toEqual([]);
    const early = fsuStatusMessagesOf(AWB, [received(), scan('FOH', '2026-11-25T01:30:00Z', { place: 'OVS' })], places);
    expect(early.map((m) => [m.status, m.place])).toEqual([
      ['RCS', 'WUH'],
      ['FOH', 'WUH'],
    ]);
  });

  it('turns an RCF of no pieces into a DIS of missing cargo, and leaves out a discrepancy FSU has no code for', () => {
    const none = fsuStatusMessagesOf(AWB, [...happyPath(), scan('RCF', '2026-11-26T03:40:00Z', { place: 'FRA', flightNumber: 'O36921', pieces: 0 })], places);
    expect(none.filter((m) => m.status === 'DIS').map((m) => m.fsu.split('\r\n')[2])).toEqual(['DIS/O36921/26NOV0440/FRA/MSCA/T12K486.5']);
    expect(discrepancyCodeOf('3 cartons damaged')).toBeUndefined();
    expect(discrepancyCodeOf('1 surplus piece')).toBe('FDCA');
    expect(discrepancyCodeOf('offloaded for weight')).toBe('OFLD');
  });
});
