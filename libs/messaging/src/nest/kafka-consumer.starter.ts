import { Logger } from '@nestjs/common';
import { errorMessage } from '../errors/messaging.error';
import type { TopicProvisioner } from '../kafka/topic-provisioner.service';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import type { MessagingLogger } from '../shared/messaging.logger';
import type { MessagingOptions } from './messaging.options';

/** Retry of the background start-up while the broker is unreachable: 1 s doubling to 30 s. */
export const DEFAULT_CONSUMER_START_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000 };

/** What `/health/ready` shows under `kafka` (see {@link MessagingHealthIndicator.consumption}). */
export interface KafkaConsumerStartState {
  /** `waiting` (no attempt yet), `starting` (retrying), `consuming`, `stopped` (shutdown before it started). */
  state: 'waiting' | 'starting' | 'consuming' | 'stopped';
  topicsProvisioned: boolean;
  attempts: number;
  lastError?: string;
}

/**
 * Brings a service's Kafka side up in the background, so the service itself (HTTP + database) does
 * not need the broker to boot: it creates the topics with their `.dlq` (when the module's
 * `provisionTopics` is `'background'`), then starts the Nest Kafka transport (`app.startAllMicroservices`,
 * handed over with {@link attach}). While the broker is down it retries with bounded exponential
 * backoff (`consumer.startBackoff`, 1 s doubling to 30 s by default); meanwhile writes land in the
 * outbox and the relay publishes them when the broker is back.
 *
 * Driven by {@link MessagingLifecycle}: {@link begin} on application bootstrap, {@link stop} first thing
 * on shutdown. Services wire it with {@link connectKafkaConsumer} and need no code of their own.
 *
 * Invariants:
 * - Topics are provisioned before the transport subscribes (clients never auto-create topics).
 * - The transport is started at most once successfully; nothing starts after {@link stop}.
 * - {@link stop} does not wait for an attempt in progress (connecting to an absent broker can take
 *   many seconds); an attempt that finishes after it never starts the transport.
 */
export class KafkaConsumerStarter {
  private readonly abort = new AbortController();
  private startTransport: (() => Promise<unknown>) | undefined;
  private bootstrapped = false;
  private running: Promise<void> | undefined;
  private active = false;
  private status: KafkaConsumerStartState = { state: 'waiting', topicsProvisioned: false, attempts: 0 };

  constructor(
    private readonly options: MessagingOptions,
    private readonly provisioner: TopicProvisioner,
    private readonly logger: MessagingLogger = new Logger('KafkaConsumerStarter'),
  ) {}

  /** True once the Kafka transport is subscribed. */
  get isConsuming(): boolean {
    return this.status.state === 'consuming';
  }

  /** Where start-up stands (for health details and logs). */
  get startState(): KafkaConsumerStartState {
    return { ...this.status };
  }

  /**
   * Hands over the transport start (`() => app.startAllMicroservices()`). Call it before
   * `app.init()`/`listen()`; called after bootstrap, start-up begins at once.
   */
  attach(startTransport: () => Promise<unknown>): void {
    this.startTransport = startTransport;
    if (this.bootstrapped) this.launch();
  }

  /** Application bootstrap: begins in the background when there is anything to do. */
  begin(): void {
    this.bootstrapped = true;
    if (this.startTransport || this.provisionsTopics) this.launch();
  }

  /** Resolves when start-up finished: consuming (or topics provisioned), or abandoned at shutdown. */
  whenStarted(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Stops retrying (see class invariants). */
  stop(): void {
    this.abort.abort();
    if (this.status.state !== 'consuming') this.status = { ...this.status, state: 'stopped' };
  }

  private get provisionsTopics(): boolean {
    return this.options.provisionTopics === 'background' && this.options.topics.length > 0;
  }

  /** Starts the loop unless it runs already (a running loop picks up a transport attached meanwhile). */
  private launch(): void {
    if (this.abort.signal.aborted || this.active || this.isConsuming) return;
    this.active = true;
    this.running = this.run().finally(() => {
      this.active = false;
      // A transport attached while the loop was finishing its topics-only run.
      if (this.startTransport && this.status.state === 'waiting') this.launch();
    });
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const policy = this.options.consumer.startBackoff;
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      this.status = { ...this.status, state: 'starting', attempts: attempt };
      try {
        if (this.provisionsTopics && !this.status.topicsProvisioned) {
          await this.provisioner.ensureTopics({
            topics: this.options.topics,
            partitions: this.options.partitions,
            replicationFactor: this.options.replicationFactor,
          });
          this.status = { ...this.status, topicsProvisioned: true };
        }
        if (signal.aborted) return;
        const startTransport = this.startTransport;
        if (!startTransport) {
          this.status = { ...this.status, state: 'waiting', lastError: undefined };
          return;
        }
        await startTransport();
        if (signal.aborted) return;
        this.status = { state: 'consuming', topicsProvisioned: this.status.topicsProvisioned, attempts: attempt };
        this.logger.log(`consuming ${this.options.topics.join(', ')} as ${this.options.groupId}`);
        return;
      } catch (error) {
        if (signal.aborted) return;
        const delayMs = backoffDelay(policy, attempt);
        this.status = { ...this.status, lastError: errorMessage(error) };
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(
            `Kafka not ready (attempt ${attempt}; the service keeps serving, events wait in the outbox): ${errorMessage(error)}; retrying in ${delayMs} ms`,
          );
        }
        await sleep(delayMs, signal);
      }
    }
  }
}
