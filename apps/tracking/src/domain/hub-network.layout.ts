import type { AirportRegion } from '@cargo/contracts';
import { truckIdOf, type BookedShipmentFacts, type HubFlightFacts } from './hub-control.model';

/** The drawing area of the network picture; every node's `x`, `y` is inside it. */
export const NETWORK_VIEWBOX = { width: 1000, height: 600 } as const;

/**
 * Where the two hubs are (the seeds give the stations' coordinates, not the airports'): Tianhe (WUH)
 * north-west of central Wuhan, Huahu (EHU) east of Ezhou.
 */
export const HUB_LOCATIONS: Readonly<Record<'WUH' | 'EHU', { lat: number; lon: number }>> = {
  WUH: { lat: 30.784, lon: 114.208 },
  EHU: { lat: 30.341, lon: 115.03 },
};

/**
 * The fixed layout, documented here because the picture is drawn from it:
 * - stations and hubs are placed by longitude/latitude (equirectangular, north up, one scale for both
 *   axes, so distances are to scale) in the left part, `GEO_BOX`, which spans every seeded station from
 *   Qianjiang (112.9° E) to Ningbo (121.5° E) and Dongguan (23.0° N) to Xiaogan (30.9° N);
 * - destinations (no coordinates in the seeds) stand in a column on the right, grouped by region
 *   (domestic, Asia, world), in code order.
 */
const GEO_BOX = { lonMin: 112.4, lonMax: 122.0, latMin: 22.5, latMax: 31.6, left: 30, top: 30, width: 640, height: 540 };
const DESTINATION_COLUMN = { x: 900, top: 40, bottom: 560 };
const REGION_ORDER: readonly AirportRegion[] = ['DOMESTIC', 'ASIA', 'GLOBAL'];

export interface NetworkNode {
  code: string;
  kind: 'STATION' | 'HUB' | 'DESTINATION';
  nameZh: string;
  nameEn: string;
  lat: number | null;
  lon: number | null;
  x: number;
  y: number;
  metroArea?: boolean;
  region?: AirportRegion;
}

export interface NetworkFlow {
  from: string;
  to: string;
  /** TRUCK station → hub; FLIGHT hub → the first leg's destination; ROAD_FEEDER hub → another region's airport by truck. */
  mode: 'TRUCK' | 'FLIGHT' | 'ROAD_FEEDER';
  shipments: number;
  weightKg: number;
  /** Trucks (distinct truck ids, at least one per pair) or flights. */
  runs: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The position of a place on the map part of the picture. */
export function geoPoint(lat: number, lon: number): { x: number; y: number } {
  const scale = Math.min(GEO_BOX.width / (GEO_BOX.lonMax - GEO_BOX.lonMin), GEO_BOX.height / (GEO_BOX.latMax - GEO_BOX.latMin));
  return { x: round1(GEO_BOX.left + (lon - GEO_BOX.lonMin) * scale), y: round1(GEO_BOX.top + (GEO_BOX.latMax - lat) * scale) };
}

/** Destinations in their column, grouped by region (unknown region last), in code order. */
export function destinationPoints(destinations: ReadonlyArray<{ code: string; region: AirportRegion | undefined }>): Map<string, { x: number; y: number }> {
  const rank = (r: AirportRegion | undefined) => (r === undefined ? REGION_ORDER.length : REGION_ORDER.indexOf(r));
  const ordered = [...destinations].sort((a, b) => rank(a.region) - rank(b.region) || a.code.localeCompare(b.code));
  const step = ordered.length > 1 ? (DESTINATION_COLUMN.bottom - DESTINATION_COLUMN.top) / (ordered.length - 1) : 0;
  return new Map(ordered.map((d, i) => [d.code, { x: DESTINATION_COLUMN.x, y: round1(ordered.length > 1 ? DESTINATION_COLUMN.top + i * step : (DESTINATION_COLUMN.top + DESTINATION_COLUMN.bottom) / 2) }]));
}

/**
 * The day's flows from the bookings on the day's departures: each shipment adds to its station → hub
 * truck flow and to its hub → destination flight (or road-feeder) flow, by its booked chargeable kg.
 */
export function networkFlowsOf(flights: readonly HubFlightFacts[], shipments: readonly BookedShipmentFacts[]): NetworkFlow[] {
  const byId = new Map(flights.map((f) => [f.flightId, f]));
  const flows = new Map<string, NetworkFlow & { runIds: Set<string> }>();
  const add = (from: string, to: string, mode: NetworkFlow['mode'], kg: number, runId: string | null) => {
    const key = `${mode}|${from}|${to}`;
    const flow = flows.get(key) ?? { from, to, mode, shipments: 0, weightKg: 0, runs: 0, runIds: new Set<string>() };
    flow.shipments += 1;
    flow.weightKg += kg;
    if (runId) flow.runIds.add(runId);
    flows.set(key, flow);
  };
  for (const s of shipments) {
    const flight = s.view.booking ? byId.get(s.view.booking.flightId) : undefined;
    if (!flight || !s.view.booking) continue;
    const kg = s.view.booking.chargeableWeightKg;
    if (s.view.stationCode) add(s.view.stationCode, flight.origin, 'TRUCK', kg, truckIdOf(s));
    add(flight.origin, flight.destination, flight.aircraftKind === 'TRUCK' ? 'ROAD_FEEDER' : 'FLIGHT', kg, flight.flightId);
  }
  return [...flows.values()]
    .map(({ runIds, ...flow }) => ({ ...flow, weightKg: round1(flow.weightKg), runs: Math.max(1, runIds.size) }))
    .sort((a, b) => a.mode.localeCompare(b.mode) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
