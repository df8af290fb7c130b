import { generateTimetable } from '@cargo/seeds';
import { demoPartyClients, timetableCarriers } from './demo-parties.config';

describe('demo party clients', () => {
  const clients = demoPartyClients(() => 'secret');

  it('the simulator plays every airline of the seeded timetable with one airline client', () => {
    const simAirline = clients.find((c) => c.client_id === 'sim-airline');
    expect(simAirline).toMatchObject({ roles: ['airline'] });
    const flown = new Set(generateTimetable({ date: '2026-11-25', days: 7, seed: 2027 }).map((f) => f.carrier));
    expect(new Set(simAirline?.carriers)).toEqual(flown);
    expect(timetableCarriers()).toEqual([...flown].sort());
  });

  it('the demo airlines stay limited to their own carrier', () => {
    expect(clients.find((c) => c.client_id === 'demo-airline-cz')?.carriers).toEqual(['CZ']);
    expect(clients.find((c) => c.client_id === 'demo-airline-o3')?.carriers).toEqual(['O3']);
  });

  it('client ids are unique', () => {
    expect(new Set(clients.map((c) => c.client_id)).size).toBe(clients.length);
  });
});
