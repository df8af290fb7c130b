import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AssignmentBatchMonitor } from '../application/assignment-batch.monitor';
import type { DecisionSummary } from '../application/assignment.engine';

/** Names of the series flight-assignment adds to the messaging and HTTP ones (README "Operations"). */
export const AssignmentMetricNames = {
  BatchDuration: 'cargo_assignment_batch_duration_seconds',
  BatchSize: 'cargo_assignment_batch_size',
  WaitlistSize: 'cargo_assignment_waitlist_size',
  ExceptionsOpen: 'cargo_assignment_exceptions_open',
} as const;

/**
 * The batch decision seen from outside: a span `flight-assignment batch` per decision (no
 * instrumentation knows it; the outbox writer links it to every shipment trace it writes an event
 * into), its duration and size as histograms, and, read from the table at scrape time, the
 * wait-list size and the open exceptions (wait-listed shipments, and shipments offloaded and held:
 * each has an `AssignmentFailed` not yet followed by an assignment). No AWB in any label.
 */
export class TelemetryAssignmentBatchMonitor extends AssignmentBatchMonitor {
  private readonly tracer = trace.getTracer('flight-assignment');
  private readonly duration: Histogram;
  private readonly size: Histogram;
  private counts: { waitlisted: number; exceptions: number } | undefined;

  constructor(registry: Registry, private readonly dataSource: DataSource) {
    super();
    const registers = [registry];
    this.duration = new Histogram({
      name: AssignmentMetricNames.BatchDuration,
      help: 'Time one batch decision takes (load, plan, write bookings and events), seconds.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.size = new Histogram({
      name: AssignmentMetricNames.BatchSize,
      help: 'Shipments decided by one batch decision.',
      buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: AssignmentMetricNames.WaitlistSize,
      help: 'Shipments on the wait-list (no feasible flight yet; retried when capacity changes or their deadline passes).',
      registers,
      async collect() {
        await self.refreshCounts();
        if (self.counts) this.set(self.counts.waitlisted);
      },
    });
    new Gauge({
      name: AssignmentMetricNames.ExceptionsOpen,
      help: 'Shipments without a flight that need attention: in EXCEPTION (nothing can carry them; ops must resolve), wait-listed, or offloaded and held by customs.',
      registers,
      collect() {
        if (self.counts) this.set(self.counts.exceptions);
      },
    });
  }

  observe(batch: () => Promise<DecisionSummary[]>): Promise<DecisionSummary[]> {
    return this.tracer.startActiveSpan('flight-assignment batch', async (span) => {
      const stop = this.duration.startTimer();
      try {
        const decided = await batch();
        this.size.observe(decided.length);
        span.setAttribute('cargo.batch.size', decided.length);
        return decided;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        stop();
        span.end();
      }
    });
  }

  private async refreshCounts(): Promise<void> {
    const schema = (this.dataSource.options as { schema?: string }).schema ?? 'flight_assignment';
    try {
      const [row] = (await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE "status" = 'WAITLISTED')::int AS "waitlisted",
                count(*) FILTER (WHERE "status" IN ('WAITLISTED', 'EXCEPTION') OR ("status" = 'HELD' AND "reason_code" IS NOT NULL))::int AS "exceptions"
           FROM "${schema}"."shipments"`,
      )) as { waitlisted: number; exceptions: number }[];
      if (row) this.counts = { waitlisted: Number(row.waitlisted), exceptions: Number(row.exceptions) };
    } catch {
      // Database unreachable: keep the last values.
    }
  }
}
