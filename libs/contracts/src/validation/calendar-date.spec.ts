import { validateSync } from 'class-validator';
import { IsCalendarDate, IsMoneyAmount, IsTimestamp, isCalendarDate } from './common.decorators';

class Probe {
  @IsTimestamp() at!: string;
  @IsCalendarDate() day!: string;
}
const errorsOf = (at: string, day: string) => validateSync(Object.assign(new Probe(), { at, day })).map((e) => e.property);

describe('calendar dates that exist', () => {
  it('knows which days exist', () => {
    expect(['2026-11-25', '2028-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '26-1-1', '2026-1-01'].map(isCalendarDate)).toEqual([false, false, false, false, false, false, false]);
  });

  it('refuses timestamps and dates on days that do not exist', () => {
    expect(errorsOf('2026-11-25T09:30:00+08:00', '2026-11-25')).toEqual([]);
    expect(errorsOf('2026-02-30T09:30:00+08:00', '2026-02-30')).toEqual(['at', 'day']);
    expect(errorsOf('2026-13-45T09:30:00Z', '2026-13-45')).toEqual(['at', 'day']);
  });
});

describe('money amounts', () => {
  class Amount {
    @IsMoneyAmount() amount!: unknown;
  }
  const ok = (amount: unknown) => validateSync(Object.assign(new Amount(), { amount })).length === 0;

  it('accepts at most 2 decimals and refuses, without throwing, numbers in exponent form', () => {
    expect([186000, 12.5, 0.01, 99.99].map(ok)).toEqual([true, true, true, true]);
    expect([4e-323, 1e21, 1.234, Number.NaN, Infinity, '12', null].map(ok)).toEqual([false, false, false, false, false, false, false]);
  });
});
