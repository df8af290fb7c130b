import { AIRPORTS, SHIPPERS, STATIONS, seededRandom, SeededRandom } from '@cargo/seeds';
import { hubDayStart, type CargoReceivedPayload, type CommodityCategory, type Shipper } from '@cargo/contracts';

/** Airline prefixes seen at Wuhan (China Southern, China Eastern, Air China, Hainan, SF Airlines, Cathay, Lufthansa, Cargolux, SIA). */
const AWB_PREFIXES = ['784', '781', '999', '880', '479', '160', '020', '172', '618'] as const;

interface CommodityProfile {
  description: string;
  hsCodes: readonly string[];
  /** Gross weight range in kg. */
  weightKg: readonly [number, number];
  /** Density in kg per m3 (volume follows from weight). */
  densityKgM3: number;
  kgPerPiece: number;
  specialHandling: readonly string[];
  temperature?: { minC: number; maxC: number };
  /** Value per kg in USD. */
  valuePerKg: number;
}

/** Plausible commodity facts per category (HS codes are real subheadings). */
const PROFILES: Record<CommodityCategory, CommodityProfile> = {
  CONSUMER_ELECTRONICS: { description: 'Tablet computers and accessories', hsCodes: ['847130', '85183000'], weightKg: [80, 1800], densityKgM3: 160, kgPerPiece: 18, specialHandling: ['ELI'], valuePerKg: 120 },
  OPTOELECTRONICS: { description: 'Optical transceiver modules', hsCodes: ['85176299', '90013000'], weightKg: [40, 900], densityKgM3: 180, kgPerPiece: 12, specialHandling: ['VUN'], valuePerKg: 380 },
  SMART_TERMINALS: { description: 'Smartphones', hsCodes: ['85171300'], weightKg: [100, 2000], densityKgM3: 170, kgPerPiece: 15, specialHandling: ['ELI', 'VUN'], valuePerKg: 420 },
  AUTO_PARTS: { description: 'Automotive electronic control units', hsCodes: ['85371090', '870899'], weightKg: [150, 3000], densityKgM3: 260, kgPerPiece: 35, specialHandling: [], valuePerKg: 45 },
  MEDICAL_DEVICES: { description: 'Diagnostic imaging equipment parts', hsCodes: ['90189099'], weightKg: [60, 1200], densityKgM3: 150, kgPerPiece: 25, specialHandling: [], valuePerKg: 210 },
  BIOMEDICINE: { description: 'Diagnostic reagents', hsCodes: ['38220090'], weightKg: [30, 600], densityKgM3: 140, kgPerPiece: 10, specialHandling: ['PIL', 'COL'], temperature: { minC: 2, maxC: 8 }, valuePerKg: 650 },
  PHARMA: { description: 'Vaccines', hsCodes: ['30022000'], weightKg: [30, 500], densityKgM3: 130, kgPerPiece: 9, specialHandling: ['PIL', 'COL'], temperature: { minC: 2, maxC: 8 }, valuePerKg: 900 },
  PERISHABLES: { description: 'Fresh cherries', hsCodes: ['08092900'], weightKg: [200, 2500], densityKgM3: 320, kgPerPiece: 10, specialHandling: ['PER', 'PEP', 'COL'], temperature: { minC: 0, maxC: 4 }, valuePerKg: 12 },
  CHILLED_AQUATIC: { description: 'Chilled salmon (mixed specifications)', hsCodes: ['03021400'], weightKg: [300, 3000], densityKgM3: 420, kgPerPiece: 22, specialHandling: ['PER', 'PES', 'COL'], temperature: { minC: 0, maxC: 4 }, valuePerKg: 18 },
  ECOMMERCE_PARCELS: { description: 'Cross-border e-commerce parcels (apparel, small electronics)', hsCodes: ['62046200', '85176990'], weightKg: [20, 500], densityKgM3: 110, kgPerPiece: 6, specialHandling: ['ECC'], valuePerKg: 28 },
  JEWELLERY: { description: 'Gold jewellery', hsCodes: ['71131911'], weightKg: [5, 60], densityKgM3: 200, kgPerPiece: 3, specialHandling: ['VAL'], valuePerKg: 45_000 },
  APPAREL: { description: 'Silk garments', hsCodes: ['62043300'], weightKg: [80, 1500], densityKgM3: 100, kgPerPiece: 15, specialHandling: [], valuePerKg: 35 },
  LITHIUM_BATTERIES: { description: 'Lithium ion battery packs', hsCodes: ['85076000'], weightKg: [50, 900], densityKgM3: 380, kgPerPiece: 20, specialHandling: [], valuePerKg: 60 },
  EXPRESS_MAIL: { description: 'Express documents and small parcels', hsCodes: ['49119900'], weightKg: [10, 300], densityKgM3: 120, kgPerPiece: 5, specialHandling: ['EXP', 'XPS'], valuePerKg: 40 },
  GENERAL: { description: 'General cargo', hsCodes: ['39269090'], weightKg: [50, 1500], densityKgM3: 200, kgPerPiece: 20, specialHandling: [], valuePerKg: 20 },
};

