import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGING_OPTIONS, TopicProvisioner, type MessagingOptions } from '@cargo/messaging';

/**
 * Starts consuming once the broker is reachable, without holding up the HTTP API: creates the
 * topics (with their `.dlq`), then starts the Nest Kafka transport. While the broker is down it
 * retries with backoff (1 s doubling to 30 s) and the officer API keeps serving (reads work; writes
 * land in the outbox and go out when the broker is back).
 *
 * Why not messaging's own start-up provisioning: it runs in `onModuleInit` and fails the boot when
 * no broker is reachable, and the workspace boot contract requires the service to come up alone.
 */
@Injectable()
export class KafkaConsumerStarter implements OnApplicationShutdown {
  private readonly logger = new Logger('KafkaConsumerStarter');
  private readonly abort = new AbortController();
  private started = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly provisioner: TopicProvisioner,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** True once the Kafka transport is subscribed. */
  get isConsuming(): boolean {
    return this.started;
  }

  /** Begins in the background; `startTransport` is `app.startAllMicroservices`. */
  start(startTransport: () => Promise<unknown>): void {
    this.running ??= this.loop(startTransport);
  }

  /** Resolves when consuming started (or start-up was abandoned at shutdown). */
  whenStarted(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  onApplicationShutdown(): void {
    this.abort.abort();
  }

  private async loop(startTransport: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1, delayMs = 1_000; !this.abort.signal.aborted; attempt += 1, delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        await this.provisioner.ensureTopics({
          topics: this.options.topics,
          partitions: this.options.partitions,
          replicationFactor: this.options.replicationFactor,
        });
        if (this.abort.signal.aborted) return;
        await startTransport();
        this.started = true;
        this.logger.log(`consuming ${this.options.topics.join(', ')} as ${this.options.groupId}`);
        return;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.warn(`Kafka not ready (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}; retrying in ${delayMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
  }
}
