import { HUB_UTC_OFFSET, hubDayStart, hubLocalDate } from './hub-time.util';

describe('hub time (UTC+8, no daylight saving)', () => {
  it('the offset is +08:00', () => {
    expect(HUB_UTC_OFFSET).toBe('+08:00');
  });

  describe('hubLocalDate', () => {
    it('turns over at 16:00Z', () => {
      expect(hubLocalDate('2026-11-25T15:59:59.999Z')).toBe('2026-11-25');
      expect(hubLocalDate('2026-11-25T16:00:00Z')).toBe('2026-11-26');
    });

    it('takes a Date, epoch ms or a timestamp with any offset', () => {
      const instant = Date.parse('2024-12-31T16:00:00Z');
      expect(hubLocalDate(new Date(instant))).toBe('2025-01-01');
      expect(hubLocalDate(instant)).toBe('2025-01-01');
      expect(hubLocalDate('2025-01-01T00:00:00+08:00')).toBe('2025-01-01');
      expect(hubLocalDate('2024-12-31T23:59:59+08:00')).toBe('2024-12-31');
      expect(hubLocalDate('2024-12-31T10:00:00-06:00')).toBe('2025-01-01');
    });

    it('knows the leap day', () => {
      expect(hubLocalDate('2024-02-28T16:00:00Z')).toBe('2024-02-29');
      expect(hubLocalDate('2024-02-29T16:00:00Z')).toBe('2024-03-01');
      expect(hubLocalDate('2026-02-28T16:00:00Z')).toBe('2026-03-01');
    });

    it('refuses an instant that is not a time', () => {
      expect(() => hubLocalDate('not a time')).toThrow(RangeError);
      expect(() => hubLocalDate(Number.NaN)).toThrow(RangeError);
    });
  });

  describe('hubDayStart', () => {
    it('is 00:00 local, 16:00Z the day before; the day lasts 24 hours', () => {
      expect(hubDayStart('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
      expect(hubDayStart('2025-01-01').toISOString()).toBe('2024-12-31T16:00:00.000Z');
      expect(hubDayStart('2026-11-26').getTime() - hubDayStart('2026-11-25').getTime()).toBe(24 * 3_600_000);
    });

    it('round-trips with hubLocalDate, leap day included', () => {
      for (const date of ['2024-02-29', '2024-03-01', '2026-01-01', '2026-12-31']) {
        expect(hubLocalDate(hubDayStart(date))).toBe(date);
        expect(hubLocalDate(hubDayStart(date).getTime() - 1)).not.toBe(date);
      }
    });

    it('is an Invalid Date for text that is not YYYY-MM-DD, or a month or day out of range', () => {
      for (const text of ['2026-13-01', '2026-01-32', '2026-00-10', '25.11.2026', '']) {
        expect(Number.isNaN(hubDayStart(text).getTime())).toBe(true);
      }
    });

    it('does not validate an impossible date: 2026-02-30 rolls over like Date does (callers check input first)', () => {
      expect(hubDayStart('2026-02-30').toISOString()).toBe(hubDayStart('2026-03-02').toISOString());
      expect(hubDayStart('2026-04-31').toISOString()).toBe(hubDayStart('2026-05-01').toISOString());
    });
  });
});