/** Arrival waves at the stations (local hours): morning pick-ups, afternoon production, evening e-commerce. */
const WAVES: ReadonlyArray<readonly [[number, number], number]> = [
  [[7, 11], 0.4],
  [[13, 17], 0.35],
  [[18, 22], 0.25],
];

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** When the first arrival wave of the hub-local day `date` starts at the stations. */
export function firstArrivalWaveAt(date: string): Date {
  const [[fromHour]] = WAVES[0] ?? [[0]];
  return new Date(hubDayStart(date).getTime() + fromHour * 3_600_000);
}

/** The waves as people read them: `07:00–11:00 (40 %), 13:00–17:00 (35 %), 18:00–22:00 (25 %)`. */
export function arrivalWavesText(): string {
  return WAVES.map(([[from, to], share]) => `${hour(from)}–${hour(to)} (${Math.round(share * 100)} %)`).join(', ');
}

/** Station share of the day's shipments: Optics Valley leads, the bonded zones follow. */
function stationWeight(code: string): number {
  if (code === 'OVS') return 40;
  const station = STATIONS.find((s) => s.code === code);
  if (!station) return 0;
  if (station.kind === 'BONDED_ZONE') return 12;
  if (station.metroArea) return 4;
  return 2;
}

export interface PlannedShipment {
  /** When it reaches the station (simulated time). */
  arrivesAt: Date;
  intake: Omit<CargoReceivedPayload, 'recordedAt'>;
  shipper: Shipper;
}

