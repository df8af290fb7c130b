import { Awb, EventCatalog, createEnvelope, exampleEventPayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { mulberry32 } from '@cargo/seeds';

/** One event to put on its topic, as the services' outbox relay would. */
export interface GeneratedEvent {
  def: EventDefinition;
  envelope: EventEnvelope;
}

export interface ReplayMixOptions {
  shipments: number;
  /** Seeds every choice (which shipments are held, corrected, late, duplicated...). */
  seed?: number;
  /** First AWB serial (7 digits); shipments get consecutive serials. */
  firstSerial?: number;
}

const STATIONS = ['OVS', 'EZS', 'NPB'] as const;
const DAY = '2026-11-25';
/** Hub-local time (UTC+8) of the day, `minutes` after midnight. */
const at = (minutes: number) => new Date(Date.parse(`${DAY}T00:00:00+08:00`) + minutes * 60_000).toISOString().replace('.000Z', 'Z');

/**
 * A realistic mix of the six topics' events for `shipments` shipments of one hub day (the
 * contracts' example payloads, varied): every intake, some corrected or cancelled at the station,
 * customs holds and releases (some held still), assignments (some wait-listed first), manifests of
 * about forty shipments a flight (some closed twice), and the truck and flight scans of a share of
 * them up to delivery; some scans recorded late, and about 2% of the events published twice. Each
 * topic's events come in a lightly shuffled order (late deliveries); topics have no order between
 * them anyway. For the rebuild benchmark and the live-versus-rebuilt test.
 */
export function generateReplayMix({ shipments, seed = 21, firstSerial = 2_000_000 }: ReplayMixOptions): GeneratedEvent[] {
  const rnd = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const out: GeneratedEvent[] = [];
  const emit = <T extends object>(def: EventDefinition<T>, data: Record<string, unknown>) => {
    out.push({ def: def as EventDefinition, envelope: createEnvelope(def, data as T, { source: '/bench/replay', time: new Date(Date.parse(`${DAY}T12:00:00Z`)).toISOString() }) as EventEnvelope });
  };
  const flights = Math.max(1, Math.ceil(shipments / 40));
  const manifested = new Map<number, Array<{ awb: string; stationCode: string; chargeableWeightKg: number }>>();
  const flightOf = (f: number) => {
    const flightNumber = `O3${6900 + f}`;
    return { flightId: `${flightNumber}-${DAY}`, flightNumber, departureAt: at(22 * 60 + 30 + (f % 12) * 20) };
  };

  for (let i = 0; i < shipments; i += 1) {
    const awb = Awb.of(784, firstSerial + i).toString();
    const stationCode = pick(STATIONS);
    const start = 6 * 60 + Math.floor(rnd() * 240);
    const pieces = 1 + Math.floor(rnd() * 30);
    const grossWeightKg = Math.round((20 + rnd() * 900) * 10) / 10;
    const intake = { ...exampleEventPayload('CargoReceived'), awb, stationCode, pieces, grossWeightKg, receivedAt: at(start), recordedAt: at(start + 2) };
    emit(EventCatalog.CargoReceived, intake);
    if (rnd() < 0.1) {
      const base = exampleEventPayload('CargoCorrected');
      emit(EventCatalog.CargoCorrected, {
        ...base,
        awb,
        stationCode,
        previous: { pieces, grossWeightKg, volumeM3: 2.4 },
        intake: { ...intake, grossWeightKg: grossWeightKg + 12 },
        correctedAt: at(start + 20),
        recordedAt: at(start + 20),
      });
    }
    const cancelled = rnd() < 0.03;
    if (cancelled) {
      emit(EventCatalog.CargoCancelled, { ...exampleEventPayload('CargoCancelled'), awb, stationCode, cancelledAt: at(start + 30), recordedAt: at(start + 30) });
    }
    const caseId = `CASE-${stationCode}-${awb}`;
    const customs = rnd();
    const hold = { ...exampleEventPayload('CustomsHoldPlaced'), awb, stationCode, caseId, placedAt: at(start + 3) };
    const release = { ...exampleEventPayload('CustomsReleased'), awb, stationCode, caseId, releasedAt: at(start + 60) };
    if (customs < 0.05) {
      emit(EventCatalog.CustomsHoldPlaced, { ...hold, decisionVersion: 1 });
      continue; // held still: not assigned
    }
    if (customs < 0.3) emit(EventCatalog.CustomsHoldPlaced, { ...hold, decisionVersion: 1 });
    emit(EventCatalog.CustomsReleased, { ...release, decisionVersion: customs < 0.3 ? 2 : 1 });
    if (cancelled) continue;

    const f = i % flights;
    const flight = flightOf(f);
    const chargeableWeightKg = Math.ceil(grossWeightKg * 1.1);
    let decisionVersion = 1;
    if (rnd() < 0.1) {
      emit(EventCatalog.AssignmentFailed, { ...exampleEventPayload('AssignmentFailed'), awb, stationCode, chargeableWeightKg, decidedAt: at(start + 61), decisionVersion });
      decisionVersion += 1;
    }
    emit(EventCatalog.FlightAssigned, { ...exampleEventPayload('FlightAssigned'), awb, stationCode, ...flight, chargeableWeightKg, decidedAt: at(start + 62), decisionVersion });
    manifested.set(f, [...(manifested.get(f) ?? []), { awb, stationCode, chargeableWeightKg }]);

    // The truck leg and the flight, for a share of them; some recorded hours late.
    const late = rnd() < 0.1 ? 180 : 1;
    const scan = (code: string, place: string, minutes: number, over: Record<string, unknown> = {}) =>
      emit(EventCatalog.HandlingScanned, { ...exampleEventPayload('HandlingScanned'), awb, stationCode, code, place, pieces, happenedAt: at(minutes), recordedAt: at(minutes + late), ...over });
    const dep = Date.parse(flight.departureAt);
    const minutesOf = (t: number) => (t - Date.parse(`${DAY}T00:00:00+08:00`)) / 60_000;
    if (rnd() < 0.9) scan('TDP', stationCode, start + 120);
    if (rnd() < 0.85) scan('TAR', 'EHU', start + 200, { truckId: undefined });
    const flown = rnd();
    const airline = { truckId: undefined, stationCode: undefined, source: 'AIRLINE', flightNumber: flight.flightNumber };
    if (flown < 0.8) scan('DEP', 'EHU', minutesOf(dep) + 5, airline);
    if (flown < 0.7) scan('ARR', 'FRA', minutesOf(dep) + 11 * 60, airline);
    if (flown < 0.6) scan('RCF', 'FRA', minutesOf(dep) + 12 * 60, { ...airline, flightNumber: undefined });
    if (flown < 0.5) scan('NFD', 'FRA', minutesOf(dep) + 13 * 60, { ...airline, flightNumber: undefined });
    if (flown < 0.4) scan('DLV', 'FRA', minutesOf(dep) + 20 * 60, { ...airline, flightNumber: undefined });
  }

  const example = exampleEventPayload('FlightManifestClosed');
  const line = (example['shipments'] as Array<Record<string, unknown>>)[1] as Record<string, unknown>;
  for (const [f, entries] of manifested) {
    const flight = flightOf(f);
    const closings = rnd() < 0.1 ? [entries.slice(0, Math.ceil(entries.length / 2)), entries] : [entries];
    closings.forEach((closed, version) => {
      const chargeable = closed.reduce((n, e) => n + e.chargeableWeightKg, 0);
      emit(EventCatalog.FlightManifestClosed, {
        ...example,
        ...flight,
        shipments: closed.map((e) => ({ ...line, ...e, pieces: 10, grossWeightKg: e.chargeableWeightKg, volumeM3: 1 })),
        totals: { pieces: closed.length * 10, grossWeightKg: chargeable, volumeM3: closed.length, chargeableWeightKg: chargeable },
        loadFactor: Math.round((chargeable / 50_000) * 100) / 100,
        closedAt: new Date(Date.parse(flight.departureAt) - (3 - version) * 3_600_000).toISOString(),
      });
    });
  }

  // Duplicates (a producer's retry publishes an event twice), then a light shuffle within each topic.
  for (const e of out.filter(() => rnd() < 0.02)) out.push(e);
  const keyed = out.map((e, i) => ({ e, k: i + rnd() * 50 }));
  return keyed.sort((a, b) => a.k - b.k).map(({ e }) => e);
}
