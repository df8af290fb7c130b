import { ManualClock } from '@cargo/service-runtime';
import { arrivalWavesText, firstArrivalWaveAt, generateDayPlan } from '../domain/day-plan.generator';
import type { HubApi } from './hub-api.port';
import { SimulationRunner } from './simulation.runner';

describe('simulation progress', () => {
  const date = '2026-11-25';
  const plan = generateDayPlan({ date, shipments: 800, seed: 7 });

  it('says when the first arrival wave starts, from the wave schedule', () => {
    expect(firstArrivalWaveAt(date).toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(arrivalWavesText()).toBe('07:00–11:00 (40 %), 13:00–17:00 (35 %), 18:00–22:00 (25 %)');
    expect(plan.every((p) => p.arrivesAt >= firstArrivalWaveAt(date))).toBe(true);
  });

  it('prints aligned rows under a header, and before the first arrivals says when they come', () => {
    const clock = new ManualClock(Date.parse('2026-11-24T22:30:00Z'));
    const runner = new SimulationRunner({ plan, clock, api: {} as HubApi, endsAt: new Date('2026-11-26T06:00:00Z'), log: () => undefined });
    const first = runner.progressLines();
    expect(first).toHaveLength(3);
    expect(first[0]).toMatch(/^sim time \(UTC\+8\)\s+intakes\s+rejected\s+scans\s+holds\s+lab\s+trucks L\/D\/A\s+DEP\s+ARR\s+RCF\s+DLV\s+errors\s+note$/);
    expect(first[2]).toMatch(/^2026-11-25 06:30\s+0\/800\s+0\s+0\s+0\s+0\s+0\/0\/0\s+0\s+0\s+0\s+0\s+0 {2}first arrivals at 07:\d\d hub-local$/);
    runner.stats.intakesPosted = 412;
    runner.stats.errors = 3;
    clock.advance(5 * 3_600_000);
    const next = runner.progressLines();
    expect(next).toHaveLength(1);
    // The intakes column ends where its header does, whatever the number's width.
    const end = (line: string, cell: string) => line.indexOf(cell) + cell.length;
    expect(end(next[0] ?? '', '412/800')).toBe(end(first[0] ?? '', 'intakes'));
    expect(end(first[2] ?? '', '0/800')).toBe(end(first[0] ?? '', 'intakes'));
    expect(end(next[0] ?? '', ' 3')).toBe(end(first[0] ?? '', 'errors'));
  });
});