interface DayPlanOptions {
  /** Local date of the day, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  shipments: number;
  seed: number;
}

function makeAwb(random: SeededRandom, used: Set<string>): string {
  for (;;) {
    const prefix = random.pick(AWB_PREFIXES);
    const serial = random.int(0, 9_999_999);
    const awb = `${prefix}-${String(serial).padStart(7, '0')}${serial % 7}`;
    if (!used.has(awb)) {
      used.add(awb);
      return awb;
    }
  }
}

/** Weighted pick of a destination in the service level's region (D1 domestic, D2 Asia, D3 global). */
function destinationFor(random: SeededRandom, category: CommodityCategory): { airport: string; serviceLevel: 'D1' | 'D2' | 'D3' } {
  const serviceLevel = random.weighted<'D1' | 'D2' | 'D3'>(
    category === 'CHILLED_AQUATIC' || category === 'PERISHABLES'
      ? [['D1', 0.6], ['D2', 0.3], ['D3', 0.1]]
      : category === 'ECOMMERCE_PARCELS'
        ? [['D1', 0.2], ['D2', 0.35], ['D3', 0.45]]
        : [['D1', 0.35], ['D2', 0.3], ['D3', 0.35]],
  );
  const region = serviceLevel === 'D1' ? 'DOMESTIC' : serviceLevel === 'D2' ? 'ASIA' : 'GLOBAL';
  const candidates = AIRPORTS.filter((a) => a.region === region && a.kind !== 'HOME_HUB');
  const weighted = candidates.map((a) => [a.code, a.code === 'PVG' ? 6 : a.code === 'HKG' ? 4 : a.code === 'FRA' || a.code === 'LGG' ? 3 : 1] as const);
  return { airport: random.weighted(weighted), serviceLevel };
}

/**
 * A realistic, reproducible day of cargo at the forward stations: which shipper brings what, when,
 * to where. Same options, same plan. About 2% carry no HS code (the customs DOCUMENTS rule catches
 * them); lithium batteries are a mix of stand-alone (UN3480/PI965, cargo aircraft only) and packed
 * in equipment (UN3481/PI967).
 */
export function generateDayPlan(options: DayPlanOptions): PlannedShipment[] {
  const random = seededRandom(options.seed);
  const usedAwbs = new Set<string>();
  const stationCodes = STATIONS.map((s) => [s.code, stationWeight(s.code)] as const).filter(([, w]) => w > 0);
  const dayStartUtc = hubDayStart(options.date).getTime();
  const plan: PlannedShipment[] = [];
  for (let i = 0; i < options.shipments; i++) {
    const stationCode = random.weighted(stationCodes);
    const local = SHIPPERS.filter((s) => s.stationCode === stationCode);
    const shipper = local.length > 0 ? random.pick(local) : random.pick(SHIPPERS);
    const category = random.pick(shipper.commodityCategories);
    const profile = PROFILES[category];
    const [minKg, maxKg] = profile.weightKg;
    const grossWeightKg = Math.round((minKg + random.next() ** 2 * (maxKg - minKg)) * 10) / 10;
    const volumeM3 = Math.max(0.01, Math.round((grossWeightKg / profile.densityKgM3) * 100) / 100);
    const pieces = Math.max(1, Math.round(grossWeightKg / profile.kgPerPiece));
    const [fromHour, toHour] = random.weighted(WAVES);
    const arrivesAt = new Date(dayStartUtc + (fromHour + random.next() * (toHour - fromHour)) * 3_600_000);
    const { airport, serviceLevel } = destinationFor(random, category);
    const specialHandlingCodes = new Set(profile.specialHandling);
    const dangerousGoods: CargoReceivedPayload['dangerousGoods'] = [];
    if (category === 'LITHIUM_BATTERIES') {
      const standalone = random.chance(0.35);
      dangerousGoods.push({
        unNumber: standalone ? 'UN3480' : 'UN3481',
        class: '9',
        packingInstruction: standalone ? 'PI965' : 'PI967',
        properShippingName: standalone ? 'Lithium ion batteries' : 'Lithium ion batteries packed with equipment',
        netQuantityKg: Math.round(grossWeightKg * 0.8 * 10) / 10,
        cargoAircraftOnly: standalone,
      });
      specialHandlingCodes.add('RLI');
      if (standalone) specialHandlingCodes.add('CAO');
    }
    const hsCode = random.chance(0.02) ? undefined : random.pick(profile.hsCodes);
    plan.push({
      arrivesAt,
      shipper,
      intake: {
        awb: makeAwb(random, usedAwbs),
        stationCode,
        shipper: { id: shipper.id, name: shipper.nameEn, creditCode: shipper.creditCode },
        pieces,
        grossWeightKg,
        volumeM3,
        commodity: {
          description: profile.description,
          category,
          ...(hsCode ? { hsCode } : {}),
          declaredValue: { amount: Math.round(grossWeightKg * profile.valuePerKg * (0.7 + random.next() * 0.6)), currency: 'USD' },
        },
        specialHandlingCodes: [...specialHandlingCodes],
        dangerousGoods,
        ...(profile.temperature ? { temperatureRange: { ...profile.temperature } } : {}),
        ecommerce: shipper.ecommerce || category === 'ECOMMERCE_PARCELS',
        destinationAirport: airport,
        serviceLevel,
        receivedAt: arrivesAt.toISOString(),
      } as Omit<CargoReceivedPayload, 'recordedAt'>,
    });
  }
  return plan.sort((a, b) => a.arrivesAt.getTime() - b.arrivesAt.getTime());
}
