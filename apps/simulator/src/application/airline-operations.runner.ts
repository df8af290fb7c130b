import { hubLocalDate } from '@cargo/contracts';
import { arrivalBehaviour, flightBehaviour, isMisroutedTransfer, type FlightBehaviour } from '../domain/airline-behaviour.rules';
import type { AirlineFlight, HubApi } from './hub-api.port';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Where the flights the hub books cargo on leave from: Wuhan's airports, and the transfer hubs' onward flights. */
const ORIGINS = ['WUH', 'EHU', 'PVG', 'HKG'] as const;
const WUHAN: readonly string[] = ['WUH', 'EHU'];
/** How often (simulated time) the airlines look at their flights. */
const POLL_EVERY = 5 * MINUTE;
/** Block time assumed for a misrouted shipment's unknown flight. */
const UNKNOWN_BLOCK = 8 * 60 * MINUTE;

export interface AirlineStats {
  departures: number;
  silentDepartures: number;
  arrivals: number;
  received: number;
  piecesShort: number;
  transfers: number;
  misrouted: number;
  notified: number;
  delivered: number;
}

interface TrackedFlight {
  flight: AirlineFlight;
  behaviour: FlightBehaviour;
  depDone: boolean;
  arrDone: boolean;
}

/** A shipment-level report to send once the clock reaches `sendAt` (it happened at `body.happenedAt`). */
interface DueReport {
  sendAt: number;
  awb: string;
  body: Record<string, unknown>;
  /** Pieces on the manifest, to count an RCF short. */
  manifested?: number;
}

/**
 * Plays the airlines after departure through flight-assignment's airline status API, with the
 * simulator's airline client (every carrier of the timetable): each closed flight with cargo departs
 * with a realistic delay and is reported (DEP; 2 % of airlines stay silent and the hub assumes it),
 * arrives and is reported (ARR); then each shipment on it is received from the flight (RCF, now and
 * then pieces short), and at its destination the consignee is notified (NFD) and it is delivered
 * (DLV). Connecting shipments are received at the transfer hub and continue on their onward flight,
 * whose DEP and ARR the partner airline reports; a few are misrouted onto another flight and reach
 * the destination hours late. Everything on the shared (accelerated) clock; nothing is reported
 * before it happened.
 *
 * Invariant: what is known about flights and shipments lives in memory: a restarted simulator
 * re-reports departures and arrivals (the same times, so the hub answers 200) but has forgotten the
 * connections it saw before.
 */
export class AirlineOperationsRunner {
  readonly stats: AirlineStats = { departures: 0, silentDepartures: 0, arrivals: 0, received: 0, piecesShort: 0, transfers: 0, misrouted: 0, notified: 0, delivered: 0 };
  private readonly flights = new Map<string, TrackedFlight>();
  /** Every flight seen, by id (onward flights give a misrouted shipment its block time). */
  private readonly known = new Map<string, AirlineFlight>();
  private readonly due: DueReport[] = [];
  /** Connecting shipments waiting for their onward flight, by the onward flight's id. */
  private readonly connecting = new Map<string, Array<{ awb: string; pieces: number }>>();
  private lastPoll = Number.NEGATIVE_INFINITY;

  constructor(private readonly api: HubApi) {}

  /** One step: look at the flights now and then, report departures and arrivals that happened, send due shipment reports. */
  async tick(now: number): Promise<void> {
    if (!this.api.playsAirlines) return;
    if (now - this.lastPoll >= POLL_EVERY) {
      this.lastPoll = now;
      await this.pollFlights(now);
    }
    await this.reportMovements(now);
    await this.sendDue(now);
  }

  private async pollFlights(now: number): Promise<void> {
    // Yesterday's flights may still arrive today; tomorrow's onward flights carry today's transfers.
    const dates = [...new Set([hubLocalDate(now - DAY), hubLocalDate(now), hubLocalDate(now + DAY)])];
    for (const date of dates) {
      for (const airport of ORIGINS) {
        for (const flight of await this.api.airlineFlights(airport, date)) {
          this.known.set(flight.flightId, flight);
          const closed = flight.status === 'CLOSED' || flight.status === 'DEPARTED';
          if (!closed || flight.booked.kg <= 0 || this.flights.has(flight.flightId)) continue;
          const behaviour = flightBehaviour(flight.flightId, Date.parse(flight.departureAt), Date.parse(flight.arrivalAt));
          this.flights.set(flight.flightId, { flight, behaviour, depDone: false, arrDone: false });
        }
      }
    }
  }

  private async reportMovements(now: number): Promise<void> {
    for (const tracked of this.flights.values()) {
      if (tracked.arrDone) continue;
      const { flight, behaviour } = tracked;
      if (!tracked.depDone && now >= behaviour.depReportAt) {
        tracked.depDone = true;
        if (behaviour.silent) {
          this.stats.silentDepartures++;
        } else if ((await this.api.reportFlightStatus(flight.flightId, { code: 'DEP', happenedAt: iso(behaviour.departedAt) })) < 300) {
          this.stats.departures++;
        }
      }
      if (tracked.depDone && !tracked.arrDone && now >= behaviour.arrReportAt) {
        const status = await this.api.reportFlightStatus(flight.flightId, { code: 'ARR', happenedAt: iso(behaviour.arrivedAt) });
        // 409: no departure on record yet (a silent airline's flight, before the hub assumed it): try again later.
        if (status === 409) continue;
        tracked.arrDone = true;
        if (status >= 300) continue;
        this.stats.arrivals++;
        await this.onArrival(flight, behaviour.arrivedAt);
      }
    }
  }

