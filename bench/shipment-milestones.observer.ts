import { EventCatalog, Topics } from '@cargo/contracts';
import type { Consumer, Kafka } from 'kafkajs';

/** When a shipment reached each milestone, as the broker recorded it (record timestamps, ms). */
export interface ShipmentMilestones {
  /** First FlightAssigned on `flight.assignment.v1` (published by flight-assignment's relay after its commit). */
  assignedAt?: number;
  /** First BKD status on `cargo.status.v1` (published by tracking's relay after the projection committed it). */
  trackedAt?: number;
  /** A CustomsHoldPlaced was published for it (nothing is held by design: such a shipment is excluded). */
  held?: boolean;
}

/**
 * Reads the topics where a shipment's progress shows (from the beginning, in a group of its own)
 * and keeps, per AWB of the run, when it was assigned and when tracking booked it. Only the broker
 * is read: nothing is added to the database's load, and the record timestamps (not when this
 * reader got them) are the times, so a slow reader does not skew the latencies.
 *
 * These are the services' public contracts (topics, CloudEvents `ce_type`, the status payload), so
 * the same observer measures any revision.
 */
export class ShipmentMilestonesObserver {
  readonly milestones = new Map<string, ShipmentMilestones>();
  private consumer: Consumer | undefined;
  private lastBookedAt = 0;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly awbs: ReadonlySet<string>,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.FlightAssignment, Topics.CargoStatus, Topics.CustomsHold], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const awb = message.key?.toString();
          if (!awb || !this.awbs.has(awb)) continue;
          const type = message.headers?.['ce_type']?.toString();
          const at = Number(message.timestamp);
          const m = this.milestones.get(awb) ?? {};
          if (batch.topic === Topics.FlightAssignment && type === EventCatalog.FlightAssigned.type) {
            m.assignedAt = Math.min(m.assignedAt ?? at, at);
          } else if (batch.topic === Topics.CustomsHold && type === EventCatalog.CustomsHoldPlaced.type) {
            m.held = true;
          } else if (batch.topic === Topics.CargoStatus && type === EventCatalog.ShipmentStatusReported.type && m.trackedAt === undefined) {
            const status = (JSON.parse(message.value?.toString() ?? '{}') as { status?: string }).status;
            if (status === 'BKD') {
              m.trackedAt = at;
              this.lastBookedAt = Date.now();
            }
          }
          this.milestones.set(awb, m);
        }
        for (const listener of this.listeners) listener();
      },
    });
  }

  /** Shipments of the run tracking has booked so far. */
  get tracked(): number {
    let n = 0;
    for (const m of this.milestones.values()) if (m.trackedAt !== undefined) n += 1;
    return n;
  }

  /**
   * Resolves once every AWB of `expected` is booked in tracking or held, or when none more was
   * booked for `stallMs` (then the rest are reported as not booked).
   */
  waitUntilTracked(expected: ReadonlySet<string>, stallMs: number): Promise<{ stalled: boolean }> {
    this.lastBookedAt = Date.now();
    return new Promise((done) => {
      const check = () => {
        let open = 0;
        for (const awb of expected) {
          const m = this.milestones.get(awb);
          if (!m || (m.trackedAt === undefined && !m.held)) open += 1;
        }
        if (open === 0 || Date.now() - this.lastBookedAt > stallMs) {
          clearInterval(timer);
          this.listeners = this.listeners.filter((l) => l !== check);
          done({ stalled: open > 0 });
        }
      };
      const timer = setInterval(check, 250);
      this.listeners.push(check);
      check();
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
