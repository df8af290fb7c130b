import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { HubControlQueriesUseCase, type ExceptionsReport } from './hub-control-queries.use-case';

/** Injection token of the monitor's settings. */
export const EXCEPTIONS_MONITOR_SETTINGS = Symbol('EXCEPTIONS_MONITOR_SETTINGS');

export interface ExceptionsMonitorSettings {
  /** How often the queue is evaluated again while someone watches it, real ms. */
  tickMs: number;
}

/**
 * Keeps the exceptions queue's watchers up to date: while anyone watches, it evaluates the queue
 * again on every tick, as of now on the shared clock, and sends the whole queue when its set changed
 * (an exception opened or closed, or its reason changed). A tick, not only an event, is what lets
 * time passing alone open an exception (a hold crossing its threshold, a truck missing its hour).
 *
 * Invariants: evaluations never overlap; a watcher gets the queue as it stands when it starts
 * watching, then only changes; on several replicas each evaluates for its own watchers from the
 * shared database, so all see the same queue.
 */
@Injectable()
export class OperatorExceptionsMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OperatorExceptionsMonitor');
  private readonly changes = new Subject<ExceptionsReport>();
  private timer: NodeJS.Timeout | undefined;
  private watchers = 0;
  private evaluating: Promise<void> | undefined;
  private lastSignature: string | undefined;

  constructor(
    @Inject(HubControlQueriesUseCase) private readonly queries: HubControlQueriesUseCase,
    @Inject(EXCEPTIONS_MONITOR_SETTINGS) private readonly settings: ExceptionsMonitorSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.evaluate(), this.settings.tickMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.changes.complete();
    await this.evaluating;
  }

  /** The queue now, then the queue again each time it changes. */
  reports(): Observable<ExceptionsReport> {
    return new Observable<ExceptionsReport>((subscriber) => {
      this.watchers += 1;
      let changed = false;
      const subscription = this.changes.subscribe({
        next: (report) => {
          changed = true;
          subscriber.next(report);
        },
      });
      this.queries.exceptions().then(
        (report) => {
          if (!changed) subscriber.next(report);
        },
        (error: unknown) => this.logger.warn(`exceptions queue not read: ${String(error)}`),
      );
      return () => {
        subscription.unsubscribe();
        this.watchers -= 1;
        if (this.watchers === 0) this.lastSignature = undefined;
      };
    });
  }

  /** Evaluates the queue once (if anyone watches and no evaluation runs) and sends it when it changed. */
  evaluate(): Promise<void> {
    if (this.watchers === 0 || this.evaluating) return this.evaluating ?? Promise.resolve();
    this.evaluating = this.queries
      .exceptions()
      .then((report) => {
        const signature = signatureOf(report);
        if (signature === this.lastSignature) return;
        this.lastSignature = signature;
        this.changes.next(report);
      })
      .catch((error: unknown) => this.logger.warn(`exceptions queue not evaluated: ${String(error)}`))
      .finally(() => {
        this.evaluating = undefined;
      });
    return this.evaluating;
  }
}

/** What makes two queues different to a watcher: the exceptions and their reasons (not their ages, which the clock moves). */
function signatureOf(report: ExceptionsReport): string {
  return report.items.map((e) => `${e.id}|${e.reason.key}|${e.flightId ?? ''}`).join('\n');
}
