import { flightNumberOf, instantOfImpDateTime, parseFsu, type FsuStatus, type ImpDate } from '@cargo/cargo-imp';
import { flightIdOf, isHomeHub } from '@cargo/contracts';

/**
 * An airline's FSU/15 text as the reports of the airline status API (the JSON bodies of
 * `POST /v1/flights/{flightId}/status` and `POST /v1/shipments/{awb}/status`), so FSU and JSON take
 * the same path and end as the same `cargo.handling.v1` events.
 */

/** A flight-level report: the flight left its Wuhan hub. */
export interface FsuFlightReport {
  kind: 'flight';
  flightId: string;
  body: { code: 'DEP'; happenedAt: string };
}

/** A shipment-level report (RCF, NFD, DLV, or the shipment's own DEP/ARR at a place on a flight). */
export interface FsuShipmentReport {
  kind: 'shipment';
  awb: string;
  body: { code: 'RCF' | 'NFD' | 'DLV' | 'DEP' | 'ARR'; place: string; happenedAt: string; flightNumber?: string; pieces?: number; remarks?: string };
}

export type FsuAirlineReport = FsuFlightReport | FsuShipmentReport;

/** A status line the airline status API does not take from an airline, or lacks what the report needs. */
export class FsuReportError extends Error {
  constructor(
    /** 1-based line of the FSU message (status lines start at 3). */
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`FSU/15 line ${line}, ${field}: ${reason}`);
    this.name = 'FsuReportError';
  }
}

/** What the mapping needs: time zones of airports, and the shared clock (the year of a day and month). */
export interface FsuReportContext {
  timeZoneOf(airport: string): string | undefined;
  now: Date;
}

const ACCEPTED = ['DEP', 'ARR', 'RCF', 'NFD', 'DLV'] as const;

function localDateText(d: ImpDate, timeZone: string, now: Date): string {
  const instant = instantOfImpDateTime({ ...d, time: '1200' }, timeZone, now);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * Maps an airline's FSU/15 (parsed strictly first: a syntax error is a `CargoImpSyntaxError` naming
 * line and field) to airline status reports, one per status line:
 * - `DEP` from WUH or EHU with an actual time (`/Ahhmm`) → the flight's departure
 *   (`flightId` = flight number + the flight date at the hub);
 * - `DEP` elsewhere, `ARR`, `RCF` (with its pieces), `NFD`, `DLV` → the shipment's report at that
 *   airport, at the local time given.
 * Times are local at the airport of the line; the year is the one nearest the shared clock.
 * Anything else (RCS, FOH, BKD, MAN, DIS, a DEP without an actual time, a status without a time)
 * throws {@link FsuReportError}: those are not the airline's to report here.
 */
export function airlineReportsFromFsu(text: string, ctx: FsuReportContext): FsuAirlineReport[] {
  const message = parseFsu(text);
  const tz = (airport: string, line: number) => {
    const zone = ctx.timeZoneOf(airport);
    if (!zone) throw new FsuReportError(line, 'airport', `${airport} is not an airport of the network`);
    return zone;
  };
  return message.statuses.map((s: FsuStatus, i): FsuAirlineReport => {
    const line = i + 3;
    if (!(ACCEPTED as readonly string[]).includes(s.code)) {
      throw new FsuReportError(line, 'status code', `${s.code} is not an airline report (the hub takes ${ACCEPTED.join(', ')})`);
    }
    const pieces = s.quantity.pieces;
    switch (s.code) {
      case 'DEP': {
        if (!s.departureTime || s.departureTime.indicator !== 'A') throw new FsuReportError(line, 'time of departure', 'a departure report gives the actual time (/Ahhmm)');
        const zone = tz(s.departureAirport, line);
        const happenedAt = instantOfImpDateTime({ ...s.date, time: s.departureTime.time }, zone, ctx.now).toISOString();
        const flightNumber = flightNumberOf(s.flight);
        if (isHomeHub(s.departureAirport)) return { kind: 'flight', flightId: flightIdOf(flightNumber, localDateText(s.date, zone, ctx.now)), body: { code: 'DEP', happenedAt } };
        return { kind: 'shipment', awb: message.awb, body: { code: 'DEP', place: s.departureAirport, happenedAt, flightNumber, pieces } };
      }
      case 'ARR':
      case 'RCF': {
        if (!s.date.time) throw new FsuReportError(line, 'time of the status', `${s.code} gives the local time it happened`);
        const happenedAt = instantOfImpDateTime({ ...s.date, time: s.date.time }, tz(s.airport, line), ctx.now).toISOString();
        return { kind: 'shipment', awb: message.awb, body: { code: s.code, place: s.airport, happenedAt, flightNumber: flightNumberOf(s.flight), pieces } };
      }
      case 'NFD':
      case 'DLV': {
        const happenedAt = instantOfImpDateTime(s.date, tz(s.airport, line), ctx.now).toISOString();
        return { kind: 'shipment', awb: message.awb, body: { code: s.code, place: s.airport, happenedAt, pieces, ...(s.name ? { remarks: s.name } : {}) } };
      }
      default:
        throw new FsuReportError(line, 'status code', `${s.code} is not an airline report`);
    }
  });
}
