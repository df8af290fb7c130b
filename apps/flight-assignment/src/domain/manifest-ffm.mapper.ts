import {
  ElementLength,
  MAX_SPECIAL_HANDLING_CODES,
  impDateOf,
  impFlightOf,
  impFreeText,
  writeFfm,
  type FfmConsignment,
  type FfmManifest,
} from '@cargo/cargo-imp';
import type { Manifest } from './manifest.builder';

/** WUH and EHU keep China Standard Time: the FFM flight date is the local departure date there. */
const HUB_TIME_ZONE = 'Asia/Shanghai';

/** Special handling codes that stand for dangerous goods (and CAO), first in line when codes must be cut to nine. */
const DG_CODES: readonly string[] = ['RLI', 'RLM', 'ELI', 'ELM', 'RMD', 'RFL', 'RCM', 'DGR', 'ICE', 'MAG', 'CAO'];

type ManifestLine = Manifest['shipments'][number];

/**
 * The special handling codes of a manifest line as FFM carries them: the shipment's own codes, plus
 * what its dangerous-goods lines need and the codes do not yet say (FFM expresses dangerous goods
 * only as handling codes; the UN number, class and packing instruction go to the NOTOC, which the
 * manifest JSON carries in `dangerousGoods`):
 * - lithium ion batteries (UN3480/UN3481) RLI unless ELI/RLI is given, lithium metal (UN3090/UN3091)
 *   RLM unless ELM/RLM is given; other class 9 RMD, class 3 RFL, class 8 RCM, any other class DGR;
 * - CAO for a cargo-aircraft-only line or shipment.
 * At most nine codes (an FFM line holds nine): dangerous-goods and CAO codes are kept first.
 */
export function ffmHandlingCodesOf(line: Pick<ManifestLine, 'specialHandlingCodes' | 'dangerousGoods' | 'cargoAircraftOnly'>): string[] {
  const codes = [...new Set(line.specialHandlingCodes)];
  const add = (code: string) => {
    if (!codes.includes(code)) codes.push(code);
  };
  for (const d of line.dangerousGoods) {
    if (d.unNumber === 'UN3480' || d.unNumber === 'UN3481') {
      if (!codes.includes('ELI')) add('RLI');
    } else if (d.unNumber === 'UN3090' || d.unNumber === 'UN3091') {
      if (!codes.includes('ELM')) add('RLM');
    } else if (d.class === '9') add('RMD');
    else if (d.class === '3') add('RFL');
    else if (d.class === '8') add('RCM');
    else add('DGR');
    if (d.cargoAircraftOnly) add('CAO');
  }
  if (line.cargoAircraftOnly) add('CAO');
  if (codes.length <= MAX_SPECIAL_HANDLING_CODES) return codes;
  const dg = codes.filter((c) => DG_CODES.includes(c));
  const others = codes.filter((c) => !DG_CODES.includes(c));
  return [...dg, ...others].slice(0, MAX_SPECIAL_HANDLING_CODES);
}

/** The manifest description: the first 15 characters of the goods description, else what the line is. */
function descriptionOf(line: ManifestLine): string {
  return impFreeText(line.goodsDescription ?? '', ElementLength.manifestDescription) || (line.houseWaybills?.length ? 'CONSOLIDATION' : 'GENERAL CARGO');
}

/** Kilograms as FFM writes them: one decimal, never 0 for a real piece of cargo. */
const kg = (value: number) => Math.max(0.1, Math.round(value * 10) / 10);
/** Cubic metres: two decimals, at least 0.01. */
const m3 = (value: number) => Math.max(0.01, Math.round(value * 100) / 100);

function consignmentOf(m: Manifest, line: ManifestLine): FfmConsignment {
  return {
    awb: line.awb,
    origin: m.origin,
    destination: line.destination,
    quantity: { code: 'T', pieces: line.pieces, weight: { code: 'K', value: kg(line.grossWeightKg) } },
    volume: { code: 'MC', value: m3(line.volumeM3) },
    goodsDescription: descriptionOf(line),
    specialHandlingCodes: ffmHandlingCodesOf(line),
  };
}

/**
 * A closed manifest as an FFM: the flight (carrier + flight number, local departure date at WUH/EHU,
 * point of loading, aircraft registration), one point of unloading (the flight's destination; `NIL`
 * when nothing is on board), and one consignment per AWB with its waybill origin (the hub) and final
 * destination, pieces, gross weight, volume, goods description and handling codes. The hub does not
 * build ULDs up itself (build-up happens at the airline's terminal), so every consignment is bulk.
 */
export function ffmOfManifest(m: Manifest): FfmManifest {
  const aircraftRegistration = m.aircraftRegistration;
  return {
    flight: {
      flight: impFlightOf(m.flightNumber),
      date: impDateOf(m.departureAt, HUB_TIME_ZONE),
      pointOfLoading: m.origin,
      ...(aircraftRegistration ? { aircraftRegistration } : {}),
    },
    pointsOfUnloading: [
      m.shipments.length === 0
        ? { airport: m.destination, nil: true, bulk: [], ulds: [] }
        : { airport: m.destination, nil: false, bulk: m.shipments.map((line) => consignmentOf(m, line)), ulds: [] },
    ],
  };
}

/** The manifest as FFM/8 messages (split at the Cargo-IMP limit: `CONT` … `LAST`). */
export function manifestFfmMessages(m: Manifest): string[] {
  return writeFfm(ffmOfManifest(m));
}