  /** What each shipment on an arrived flight does next: received there, then onward, or notified and delivered. */
  private async onArrival(flight: AirlineFlight, arrivedAt: number): Promise<void> {
    if (!WUHAN.includes(flight.origin)) {
      for (const { awb, pieces } of this.connecting.get(flight.flightId) ?? []) this.deliver(awb, flight, arrivedAt, pieces);
      this.connecting.delete(flight.flightId);
      return;
    }
    for (const line of (await this.api.manifest(flight.flightId)) ?? []) {
      const booking = (await this.api.shipmentBooking(line.awb))?.booking;
      const onwardId = booking?.flightId === flight.flightId ? booking.connectionFlightId : undefined;
      if (onwardId) this.transfer(line.awb, line.pieces, flight, arrivedAt, onwardId);
      else this.deliver(line.awb, flight, arrivedAt, line.pieces);
    }
  }

  /** At the destination: RCF (now and then pieces short), NFD, DLV. */
  private deliver(awb: string, flight: Pick<AirlineFlight, 'destination' | 'flightNumber'>, arrivedAt: number, pieces: number): void {
    const b = arrivalBehaviour(awb, arrivedAt, pieces);
    const place = flight.destination;
    this.schedule(awb, b.receivedAt, { code: 'RCF', place, pieces: b.piecesReceived, flightNumber: flight.flightNumber, ...(b.piecesReceived < pieces ? { remarks: `${pieces - b.piecesReceived} of ${pieces} pieces not found in the ULD` } : {}) }, pieces);
    this.schedule(awb, b.notifiedAt, { code: 'NFD', place });
    if (b.piecesReceived > 0) this.schedule(awb, b.deliveredAt, { code: 'DLV', place, pieces: b.piecesReceived });
  }

  /** At the transfer hub: received from the first leg, then on the onward flight (or, misrouted, on another one). */
  private transfer(awb: string, pieces: number, flight: AirlineFlight, arrivedAt: number, onwardId: string): void {
    this.stats.transfers++;
    const hub = flight.destination;
    const receivedAt = arrivalBehaviour(awb, arrivedAt, pieces).receivedAt;
    this.schedule(awb, receivedAt, { code: 'RCF', place: hub, pieces, flightNumber: flight.flightNumber });
    const onward = this.known.get(onwardId);
    const wrong = isMisroutedTransfer(awb) ? this.otherOnwardFlight(hub, onward) : undefined;
    if (!wrong) {
      this.connecting.set(onwardId, [...(this.connecting.get(onwardId) ?? []), { awb, pieces }]);
      return;
    }
    // Misrouted: loaded onto another flight out of the hub, which brings it to the destination hours late.
    const leftAt = receivedAt + 20 * MINUTE;
    const block = Date.parse(wrong.arrivalAt) - Date.parse(wrong.departureAt);
    const landedAt = leftAt + (block > 0 ? block : UNKNOWN_BLOCK) + 90 * MINUTE;
    const destination = onward?.destination ?? wrong.destination;
    this.schedule(awb, leftAt, { code: 'DEP', place: hub, flightNumber: wrong.flightNumber, pieces, remarks: `loaded on ${wrong.flightNumber} instead of ${onward?.flightNumber ?? 'the booked onward flight'}` });
    this.schedule(awb, landedAt, { code: 'ARR', place: destination, flightNumber: wrong.flightNumber, pieces });
    this.deliver(awb, { destination, flightNumber: wrong.flightNumber }, landedAt, pieces);
  }

  /** Another onward flight out of the hub: to the same destination if there is one, else any. */
  private otherOnwardFlight(hub: string, booked: AirlineFlight | undefined): AirlineFlight | undefined {
    const others = [...this.known.values()].filter((f) => f.origin === hub && f.flightNumber !== booked?.flightNumber);
    return others.find((f) => f.destination === booked?.destination) ?? others[0];
  }

  private schedule(awb: string, happenedAt: number, body: Record<string, unknown>, manifested?: number): void {
    const lag = (2 + (happenedAt % 7)) * MINUTE;
    this.due.push({ sendAt: happenedAt + lag, awb, body: { ...body, happenedAt: iso(happenedAt) }, manifested });
  }

  private async sendDue(now: number): Promise<void> {
    this.due.sort((a, b) => a.sendAt - b.sendAt);
    while (this.due.length > 0 && (this.due[0]?.sendAt ?? Infinity) <= now) {
      const report = this.due.shift();
      if (!report) break;
      try {
        if ((await this.api.reportShipmentStatus(report.awb, report.body)) < 300) this.count(report);
      } catch (error) {
        // The hub is unavailable (5xx, network): the report waits for a later tick.
        this.due.push({ ...report, sendAt: now + MINUTE });
        throw error;
      }
    }
  }

  private count(report: DueReport): void {
    switch (report.body['code']) {
      case 'RCF':
        this.stats.received++;
        if (report.manifested !== undefined && Number(report.body['pieces']) < report.manifested) this.stats.piecesShort++;
        break;
      case 'DEP':
        this.stats.misrouted++;
        break;
      case 'NFD':
        this.stats.notified++;
        break;
      case 'DLV':
        this.stats.delivered++;
        break;
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
