import { impDateOf, impDateTimeOf, instantOfImpDateTime } from './imp-local-time.util';

describe('Cargo-IMP local dates and times', () => {
  it('writes an instant as the local day, month and time of the place', () => {
    expect(impDateTimeOf('2026-11-25T13:40:00Z', 'Asia/Shanghai')).toEqual({ day: 25, month: 'NOV', time: '2140' });
    expect(impDateTimeOf('2026-11-25T17:10:00Z', 'Asia/Shanghai')).toEqual({ day: 26, month: 'NOV', time: '0110' });
    expect(impDateOf('2026-07-01T23:30:00Z', 'Europe/Berlin')).toEqual({ day: 2, month: 'JUL' });
  });

  it('reads a local date back in the year nearest to the reference, across daylight saving', () => {
    expect(instantOfImpDateTime({ day: 26, month: 'NOV', time: '0548' }, 'Europe/Berlin', new Date('2026-11-25T12:00:00Z')).toISOString()).toBe('2026-11-26T04:48:00.000Z');
    expect(instantOfImpDateTime({ day: 26, month: 'JUL', time: '0548' }, 'Europe/Berlin', new Date('2026-07-25T12:00:00Z')).toISOString()).toBe('2026-07-26T03:48:00.000Z');
    expect(instantOfImpDateTime({ day: 31, month: 'DEC', time: '2300' }, 'Asia/Shanghai', new Date('2027-01-02T00:00:00Z')).toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(instantOfImpDateTime({ day: 1, month: 'JAN' }, 'Asia/Shanghai', new Date('2026-12-30T00:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('places 29FEB in a leap year only', () => {
    expect(instantOfImpDateTime({ day: 29, month: 'FEB', time: '1200' }, 'Asia/Shanghai', new Date('2027-03-01T00:00:00Z')).toISOString()).toBe('2028-02-29T04:00:00.000Z');
  });
});
