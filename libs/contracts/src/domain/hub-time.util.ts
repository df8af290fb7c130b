/**
 * Local time at the Wuhan hub (WUH, EHU, and the stations around them): China Standard Time, UTC+8,
 * with no daylight saving, so every local day is exactly 24 hours and starts at 16:00Z the day before.
 * Plain TypeScript: the domains and the apps share this one definition of "the hub's day".
 */

/** The hub's UTC offset, as written in RFC 3339 timestamps. Constant: China has no daylight saving. */
export const HUB_UTC_OFFSET = '+08:00';

const HUB_UTC_OFFSET_MS = 8 * 3_600_000;

/**
 * The hub's local calendar date (`YYYY-MM-DD`) of an instant: a `Date`, epoch milliseconds, or a
 * timestamp string `Date.parse` reads (RFC 3339 with its offset, e.g. `…Z` or `…+08:00`).
 *
 * @throws RangeError when the instant is not a valid time
 */
export function hubLocalDate(instant: Date | string | number): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + HUB_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant the hub's local day `localDate` (`YYYY-MM-DD`) begins: 00:00 UTC+8, i.e. 16:00Z the day
 * before. The day ends 24 hours later.
 *
 * Precondition: `localDate` is a day that exists; check input first (the edges validate it). This
 * function does not: it reads `localDate` as `Date` does, so text that is not `YYYY-MM-DD`, or has a
 * month or day out of range (13, 32, 00), gives an Invalid Date, while a day its month lacks
 * (2026-02-30) rolls over into the next month (2026-03-02).
 */
export function hubDayStart(localDate: string): Date {
  return new Date(`${localDate}T00:00:00${HUB_UTC_OFFSET}`);
}
