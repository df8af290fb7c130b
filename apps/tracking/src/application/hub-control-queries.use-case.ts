import { Inject, Injectable, Optional } from '@nestjs/common';
import { hubDayStart, hubLocalDate } from '@cargo/contracts';
import { findAirport, STATIONS } from '@cargo/seeds';
import { Clock } from '@cargo/service-runtime';
import { controlFlightOf, controlShipmentsOf, type BookedShipmentFacts, type ControlFlight, type ControlShipment, type HubControlLookups, type TruckRun } from '../domain/hub-control.model';
import { destinationPoints, geoPoint, HUB_LOCATIONS, NETWORK_VIEWBOX, networkFlowsOf, type NetworkFlow, type NetworkNode } from '../domain/hub-network.layout';
import { compareExceptions, exceptionsOf, type ExceptionKind, type ExceptionThresholds, type OperatorException } from '../domain/operator-exceptions.policy';
import { HubControlReadStore } from './hub-control-read.port';
import { HUB_CONTROL_LOOKUPS, seedHubControlLookups } from './hub-control-lookups.factory';
import { TrackingReadStore, type BoardFlight } from './tracking-read.port';
import { TrackingError, TrackingErrorCodes } from './tracking.errors';

/** Injection token of the {@link ExceptionThresholds} (from tracking's config). */
export const EXCEPTION_THRESHOLDS = Symbol('EXCEPTION_THRESHOLDS');

const HUBS = ['WUH', 'EHU'] as const;
const DAY_MS = 86_400_000;

export interface ControlFlightsQuery {
  airport?: 'WUH' | 'EHU';
  /** Hub-local departure day, `YYYY-MM-DD`; today on the clock when omitted. */
  date?: string;
  q?: string;
  includeDeparted: boolean;
  includeEmpty: boolean;
}

export interface ControlFlightsReport {
  asOf: string;
  date: string;
  /** Not departed yet, earliest departure first. */
  items: ControlFlight[];
  /** Departed (departure time passed on the clock), latest first. */
  departed: ControlFlight[];
  /** Belly flights with no shipment left out (`includeEmpty=false`). */
  hiddenEmpty: number;
}

export interface ExceptionsReport {
  asOf: string;
  thresholds: ExceptionThresholds;
  items: OperatorException[];
}

export type SearchMatch =
  | { kind: 'AWB'; id: string; label: string; detail: { status: string | null; flightId: string | null; station: string | null } }
  | { kind: 'FLIGHT'; id: string; label: string; detail: { airport: string; destination: string; departureAt: string } }
  | { kind: 'STATION'; id: string; label: string; detail: { nameZh: string; nameEn: string; shipmentsToday: number } };

const SEARCH_LIMIT = 20;

/**
 * The operator views (hub control, exceptions queue, network picture), as of now on the shared clock:
 * countdowns, ages, departed or not and holds past their threshold are all measured on it.
 */
@Injectable()
export class HubControlQueriesUseCase {
  constructor(
    @Inject(TrackingReadStore) private readonly reads: TrackingReadStore,
    @Inject(HubControlReadStore) private readonly control: HubControlReadStore,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(EXCEPTION_THRESHOLDS) private readonly thresholds: ExceptionThresholds,
    @Optional() @Inject(HUB_CONTROL_LOOKUPS) private readonly lookups: HubControlLookups = seedHubControlLookups(),
  ) {}

