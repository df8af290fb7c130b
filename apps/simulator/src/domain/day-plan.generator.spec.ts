import { EventCatalog, validatePayload } from '@cargo/contracts';
import { findAirport, STATIONS } from '@cargo/seeds';
import { generateDayPlan } from './day-plan.generator';

describe('generateDayPlan', () => {
  const plan = generateDayPlan({ date: '2026-11-25', shipments: 600, seed: 7 });

  it('is reproducible for a seed and different for another', () => {
    expect(generateDayPlan({ date: '2026-11-25', shipments: 600, seed: 7 })).toEqual(plan);
    const other = generateDayPlan({ date: '2026-11-25', shipments: 600, seed: 8 });
    expect(other.map((p) => p.intake.awb)).not.toEqual(plan.map((p) => p.intake.awb));
  });

  it('produces intakes the CargoReceived contract accepts, with unique AWBs', async () => {
    expect(new Set(plan.map((p) => p.intake.awb)).size).toBe(plan.length);
    for (const planned of plan) {
      const result = await validatePayload(EventCatalog.CargoReceived, { ...planned.intake, recordedAt: planned.intake.receivedAt });
      if (!result.ok) throw new Error(`${planned.intake.awb}: ${JSON.stringify(result.errors)}`);
    }
  });

  it('arrives in order through the day in waves, Optics Valley first among stations', () => {
    const times = plan.map((p) => p.arrivesAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const localHours = plan.map((p) => (p.arrivesAt.getUTCHours() + 8) % 24);
    expect(localHours.every((h) => h >= 7 && h < 22)).toBe(true);
    const counts = new Map<string, number>();
    for (const p of plan) counts.set(p.intake.stationCode, (counts.get(p.intake.stationCode) ?? 0) + 1);
    const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(top?.[0]).toBe('OVS');
    expect(counts.size).toBeGreaterThan(STATIONS.length / 2);
  });

  it('keeps each service level within its region and carries the plan’s commodity mix', () => {
    for (const { intake } of plan) {
      const region = findAirport(intake.destinationAirport)?.region;
      expect({ level: intake.serviceLevel, region }).toEqual({
        level: intake.serviceLevel,
        region: { D1: 'DOMESTIC', D2: 'ASIA', D3: 'GLOBAL' }[intake.serviceLevel],
      });
    }
    const categories = new Set(plan.map((p) => p.intake.commodity.category));
    for (const category of ['OPTOELECTRONICS', 'BIOMEDICINE', 'ECOMMERCE_PARCELS', 'LITHIUM_BATTERIES', 'CHILLED_AQUATIC']) {
      expect(categories).toContain(category);
    }
    const standalone = plan.filter((p) => p.intake.dangerousGoods.some((dg) => dg.unNumber === 'UN3480'));
    expect(standalone.length).toBeGreaterThan(0);
    expect(standalone.every((p) => p.intake.specialHandlingCodes.includes('CAO'))).toBe(true);
    const missingHs = plan.filter((p) => !p.intake.commodity.hsCode).length;
    expect(missingHs).toBeLessThan(plan.length * 0.06);
  });
});
