import {
  CargoImpWriteError,
  ElementLength,
  impDateOf,
  impDateTimeOf,
  impFlightOf,
  impFreeText,
  writeFsu,
  type DiscrepancyCode,
  type FsuMessage,
  type FsuStatus,
  type FsuStatusCode,
  type ImpQuantity,
} from '@cargo/cargo-imp';
import { compareTrackedEvents, type TrackedEvent } from './tracked-event.model';

/** What the FSU builder needs to know about places: time zones of airports, and which places are stations. */
export interface FsuPlaces {
  /** IANA time zone of an airport; undefined for a code the reference data does not know. */
  timeZoneOf(airport: string): string | undefined;
  /**
   * For a forward station, the airport its cargo leaves through when nothing is booked yet (the hub
   * it trucks to first); undefined when `place` is not a station.
   */
  airportOfStation(place: string): string | undefined;
}

/**
 * One status of a shipment as an FSU/15 message, with its JSON facts.
 *
 * Invariants: `fsu` is a complete FSU/15 message (CRLF lines) whose first status line has code
 * `status`; `place` is that line's airport; `sourceEventId` is the tracked event it comes from.
 */
export interface FsuStatusMessage {
  awb: string;
  status: FsuStatusCode;
  place: string;
  flightNumber?: string;
  pieces: number;
  happenedAt: string;
  sourceEventId: string;
  fsu: string;
}

type EventOf<K extends TrackedEvent['kind']> = Extract<TrackedEvent, { kind: K }>;

/** What the consignment line of every FSU of the AWB says, from the intake and the latest booking. */
interface Consignment {
  origin: string;
  destination: string;
  pieces: number;
  weightKg: number;
  shipperName?: string;
}

const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The discrepancy code a DIS scan's remarks point to: missing or short pieces MSCA, found or
 * surplus pieces FDCA, offloaded OFLD. Undefined when the remarks say neither (e.g. damage, which
 * FSU has no discrepancy code for): no FSU is written then.
 */
export function discrepancyCodeOf(remarks: string | undefined): DiscrepancyCode | undefined {
  const text = (remarks ?? '').toLowerCase();
  if (/offload/.test(text)) return 'OFLD';
  if (/\b(surplus|found|extra|over)\b/.test(text)) return 'FDCA';
  if (/\b(missing|short|lost|not received|not found)\b/.test(text)) return 'MSCA';
  return undefined;
}

/** `CZ3481-2026-11-25` → 25 NOV; undefined for another shape. */
function dateOfFlightId(flightId: string | undefined): { day: number; month: ReturnType<typeof impDateOf>['month'] } | undefined {
  const m = flightId ? /-(\d{4})-(\d{2})-(\d{2})$/.exec(flightId) : null;
  if (!m) return undefined;
  return impDateOf(`${m[1]}-${m[2]}-${m[3]}T12:00:00Z`, 'UTC');
}

function consignmentOf(events: readonly TrackedEvent[], places: FsuPlaces): Consignment | undefined {
  const received = events.find((e): e is EventOf<'CargoReceived'> => e.kind === 'CargoReceived');
  if (!received) return undefined;
  const booked = [...events].reverse().find((e): e is EventOf<'FlightAssigned'> => e.kind === 'FlightAssigned');
  const d = received.data;
  return {
    origin: booked?.data.origin ?? places.airportOfStation(d.stationCode) ?? 'WUH',
    destination: d.destinationAirport,
    pieces: d.pieces,
    weightKg: Math.max(0.1, Math.round(d.grossWeightKg * 10) / 10),
    shipperName: impFreeText(d.shipper.name, ElementLength.name) || undefined,
  };
}

/**
 * Builds the FSU/15 messages of one shipment's statuses from its tracked events (any order; each
 * event id once): RCS from the intake (and RCS/FOH scans), BKD from each booking (a second line for
 * the connection), MAN from the manifest, DEP/ARR/RCF/NFD/DLV/DIS from the scans and airline
 * reports. Times are local at the airport of each line; a station's scans are reported at the
 * airport the AWB leaves from. A status FSU cannot express (no flight on an RCF, a DIS whose remarks
 * name no discrepancy code, a value outside an element) is left out rather than written wrong.
 * Nothing before the intake is known (no pieces, no destination): no messages then.
 */
