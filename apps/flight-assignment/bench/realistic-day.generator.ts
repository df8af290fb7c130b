import { Awb, chargeableWeightKg, hubDayStart, serviceLevelDeadline, type CommodityCategory, type ServiceLevel } from '@cargo/contracts';
import { findAirport, seededRandom, type SeededRandom } from '@cargo/seeds';
import { HOUR_MS, MINUTE_MS } from '../src/domain/flight.model';
import { isTemperatureControlled, type DgLine, type ShipmentFacts } from '../src/domain/shipment.model';

/** A shipment of the simulated day and when customs releases it. */
export interface SimulatedShipment {
  facts: ShipmentFacts;
  releasedAt: number;
}

const STATION_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['OVS', 30], ['NPB', 8], ['EDB', 8], ['EZS', 6], ['HSS', 4], ['HGS', 4], ['XGS', 4], ['XNS', 3], ['XTS', 3], ['TMS', 2], ['QJS', 2],
  ['SUS', 2], ['KSS', 2], ['YWS', 3], ['NBS', 2], ['DGS', 2], ['FSS', 2], ['XMS', 1], ['QZS', 1],
];

const DESTINATIONS: ReadonlyArray<readonly [string, number]> = [
  // Domestic (D1)
  ['PVG', 9], ['PEK', 8], ['CAN', 7], ['SZX', 7], ['CTU', 5], ['XIY', 3], ['KMG', 3], ['CKG', 3], ['URC', 1], ['HRB', 1], ['HAK', 1],
  // Asia (D2)
  ['HKG', 8], ['ICN', 4], ['NRT', 4], ['KIX', 2], ['SIN', 3], ['BKK', 2], ['SGN', 2], ['HAN', 1], ['KUL', 1], ['DEL', 1], ['MNL', 1], ['CGK', 1],
  // Global (D3)
  ['FRA', 6], ['LGG', 4], ['AMS', 3], ['CDG', 2], ['LHR', 2], ['BUD', 2], ['DXB', 2], ['LAX', 4], ['ORD', 2], ['JFK', 2], ['ANC', 1], ['SYD', 1], ['GRU', 1],
];

interface CommodityProfile {
  category: CommodityCategory;
  weight: number;
  /** Median gross kg. */
  medianKg: number;
  /** kg per m³ (lighter goods volume out). */
  density: readonly [number, number];
  codes: (rng: SeededRandom) => string[];
  dg?: (rng: SeededRandom) => DgLine[];
}

const COMMODITIES: readonly CommodityProfile[] = [
  { category: 'CONSUMER_ELECTRONICS', weight: 22, medianKg: 180, density: [110, 220], codes: () => [] },
  { category: 'OPTOELECTRONICS', weight: 14, medianKg: 120, density: [120, 240], codes: () => [] },
  { category: 'ECOMMERCE_PARCELS', weight: 20, medianKg: 70, density: [90, 170], codes: () => ['ECC'] },
  { category: 'AUTO_PARTS', weight: 6, medianKg: 350, density: [200, 400], codes: () => [] },
  { category: 'MEDICAL_DEVICES', weight: 5, medianKg: 140, density: [120, 220], codes: () => [] },
  { category: 'PHARMA', weight: 5, medianKg: 160, density: [150, 260], codes: (r) => ['PIL', r.chance(0.5) ? 'CRT' : 'COL'] },
  { category: 'PERISHABLES', weight: 5, medianKg: 260, density: [250, 400], codes: () => ['PER', 'COL'] },
  { category: 'CHILLED_AQUATIC', weight: 3, medianKg: 300, density: [300, 450], codes: () => ['PES', 'PER'] },
  { category: 'APPAREL', weight: 8, medianKg: 200, density: [90, 160], codes: () => [] },
  {
    category: 'LITHIUM_BATTERIES',
    weight: 5,
    medianKg: 240,
    density: [250, 450],
    codes: (r) => (r.chance(0.5) ? ['RLI', 'CAO'] : ['ELI']),
  },
  { category: 'EXPRESS_MAIL', weight: 5, medianKg: 40, density: [100, 180], codes: () => ['EXP'] },
  { category: 'JEWELLERY', weight: 2, medianKg: 15, density: [200, 400], codes: () => ['VAL'] },
];

/**
 * A realistic, seeded day of released export cargo at Wuhan's forward stations: arrival waves
 * (morning, afternoon peak, evening), the stations' shares (Optics Valley first), the 1-2-3 circle's
 * destinations, the plan's commodity mix (lithium batteries half cargo-aircraft-only, cold chain for
 * pharma, perishables and chilled seafood), log-normal weights, customs release 15–90 min after
 * receipt (some screened for hours).
 */
export function generateDay(options: { date: string; count: number; seed: number; weightScale?: number; firstSerial?: number }): SimulatedShipment[] {
  const rng = seededRandom(options.seed);
  const scale = options.weightScale ?? 1;
  const midnight = hubDayStart(options.date).getTime();
  const out: SimulatedShipment[] = [];
  for (let i = 0; i < options.count; i++) {
    const wave = rng.weighted<readonly [number, number]>([
      [[7, 12], 30],
      [[12, 18], 45],
      [[18, 22], 25],
    ]);
    const receivedAt = midnight + (wave[0] + rng.next() * (wave[1] - wave[0])) * HOUR_MS;
    const releasedAt = receivedAt + (rng.chance(0.05) ? rng.int(120, 360) : rng.int(15, 90)) * MINUTE_MS;
    const stationCode = rng.weighted(STATION_WEIGHTS);
    const destination = rng.weighted(DESTINATIONS);
    const region = findAirport(destination)!.region;
    const serviceLevel: ServiceLevel = region === 'DOMESTIC' ? 'D1' : region === 'ASIA' ? 'D2' : 'D3';
    const profile = rng.weighted(COMMODITIES.map((c) => [c, c.weight] as const));
    const gross = Math.min(6000, Math.max(2, Math.round(profile.medianKg * scale * Math.exp(0.9 * gaussian(rng)) * 10) / 10));
    const density = profile.density[0] + rng.next() * (profile.density[1] - profile.density[0]);
    const volume = Math.max(0.01, Math.round((gross / density) * 100) / 100);
    const codes = profile.codes(rng);
    const dg: DgLine[] = codes.includes('RLI')
      ? [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', properShippingName: 'Lithium ion batteries', cargoAircraftOnly: true }]
      : codes.includes('ELI')
        ? [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI966', properShippingName: 'Lithium ion batteries packed with equipment' }]
        : [];
    const serial = (options.firstSerial ?? 1_000_000) + i;
    out.push({
      releasedAt,
      facts: {
        awb: Awb.parse(`784-${String(serial).padStart(7, '0')}${serial % 7}`).toString(),
        stationCode,
        pieces: Math.max(1, Math.round(gross / 25)),
        grossWeightKg: gross,
        volumeM3: volume,
        chargeableWeightKg: chargeableWeightKg(gross, volume),
        destination,
        serviceLevel,
        commodityCategory: profile.category,
        receivedAt,
        deadlineAt: serviceLevelDeadline(new Date(receivedAt), serviceLevel).getTime(),
        cargoAircraftOnly: codes.includes('CAO'),
        temperatureControlled: isTemperatureControlled(codes, false),
        specialHandlingCodes: codes,
        dangerousGoods: dg,
      },
    });
  }
  return out.sort((a, b) => a.releasedAt - b.releasedAt);
}

function gaussian(rng: SeededRandom): number {
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
