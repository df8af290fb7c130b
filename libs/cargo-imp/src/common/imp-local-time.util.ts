import { MONTHS, type MonthCode } from './imp-elements.constants';
import type { ImpDate, ImpDateTime } from './imp-values.model';

/**
 * Cargo-IMP dates and times are local at the place a line is about (the airport of departure for a
 * flight date, the airport where a status happened) and have no year. These two functions convert
 * between instants and that form with an IANA time zone (`Asia/Shanghai`), using the platform's
 * `Intl` time-zone data (daylight saving included).
 */

function localParts(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The local date and time (hhmm) of `instant` in `timeZone`. */
export function impDateTimeOf(instant: Date | string | number, timeZone: string): ImpDateTime {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`impDateTimeOf: not a time: ${String(instant)}`);
  const p = localParts(ms, timeZone);
  return {
    day: p.day,
    month: MONTHS[p.month - 1] as MonthCode,
    time: `${String(p.hour).padStart(2, '0')}${String(p.minute).padStart(2, '0')}`,
  };
}

/** The local date of `instant` in `timeZone`. */
export function impDateOf(instant: Date | string | number, timeZone: string): ImpDate {
  const { day, month } = impDateTimeOf(instant, timeZone);
  return { day, month };
}

/** UTC instant of a local wall-clock time in `timeZone` (the first one, on a daylight-saving fold). */
function instantOfLocal(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return guess;
}

/**
 * The instant a Cargo-IMP date (and optional time; midnight without one) stands for: local in
 * `timeZone`, in the year that puts it nearest to `reference` (a message received on 2 Jan about
 * `31DEC` means the day before). February 29 only in a leap year.
 */
export function instantOfImpDateTime(d: ImpDate & { time?: string }, timeZone: string, reference: Date): Date {
  const month = MONTHS.indexOf(d.month) + 1;
  const hour = d.time ? Number(d.time.slice(0, 2)) : 0;
  const minute = d.time ? Number(d.time.slice(2)) : 0;
  const refYear = localParts(reference.getTime(), timeZone).year;
  const candidates = [refYear - 1, refYear, refYear + 1]
    .filter((y) => new Date(Date.UTC(y, month - 1, d.day)).getUTCMonth() === month - 1)
    .map((y) => instantOfLocal(y, month, d.day, hour, minute, timeZone));
  if (candidates.length === 0) throw new RangeError(`instantOfImpDateTime: ${d.day} ${d.month} is not a date near ${reference.toISOString()}`);
  const best = candidates.reduce((a, b) => (Math.abs(b - reference.getTime()) < Math.abs(a - reference.getTime()) ? b : a));
  return new Date(best);
}
