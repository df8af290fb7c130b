import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@cargo/contracts';
import { TopicProvisioner } from '@cargo/messaging';
import { StationIntakeConfig } from '../config/station-intake.config';

/** Topics this service writes (through the outbox) or reads. */
export const STATION_INTAKE_TOPICS = [Topics.CargoIntake, Topics.CargoHandling, Topics.FlightAssignment] as const;

/**
 * Provisions the topics and starts the Kafka consumer in the background, retrying with backoff
 * while the broker is unreachable.
 *
 * Why not at start-up: station terminals must be able to post intakes while Kafka is down — the
 * outbox keeps the events and the relay publishes them when the broker is back. So the HTTP API
 * comes up on the database alone, and `flight.assignment.v1` consumption joins when it can.
 */
@Injectable()
export class KafkaConsumptionStarter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KafkaConsumption');
  private app: INestApplication | undefined;
  private readonly abort = new AbortController();
  private started = false;

  constructor(
    @Inject(TopicProvisioner) private readonly provisioner: TopicProvisioner,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
  ) {}

  /** The application whose microservices to start (set in the service definition's configure). */
  attach(app: INestApplication): void {
    this.app = app;
  }

  /** True once the consumer is subscribed. */
  get isConsuming(): boolean {
    return this.started;
  }

  onApplicationBootstrap(): void {
    if (this.app) void this.run(this.app);
  }

  /**
   * Stops retrying. Does not wait for an attempt in progress (a connect to an absent broker can take
   * many seconds); an attempt that finishes after this never starts the consumer.
   */
  beforeApplicationShutdown(): void {
    this.abort.abort();
  }

  private async run(app: INestApplication): Promise<void> {
    for (let attempt = 1; !this.abort.signal.aborted; attempt += 1) {
      try {
        await this.provisioner.ensureTopics({
          topics: STATION_INTAKE_TOPICS,
          partitions: this.config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
        });
        if (this.abort.signal.aborted) return;
        await app.startAllMicroservices();
        this.started = true;
        this.logger.log(`consuming ${Topics.FlightAssignment}`);
        return;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt - 1, 6));
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(`Kafka not ready (attempt ${attempt}; intakes still accepted, events wait in the outbox): ${(error as Error).message}; retrying in ${delay} ms`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.abort.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          }, { once: true });
        });
      }
    }
  }
}
