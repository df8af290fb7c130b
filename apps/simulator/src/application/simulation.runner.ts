import { findStation } from '@cargo/seeds';
import { createHash } from 'node:crypto';
import { columnWidths, formatTextHeader, formatTextRow, type Clock, type TextCell, type TextColumn } from '@cargo/service-runtime';
import { PlannedShipment } from '../domain/day-plan.generator';
import { hubLocalClock } from '../domain/day-summary.formatter';
import { AirlineOperationsRunner } from './airline-operations.runner';
import { HubApi, HubApiError, type OpenHold } from './hub-api.port';

const MINUTE = 60_000;

/** A reproducible number in [0, 1) for an AWB and a purpose (same AWB, same delays every run). */
function draw(awb: string, purpose: string): number {
  return createHash('sha256').update(`${purpose}:${awb}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** How long (simulated minutes) an officer or screener takes before acting on a hold. */
const HOLD_DELAY_MINUTES: Record<string, [number, number]> = {
  SCREENING: [15, 60],
  DG_QUALIFICATION: [60, 180],
  DOCUMENTS: [30, 120],
  ECOMMERCE_RISK: [20, 90],
  LAB_RESULT: [120, 300],
  MANUAL: [60, 240],
  SCREENING_FAILED: [90, 240],
};

/** Progress rows between repeats of their header (a header scrolled away is no help). */
const PROGRESS_HEADER_EVERY = 20;

interface SimulationStats {
  intakesPosted: number;
  intakesRejected: number;
  scansPosted: number;
  holdsResolved: number;
  labResults: number;
  trucksLoaded: number;
  trucksDeparted: number;
  trucksArrived: number;
  errors: number;
}

interface SimulationOptions {
  plan: PlannedShipment[];
  clock: Clock;
  api: HubApi;
  /** Simulated time at which the simulation ends. */
  endsAt: Date;
  log: (line: string) => void;
  /** Real milliseconds between ticks. */
  tickMs?: number;
}

/**
 * Plays a day at the hub through the real HTTP APIs: station clerks register cargo as it arrives
 * and scan it on hand; customs officers and screeners resolve holds after realistic delays; the
 * station loads and dispatches trucks by the dispatch list, and their crews report arriving at the
 * airport after the station's truck time; the airlines report departures, arrivals, receipt from the
 * flight, transfers, notification and delivery ({@link AirlineOperationsRunner}). Time is the shared
 * (accelerated) clock.
 */
export class SimulationRunner {
  readonly stats: SimulationStats = {
    intakesPosted: 0,
    intakesRejected: 0,
    scansPosted: 0,
    holdsResolved: 0,
    labResults: 0,
    trucksLoaded: 0,
    trucksDeparted: 0,
    trucksArrived: 0,
    errors: 0,
  };
  private next = 0;
  private readonly onHandDue: { at: number; station: string; awb: string }[] = [];
  private readonly labDue: { at: number; awb: string }[] = [];
  private readonly arrivalsDue: { at: number; station: string; airport: 'WUH' | 'EHU'; truckRunId: string; awbs: string[] }[] = [];
  private readonly actedOn = new Set<string>();
  private readonly loadedTrucks = new Set<string>();
  private readonly departedTrucks = new Set<string>();
  private readonly stations = new Set<string>();
  private stopped = false;
  private lastError = '';

  /** The airlines after departure (played when the hub gave the simulator an airline client). */
  readonly airlines: AirlineOperationsRunner;

  constructor(private readonly options: SimulationOptions) {
    this.airlines = new AirlineOperationsRunner(options.api);
  }

  stop(): void {
    this.stopped = true;
  }

  get done(): boolean {
    return this.stopped || this.options.clock.now() >= this.options.endsAt;
  }

  /** Runs until the simulated end (or `stop()`), one tick at a time. */
  async run(): Promise<SimulationStats> {
    const tickMs = this.options.tickMs ?? 500;
    let ticks = 0;
    while (!this.done) {
      await this.tick(ticks++ % 4 === 0);
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    return this.stats;
  }

  /** One step of the day. `slow` also runs the polling work (holds, dispatch lists). */
  async tick(slow = true): Promise<void> {
    const now = this.options.clock.now().getTime();
    await this.guard(() => this.receiveArrivals(now));
    await this.guard(() => this.scanOnHand(now));
    if (slow) {
      await this.guard(() => this.resolveHolds(now));
      await this.guard(() => this.postLabResults(now));
      await this.guard(() => this.runTrucks(now));
      await this.guard(() => this.arriveTrucks(now));
      await this.guard(() => this.airlines.tick(now));
    }
  }

  /**
   * The progress as one row of an aligned table (the header before the first row and every
   * {@link PROGRESS_HEADER_EVERY} rows): simulated hub-local time, intakes posted of planned,
   * scans, holds resolved, trucks loaded/departed/arrived, the airlines' reports, errors; before the
   * first shipment arrives, when that will be.
   */
  progressLines(): string[] {
    const s = this.stats;
    const a = this.airlines.stats;
    const now = this.options.clock.now();
    const upcoming = this.options.plan[this.next]?.arrivesAt;
    const note =
      s.intakesPosted === 0 && upcoming && upcoming > now ? `first arrivals at ${hubLocalClock(upcoming).slice(11)} hub-local` : s.errors ? `last error: ${this.lastError}` : '';
    const row: TextCell[] = [hubLocalClock(now), `${s.intakesPosted}/${this.options.plan.length}`, s.intakesRejected, s.scansPosted, s.holdsResolved, s.labResults, `${s.trucksLoaded}/${s.trucksDeparted}/${s.trucksArrived}`, a.departures, a.arrivals, a.received, a.delivered, s.errors, note];
    const columns = this.progressColumns();
    const widths = columnWidths(columns);
    const header = this.progressRows++ % PROGRESS_HEADER_EVERY === 0 ? formatTextHeader(columns, widths) : [];
    return [...header, formatTextRow(columns, row, widths)];
  }

  private progressRows = 0;

  private progressColumns(): TextColumn[] {
    const planned = String(this.options.plan.length);
    const right = (header: string, minWidth = 5): TextColumn => ({ header, align: 'right', minWidth });
    return [
      { header: 'sim time (UTC+8)', minWidth: 16 },
      right('intakes', planned.length * 2 + 1),
      right('rejected'),
      right('scans', 6),
      right('holds'),
      right('lab'),
      right('trucks L/D/A', 11),
      right('DEP'),
      right('ARR'),
      right('RCF'),
      right('DLV'),
      right('errors'),
      { header: 'note' },
    ];
  }

  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.stats.errors++;
      this.lastError = error instanceof Error ? error.message.slice(0, 160) : String(error);
    }
  }

  private async receiveArrivals(now: number): Promise<void> {
    const due: PlannedShipment[] = [];
    while (this.next < this.options.plan.length && (this.options.plan[this.next]?.arrivesAt.getTime() ?? Infinity) <= now) {
      const planned = this.options.plan[this.next++];
      if (planned) due.push(planned);
    }
    // A few terminals post at once, as several docks do.
    for (let i = 0; i < due.length; i += 4) {
      await Promise.all(due.slice(i, i + 4).map((planned) => this.receive(planned, now)));
    }
  }

  private async receive(planned: PlannedShipment, now: number): Promise<void> {
    const { stationCode, ...body } = planned.intake;
    this.stations.add(stationCode);
    const status = await this.options.api.postIntake(stationCode, { ...body, recordedAt: new Date(now).toISOString() });
    if (status === 200 || status === 201) {
      this.stats.intakesPosted++;
      const minutes = 10 + draw(body.awb, 'foh') * 30;
      this.onHandDue.push({ at: planned.arrivesAt.getTime() + minutes * MINUTE, station: stationCode, awb: body.awb });
      if (body.commodity.category === 'CHILLED_AQUATIC') {
        this.labDue.push({ at: planned.arrivesAt.getTime() + (150 + draw(body.awb, 'lab') * 150) * MINUTE, awb: body.awb });
      }
    } else {
      this.stats.intakesRejected++;
    }
  }

  private async scanOnHand(now: number): Promise<void> {
    this.onHandDue.sort((a, b) => a.at - b.at);
    while (this.onHandDue.length > 0 && (this.onHandDue[0]?.at ?? Infinity) <= now) {
      const due = this.onHandDue.shift();
      if (!due) break;
      const status = await this.options.api.postScan(due.station, {
        awb: due.awb,
        code: 'FOH',
        happenedAt: new Date(due.at).toISOString(),
        recordedAt: new Date(now).toISOString(),
      });
      if (status < 300) this.stats.scansPosted++;
    }
  }

  private async resolveHolds(now: number): Promise<void> {
    const holds = await this.options.api.openHolds();
    for (const hold of holds) await this.resolveHold(hold, now);
  }

  private async resolveHold(hold: OpenHold, now: number): Promise<void> {
    const since = hold.heldSince ? Date.parse(hold.heldSince) : now;
    const codes = hold.holds.map((h) => h.code);
    // Security first: screening holds are the screener's; the rest is the customs officer's.
    const screening = codes.includes('SCREENING');
    const code = screening ? 'SCREENING' : (codes[0] ?? 'MANUAL');
    const [min, max] = HOLD_DELAY_MINUTES[code] ?? [60, 120];
    const dueAt = since + (min + draw(hold.awb, `delay:${code}`) * (max - min)) * MINUTE;
    const key = `${hold.awb}:${code}:${hold.heldSince ?? ''}`;
    if (dueAt > now || this.actedOn.has(key)) return;
    this.actedOn.add(key);
    let status: number;
    if (screening) {
      const pass = draw(hold.awb, 'screening-result') > 0.03;
      status = await this.options.api.act(hold.awb, 'screening-results', 'SECURITY_SCREENER', pass
        ? { result: 'PASS', reason: 'X-ray and ETD clear (simulated screener)' }
        : { result: 'FAIL', finding: 'Unexplained dense object in one piece', reason: 'X-ray alarm (simulated screener)' });
    } else if (code === 'SCREENING_FAILED') {
      // After re-inspection the screener clears most failed pieces.
      status = await this.options.api.act(hold.awb, 'screening-results', 'SECURITY_SCREENER', {
        result: 'PASS',
        reason: 'Re-inspected by hand, object identified as declared goods (simulated)',
      });
    } else if (code === 'LAB_RESULT') {
      status = await this.options.api.act(hold.awb, 'lab-results', 'CUSTOMS_OFFICER', { result: 'PASS', reason: 'Retest within limits (simulated lab)' });
    } else {
      const kind = hold.commodityCategory === 'CHILLED_AQUATIC' ? 'CONDITIONAL' : 'FULL';
      status = await this.options.api.act(hold.awb, 'releases', 'CUSTOMS_OFFICER', {
        kind,
        reason: `${code} resolved: documents, qualification or declaration put right (simulated officer)`,
      });
      if (status === 409 && kind === 'CONDITIONAL') {
        status = await this.options.api.act(hold.awb, 'releases', 'CUSTOMS_OFFICER', { kind: 'FULL', reason: `${code} resolved (simulated officer)` });
      }
    }
    if (status < 300) this.stats.holdsResolved++;
  }

  private async postLabResults(now: number): Promise<void> {
    this.labDue.sort((a, b) => a.at - b.at);
    while (this.labDue.length > 0 && (this.labDue[0]?.at ?? Infinity) <= now) {
      const due = this.labDue.shift();
      if (!due) break;
      const pass = draw(due.awb, 'lab-result') > 0.03;
      const status = await this.options.api.act(due.awb, 'lab-results', 'CUSTOMS_OFFICER', pass
        ? { result: 'PASS', reason: 'Lab report within limits (simulated lab)' }
        : { result: 'FAIL', finding: 'Bacterial count above limit', reason: 'Lab report (simulated lab)' });
      if (status < 300) this.stats.labResults++;
    }
  }

  private async runTrucks(now: number): Promise<void> {
    for (const station of this.stations) {
      for (const airport of ['WUH', 'EHU'] as const) {
        const trucks = await this.options.api.dispatch(station, airport);
        for (const truck of trucks) {
          const departBy = Date.parse(truck.departBy);
          const shipments = truck.flights.flatMap((flight) => flight.shipments);
          if (departBy - 30 * MINUTE <= now && !this.loadedTrucks.has(truck.truckRunId)) {
            this.loadedTrucks.add(truck.truckRunId);
            this.stats.trucksLoaded++;
            for (const shipment of shipments.filter((s) => !s.loadedAt)) {
              await this.scan(station, shipment.awb, 'LOT', truck.truckRunId, Math.min(now, departBy - 10 * MINUTE), now);
            }
          }
          if (departBy - 5 * MINUTE <= now && !this.departedTrucks.has(truck.truckRunId) && this.loadedTrucks.has(truck.truckRunId)) {
            this.departedTrucks.add(truck.truckRunId);
            this.stats.trucksDeparted++;
            for (const shipment of shipments.filter((s) => !s.truckDepartedAt)) {
              await this.scan(station, shipment.awb, 'TDP', truck.truckRunId, Math.min(now, departBy), now);
            }
            const arrivesAt = Math.min(now, departBy) + this.truckMinutes(station, airport) * MINUTE;
            this.arrivalsDue.push({ at: arrivesAt, station, airport, truckRunId: truck.truckRunId, awbs: shipments.map((s) => s.awb) });
          }
        }
      }
    }
  }

  /** Trucks on the road report their arrival at the airport (TAR) when they get there. */
  private async arriveTrucks(now: number): Promise<void> {
    this.arrivalsDue.sort((a, b) => a.at - b.at);
    while (this.arrivalsDue.length > 0 && (this.arrivalsDue[0]?.at ?? Infinity) <= now) {
      const due = this.arrivalsDue.shift();
      if (!due) break;
      this.stats.trucksArrived++;
      for (const awb of due.awbs) await this.scan(due.station, awb, 'TAR', due.truckRunId, due.at, now, due.airport);
    }
  }

  private truckMinutes(station: string, airport: 'WUH' | 'EHU'): number {
    return findStation(station)?.truckMinutes[airport] ?? 60;
  }

  private async scan(
    station: string,
    awb: string,
    code: 'LOT' | 'TDP' | 'TAR',
    truckRunId: string,
    happenedAt: number,
    now: number,
    airport?: 'WUH' | 'EHU',
  ): Promise<void> {
    try {
      const status = await this.options.api.postScan(station, {
        awb,
        code,
        ...(airport ? { airport } : {}),
        truckId: truckRunId.slice(0, 32),
        happenedAt: new Date(happenedAt).toISOString(),
        recordedAt: new Date(now).toISOString(),
      });
      if (status < 300) this.stats.scansPosted++;
    } catch (error) {
      if (!(error instanceof HubApiError)) throw error;
      this.stats.errors++;
      this.lastError = error.message.slice(0, 160);
    }
  }
}