export function fsuStatusMessagesOf(awb: string, events: readonly TrackedEvent[], places: FsuPlaces): FsuStatusMessage[] {
  const seen = new Set<string>();
  const ordered = [...events].filter((e) => e.awb === awb && !seen.has(e.eventId) && seen.add(e.eventId)).sort(compareTrackedEvents);
  const consignment = consignmentOf(ordered, places);
  if (!consignment) return [];
  const tz = (airport: string) => places.timeZoneOf(airport) ?? DEFAULT_TIME_ZONE;
  /** A station's scans are reported at the airport the AWB leaves from (the station is off-airport). */
  const airportOf = (place: string) => (places.airportOfStation(place) !== undefined ? consignment.origin : place);
  const whole: ImpQuantity = { code: 'T', pieces: consignment.pieces, weight: { code: 'K', value: consignment.weightKg } };
  const some = (pieces: number | undefined): ImpQuantity =>
    pieces === undefined || pieces >= consignment.pieces ? whole : { code: 'P', pieces, totalPieces: consignment.pieces };
  let booking: EventOf<'FlightAssigned'>['data'] | undefined;
  const out: FsuStatusMessage[] = [];

  const emit = (e: TrackedEvent, statuses: FsuStatus[], facts: { place: string; flightNumber?: string; pieces: number }, osi?: string) => {
    const message: FsuMessage = { awb, origin: consignment.origin, destination: consignment.destination, quantity: whole, statuses, ...(osi ? { osi: [osi] } : {}) };
    try {
      const fsu = writeFsu(message);
      out.push({ awb, status: statuses[0]?.code as FsuStatusCode, ...facts, happenedAt: e.happenedAt, sourceEventId: e.eventId, fsu });
    } catch (error) {
      if (!(error instanceof CargoImpWriteError)) throw error;
    }
  };

  for (const e of ordered) {
    switch (e.kind) {
      case 'CargoReceived': {
        const at = consignment.origin;
        emit(e, [{ code: 'RCS', date: impDateTimeOf(e.data.receivedAt, tz(at)), airport: at, quantity: whole, ...(consignment.shipperName ? { name: consignment.shipperName } : {}) }], { place: at, pieces: consignment.pieces });
        break;
      }
      case 'FlightAssigned': {
        booking = e.data;
        const d = e.data;
        const firstArrival = d.connection?.via ?? d.destination;
        const lines: FsuStatus[] = [
          {
            code: 'BKD',
            flight: impFlightOf(d.flightNumber),
            date: impDateOf(d.departureAt, tz(d.origin)),
            departureAirport: d.origin,
            arrivalAirport: firstArrival,
            quantity: whole,
            departureTime: { indicator: 'S', time: impDateTimeOf(d.departureAt, tz(d.origin)).time },
            arrivalTime: { indicator: 'S', time: impDateTimeOf(d.arrivalAt, tz(firstArrival)).time },
          },
        ];
        if (d.connection) {
          const c = d.connection;
          lines.push({
            code: 'BKD',
            flight: impFlightOf(c.flightNumber),
            date: impDateOf(c.departureAt, tz(c.via)),
            departureAirport: c.via,
            arrivalAirport: d.destination,
            quantity: whole,
            departureTime: { indicator: 'S', time: impDateTimeOf(c.departureAt, tz(c.via)).time },
            arrivalTime: { indicator: 'S', time: impDateTimeOf(c.arrivalAt, tz(d.destination)).time },
          });
        }
        emit(e, lines, { place: d.origin, flightNumber: d.flightNumber, pieces: consignment.pieces });
        break;
      }
      case 'ManifestClosed': {
        const d = e.data;
        emit(
          e,
          [{ code: 'MAN', flight: impFlightOf(d.flightNumber), date: impDateOf(d.departureAt, tz(d.origin)), departureAirport: d.origin, arrivalAirport: d.destination, quantity: whole, departureTime: { indicator: 'S', time: impDateTimeOf(d.departureAt, tz(d.origin)).time } }],
          { place: d.origin, flightNumber: d.flightNumber, pieces: consignment.pieces },
        );
        break;
      }
      case 'HandlingScanned': {
        const d = e.data;
        const at = airportOf(d.place);
        const local = impDateTimeOf(d.happenedAt, tz(at));
        switch (d.code) {
          case 'RCS':
          case 'FOH':
          case 'NFD':
          case 'DLV':
            emit(e, [{ code: d.code, date: local, airport: at, quantity: some(d.pieces) }], { place: at, pieces: d.pieces ?? consignment.pieces });
            break;
          case 'DEP': {
            if (!d.flightNumber) break;
            const arrival =
              booking?.flightNumber === d.flightNumber ? (booking.connection?.via ?? booking.destination) : booking?.connection?.flightNumber === d.flightNumber ? booking.destination : consignment.destination;
            emit(
              e,
              [{ code: 'DEP', flight: impFlightOf(d.flightNumber), date: dateOfFlightId(d.flightId) ?? { day: local.day, month: local.month }, departureAirport: at, arrivalAirport: arrival, quantity: some(d.pieces), departureTime: { indicator: 'A', time: local.time } }],
              { place: at, flightNumber: d.flightNumber, pieces: d.pieces ?? consignment.pieces },
            );
            break;
          }
          case 'ARR':
          case 'RCF': {
            const flightNumber = d.flightNumber ?? (booking?.connection?.flightNumber ?? booking?.flightNumber);
            if (!flightNumber) break;
            if (d.code === 'RCF' && d.pieces === 0) {
              // Nothing came off the flight: a discrepancy, all pieces missing.
              emit(e, [{ code: 'DIS', flight: impFlightOf(flightNumber), date: local, airport: at, discrepancyCode: 'MSCA', quantity: whole }], { place: at, flightNumber, pieces: 0 }, 'NO PIECES RECEIVED FROM THE FLIGHT');
              break;
            }
            emit(e, [{ code: d.code, flight: impFlightOf(flightNumber), date: local, airport: at, quantity: some(d.pieces) }], { place: at, flightNumber, pieces: d.pieces ?? consignment.pieces });
            break;
          }
          case 'DIS': {
            const discrepancyCode = discrepancyCodeOf(d.remarks);
            if (!discrepancyCode) break;
            const osi = impFreeText(d.remarks ?? '', 65);
            emit(
              e,
              [{ code: 'DIS', ...(d.flightNumber ? { flight: impFlightOf(d.flightNumber) } : {}), date: local, airport: at, discrepancyCode, quantity: some(d.pieces) }],
              { place: at, ...(d.flightNumber ? { flightNumber: d.flightNumber } : {}), pieces: d.pieces ?? consignment.pieces },
              osi || undefined,
            );
            break;
          }
          default:
            break;
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}
