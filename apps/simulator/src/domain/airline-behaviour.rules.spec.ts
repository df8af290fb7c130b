import { arrivalBehaviour, flightBehaviour, isMisroutedTransfer } from './airline-behaviour.rules';

const MINUTE = 60_000;
const DEP = Date.parse('2026-11-25T10:00:00Z');
const ARR = DEP + 120 * MINUTE;

describe('airline behaviour of the simulated day', () => {
  const flights = Array.from({ length: 2_000 }, (_, i) => flightBehaviour(`MU${2501 + i}-2026-11-25`, DEP, ARR));

  it('departs at or after the scheduled time, mostly within 10 minutes, a few much later; reports after the fact', () => {
    const delays = flights.map((f) => (f.departedAt - DEP) / MINUTE);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(150);
    const onTime = delays.filter((d) => d <= 10).length / delays.length;
    expect(onTime).toBeGreaterThan(0.6);
    expect(onTime).toBeLessThan(0.8);
    expect(delays.filter((d) => d > 40).length).toBeGreaterThan(0);
    for (const f of flights) {
      expect(f.depReportAt).toBeGreaterThan(f.departedAt);
      expect(f.arrivedAt).toBeGreaterThan(f.departedAt);
      expect(f.arrReportAt).toBeGreaterThan(f.arrivedAt);
    }
  });

  it('about 2 % of airlines stay silent about the departure; some flights arrive an hour or more late', () => {
    const silent = flights.filter((f) => f.silent).length / flights.length;
    expect(silent).toBeGreaterThan(0.01);
    expect(silent).toBeLessThan(0.035);
    expect(flights.some((f) => f.arrivedAt - f.departedAt >= 180 * MINUTE)).toBe(true);
  });

  it('is reproducible: the same flight behaves the same way every run', () => {
    expect(flightBehaviour('CZ3561-2026-11-25', DEP, ARR)).toEqual(flightBehaviour('CZ3561-2026-11-25', DEP, ARR));
  });

  it('receives every piece from the flight except now and then one to three short, then notifies and delivers', () => {
    const shipments = Array.from({ length: 3_000 }, (_, i) => arrivalBehaviour(`784-${String(4_000_000 + i)}`, ARR, 6));
    const short = shipments.filter((s) => s.piecesReceived < 6);
    expect(short.length / shipments.length).toBeGreaterThan(0.01);
    expect(short.length / shipments.length).toBeLessThan(0.035);
    for (const s of short) expect(6 - s.piecesReceived).toBeLessThanOrEqual(3);
    for (const s of shipments) {
      expect(s.receivedAt).toBeGreaterThan(ARR);
      expect(s.notifiedAt).toBeGreaterThan(s.receivedAt);
      expect(s.deliveredAt).toBeGreaterThan(s.notifiedAt);
    }
    expect(arrivalBehaviour('784-00000011', ARR, 1).piecesReceived).toBeGreaterThanOrEqual(0);
  });

  it('misroutes a few transfers', () => {
    const share = Array.from({ length: 3_000 }, (_, i) => isMisroutedTransfer(`784-${String(5_000_000 + i)}`)).filter(Boolean).length / 3_000;
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.05);
  });
});