  /** The day's departures of WUH and/or EHU: upcoming first, departed apart. */
  async flights(q: ControlFlightsQuery): Promise<ControlFlightsReport> {
    const now = this.clock.now();
    const date = q.date ?? hubLocalDate(now);
    const from = hubDayStart(date);
    const board = await this.reads.board({ airports: q.airport ? [q.airport] : [...HUBS], from, to: new Date(from.getTime() + DAY_MS), limit: 5_000 });
    const flights = await this.withShipments(board, now);
    const matching = q.q ? flights.filter(({ flight, shipments }) => matchesQuery(flight, shipments, q.q as string)) : flights;
    const shown = q.includeEmpty ? matching : matching.filter(({ flight }) => !isEmptyBelly(flight));
    const controlFlights = shown.map(({ flight }) => flight);
    return {
      asOf: now.toISOString(),
      date,
      items: controlFlights.filter((f) => f.status !== 'DEPARTED'),
      departed: q.includeDeparted ? controlFlights.filter((f) => f.status === 'DEPARTED').reverse() : [],
      hiddenEmpty: matching.length - shown.length,
    };
  }

  /**
   * One flight with its shipments (its manifest once closed) and the trucks feeding it.
   * @throws TrackingError TRACKING.FLIGHT_NOT_FOUND
   */
  async flight(flightId: string): Promise<{ flight: ControlFlight; trucks: TruckRun[]; items: ControlShipment[] }> {
    const board = await this.reads.board({ airports: [...HUBS], flightIds: [flightId], limit: 1 });
    if (board.length === 0) throw new TrackingError(TrackingErrorCodes.FlightNotFound, `No flight ${flightId} from WUH or EHU is known`);
    const [{ flight, shipments }] = await this.withShipments(board, this.clock.now());
    return { flight, trucks: flight.trucks, items: controlShipmentsOf(flight, shipments) };
  }

  /** AWBs, flights and stations matching `q` (at most 20). */
  async search(q: string): Promise<{ items: SearchMatch[] }> {
    const text = q.trim();
    const today = hubDayStart(hubLocalDate(this.clock.now()));
    const items: SearchMatch[] = [];
    const digits = text.replace(/[\s-]/g, '');
    if (/^\d{3,11}$/.test(digits)) {
      const prefix = digits.length > 3 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
      for (const m of await this.control.awbsStartingWith(prefix, 10)) items.push({ kind: 'AWB', id: m.awb, label: m.awb, detail: { status: m.status, flightId: m.flightId, station: m.station } });
    }
    if (/^[A-Za-z0-9]{2}[A-Za-z0-9-]*$/.test(text)) {
      const flights = await this.reads.board({ airports: [...HUBS], flightPrefix: text, from: new Date(today.getTime() - DAY_MS), limit: 10 });
      for (const f of flights) items.push({ kind: 'FLIGHT', id: f.flightId, label: f.flightNumber, detail: { airport: f.origin, destination: f.destination, departureAt: f.departureAt } });
    }
    const needle = text.toLowerCase();
    const stations = STATIONS.filter((s) => s.code.toLowerCase().startsWith(needle) || s.nameEn.toLowerCase().includes(needle) || s.nameZh.includes(text) || s.city.toLowerCase().startsWith(needle));
    if (stations.length > 0) {
      const received = await this.control.receivedPerStation(today, new Date(today.getTime() + DAY_MS));
      for (const s of stations) items.push({ kind: 'STATION', id: s.code, label: s.code, detail: { nameZh: s.nameZh, nameEn: s.nameEn, shipmentsToday: received.get(s.code) ?? 0 } });
    }
    return { items: items.slice(0, SEARCH_LIMIT) };
  }

  /** The open exceptions as of now on the clock, oldest first. */
  async exceptions(filter: { kind?: ExceptionKind; airport?: string } = {}): Promise<ExceptionsReport> {
    const now = this.clock.now();
    const candidates = await this.control.exceptionCandidates(now);
    const items = candidates
      .flatMap((view) => exceptionsOf(view, now, this.thresholds))
      .filter((e) => (filter.kind === undefined || e.kind === filter.kind) && (filter.airport === undefined || e.airport === filter.airport))
      .sort(compareExceptions);
    return { asOf: now.toISOString(), thresholds: this.thresholds, items };
  }

