import { generateTimetable } from './timetable.generator';
import { AIRCRAFT_REGISTRATIONS, registrationFor } from './registrations.seed';

describe('aircraft registrations', () => {
  const flights = generateTimetable({ date: '2026-11-23', days: 7 });

  it('gives every flight (not the trucks) a registration of its carrier and aircraft type', () => {
    for (const f of flights) {
      if (f.aircraftKind === 'TRUCK') {
        expect(f.aircraftRegistration).toBeUndefined();
        continue;
      }
      expect(AIRCRAFT_REGISTRATIONS[f.carrier]?.[f.aircraftType]).toContain(f.aircraftRegistration);
    }
  });

  it('writes registrations an FFM flight line can carry (letters, digits, hyphen; at most 10), never an aircraft type', () => {
    const types = new Set(flights.map((f) => f.aircraftType));
    for (const fleet of Object.values(AIRCRAFT_REGISTRATIONS)) {
      for (const [type, registrations] of Object.entries(fleet)) {
        for (const r of registrations) {
          expect(r).toMatch(/^[A-Z0-9][A-Z0-9-]{1,9}$/);
          expect(types.has(r) || r === type).toBe(false);
        }
      }
    }
  });

  it('keeps a flight on the same aircraft from day to day', () => {
    const byNumber = new Map<string, Set<string | undefined>>();
    for (const f of flights) byNumber.set(f.flightNumber, (byNumber.get(f.flightNumber) ?? new Set()).add(f.aircraftRegistration));
    for (const registrations of byNumber.values()) expect(registrations.size).toBe(1);
    expect(registrationFor('CX', 'A330-300', 'CX953')).toBe(registrationFor('CX', 'A330-300', 'CX953'));
    expect(registrationFor('XX', 'A330-300', 'XX1')).toBeUndefined();
  });
});
