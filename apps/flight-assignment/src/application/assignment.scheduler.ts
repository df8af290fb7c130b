import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { hubLocalDate } from '@cargo/contracts';
import { generateTimetable } from '@cargo/seeds';
import { flightFromSchedule } from '../domain/flight.model';
import { AirlineStatusUseCase } from './airline-status.use-case';
import { AssignmentBatchMonitor } from './assignment-batch.monitor';
import { AssignmentEngine } from './assignment.engine';
import { InProcessTickLock, TickLock } from './tick-lock.port';
import { UnitOfWorkRunner } from './unit-of-work.port';

/** Injection token of the {@link SchedulerSettings}. */
export const SCHEDULER_SETTINGS = Symbol('SCHEDULER_SETTINGS');

export interface SchedulerSettings {
  /** How often the scheduler looks at the clock, real ms. */
  tickMs: number;
  /** How long the first pending release waits for others before the batch is decided, real ms. */
  batchWindowMs: number;
  /** Timetable: first local date (`YYYY-MM-DD`; the clock's local date when unset), days, seed. */
  timetableStartDate?: string;
  timetableDays: number;
  timetableSeed: number;
}

/**
 * Drives time-based work from the service clock: at start it loads the seeded timetable; then on each
 * tick it closes the manifests whose cut-off passed, reports the departures the airlines stayed silent about (the silence rule), and decides the pending batch once its window is
 * over (or the wait-list when capacity changed or a wait-listed shipment's next attempt is due).
 *
 * Invariant: ticks never overlap, in a process or across replicas: each runs under the
 * {@link TickLock}; a timer tick that finds it held by another replica is skipped (that replica does
 * the work), an explicit one (`tick()`, e.g. after the ops clock moved) waits for it. The capacity
 * lock still serialises each change with the consumers'.
 */
@Injectable()
export class AssignmentScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AssignmentScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(UnitOfWorkRunner) private readonly uow: UnitOfWorkRunner,
    private readonly engine: AssignmentEngine,
    private readonly airlineStatus: AirlineStatusUseCase,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    private readonly batches: AssignmentBatchMonitor,
    @Optional() @Inject(TickLock) private readonly tickLock: TickLock = new InProcessTickLock(),
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadTimetable();
    this.timer = setInterval(() => void this.tick({ scheduled: true }), this.settings.tickMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Inserts the seeded timetable's departures (idempotent: existing flights are left as operated). */
  async loadTimetable(): Promise<number> {
    const date = this.settings.timetableStartDate ?? hubLocalDate(this.clock.now());
    const now = this.clock.now().getTime();
    // Departures whose cut-off already passed are loaded closed: nothing was booked, no manifest to send.
    const flights = generateTimetable({ date, days: this.settings.timetableDays, seed: this.settings.timetableSeed })
      .map(flightFromSchedule)
      .map((f) => (f.cutoffAt <= now ? { ...f, status: 'CLOSED' as const } : f));
    const inserted = await this.uow.run((u) => u.store.insertFlights(flights, 'TIMETABLE'));
    this.logger.log(`timetable ${date} + ${this.settings.timetableDays} day(s): ${flights.length} departures, ${inserted} new`);
    return inserted;
  }

  /**
   * One pass of time-based work; resolves when done. Safe to call at any time (serialised).
   * `scheduled`: the timer's tick, skipped when another replica holds the tick lock.
   */
  tick(options: { force?: boolean; scheduled?: boolean } = {}): Promise<void> {
    const next = this.running.then(async () => {
      if (this.stopped) return;
      await this.tickLock.runExclusive(() => this.work(options.force ?? false), { wait: !options.scheduled });
    });
    this.running = next.catch((error: unknown) => {
      this.logger.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.running;
  }

  private async work(force: boolean): Promise<void> {
    await this.uow.run((u) => this.engine.closeDueManifests(u));
    await this.uow.run((u) => this.airlineStatus.assumeSilentDepartures(u));
    const queue = await this.uow.run((u) => u.store.queueState());
    const batchDue = queue.oldestPendingSince !== undefined && (force || Date.now() - queue.oldestPendingSince >= this.settings.batchWindowMs);
    const retryDue = this.engine.waitlistDue || (queue.earliestNextAttemptAt ?? Infinity) <= this.clock.now().getTime();
    if (batchDue || retryDue) await this.batches.observe(() => this.uow.run((u) => this.engine.runBatch(u)));
  }
}