  /** The stations, the two hubs and the day's destinations, and the day's flows between them. */
  async network(date?: string): Promise<{ date: string; asOf: string; viewBox: typeof NETWORK_VIEWBOX; nodes: NetworkNode[]; items: NetworkFlow[]; max: { weightKg: number; shipments: number } }> {
    const now = this.clock.now();
    const day = date ?? hubLocalDate(now);
    const from = hubDayStart(day);
    const flights = await this.reads.board({ airports: [...HUBS], from, to: new Date(from.getTime() + DAY_MS), limit: 5_000 });
    const shipments = await this.control.bookedShipments(flights.map((f) => f.flightId));
    const flows = networkFlowsOf(flights, shipments);
    const stations: NetworkNode[] = STATIONS.map((s) => ({ code: s.code, kind: 'STATION', nameZh: s.nameZh, nameEn: s.nameEn, lat: s.location.lat, lon: s.location.lon, ...geoPoint(s.location.lat, s.location.lon), metroArea: s.metroArea }));
    const hubs: NetworkNode[] = HUBS.map((code) => {
      const airport = findAirport(code);
      const at = HUB_LOCATIONS[code];
      return { code, kind: 'HUB', nameZh: airport?.nameZh ?? code, nameEn: airport?.nameEn ?? code, lat: at.lat, lon: at.lon, ...geoPoint(at.lat, at.lon) };
    });
    const destinationCodes = [...new Set(flows.filter((f) => f.mode !== 'TRUCK').map((f) => f.to))];
    const points = destinationPoints(destinationCodes.map((code) => ({ code, region: findAirport(code)?.region })));
    const destinations: NetworkNode[] = destinationCodes.map((code) => {
      const airport = findAirport(code);
      return { code, kind: 'DESTINATION', nameZh: airport?.nameZh ?? code, nameEn: airport?.nameEn ?? code, lat: null, lon: null, ...(points.get(code) as { x: number; y: number }), region: airport?.region };
    });
    return {
      date: day,
      asOf: now.toISOString(),
      viewBox: NETWORK_VIEWBOX,
      nodes: [...stations, ...hubs, ...destinations],
      items: flows,
      max: { weightKg: Math.max(0, ...flows.map((f) => f.weightKg)), shipments: Math.max(0, ...flows.map((f) => f.shipments)) },
    };
  }

  /** The flights as the control view shows them, each with its booked shipments, in board order. */
  private async withShipments(board: readonly BoardFlight[], now: Date): Promise<Array<{ flight: ControlFlight; shipments: BookedShipmentFacts[] }>> {
    const shipments = await this.control.bookedShipments(board.map((f) => f.flightId));
    const byFlight = new Map<string, BookedShipmentFacts[]>();
    for (const s of shipments) {
      const id = s.view.booking?.flightId;
      if (id) byFlight.set(id, [...(byFlight.get(id) ?? []), s]);
    }
    return board.map((f) => {
      const booked = byFlight.get(f.flightId) ?? [];
      return { flight: controlFlightOf(f, booked, this.lookups, now), shipments: booked };
    });
  }
}

/** A belly flight nobody is booked on: the "0 · 0 kg" rows the control view leaves out by default. */
function isEmptyBelly(f: ControlFlight): boolean {
  return f.shipments === 0 && f.aircraftKind === 'BELLY';
}

/** Flight number or id prefix, destination, a station feeding it, or an AWB (prefix) on it. */
function matchesQuery(flight: ControlFlight, shipments: readonly BookedShipmentFacts[], q: string): boolean {
  const text = q.trim().toUpperCase();
  const digits = text.replace(/[\s-]/g, '');
  return (
    flight.flightNumber.toUpperCase().startsWith(text) ||
    flight.flightId.toUpperCase().startsWith(text) ||
    flight.destination === text ||
    shipments.some((s) => s.view.stationCode === text || (digits.length >= 3 && /^\d+$/.test(digits) && s.view.awb.replace('-', '').startsWith(digits)))
  );
}
