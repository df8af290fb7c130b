import { Client, type ClientConfig } from 'pg';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import type { MessagingLogger } from '../shared/messaging.logger';

/** What a {@link PgChannelListener} tells its owner. */
export interface PgChannelHandlers {
  /** A `NOTIFY` on the channel (its payload, '' when none). */
  onNotification(payload: string): void;
  /** LISTEN is (again) in place: anything notified while it was not is lost, so look at the source. */
  onListening?(): void;
}

/**
 * Keeps a dedicated PostgreSQL connection LISTENing on one channel (the outbox relay's wake-ups,
 * tracking's committed read-model changes).
 *
 * Invariants:
 * - After every (re)connect it LISTENs again and calls `onListening`, because notifications sent
 *   while it was disconnected are lost.
 * - A lost connection is re-established with bounded exponential backoff until `stop()`.
 * - It never throws to its owner.
 */
export class PgChannelListener {
  private running = false;
  private connected = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private disconnected: (() => void) | undefined;

  constructor(
    private readonly config: ClientConfig,
    readonly channel: string,
    private readonly handlers: PgChannelHandlers,
    private readonly logger: MessagingLogger,
    private readonly backoff: BackoffPolicy = { initialMs: 100, maxMs: 5_000 },
  ) {}

  get listening(): boolean {
    return this.connected;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.disconnected?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      const client = new Client(this.config);
      const lost = new Promise<void>((resolve) => {
        this.disconnected = resolve;
        client.on('error', (error) => {
          this.logger.warn(`LISTEN connection error on ${this.channel}: ${error.message}`);
          resolve();
        });
        client.on('end', () => resolve());
      });
      client.on('notification', (message) => {
        if (message.channel === this.channel) this.handlers.onNotification(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
        this.connected = true;
        attempt = 0;
        this.handlers.onListening?.();
        await lost;
      } catch (error) {
        if (this.running) this.logger.warn(`cannot LISTEN on ${this.channel}: ${(error as Error).message}`);
      } finally {
        this.connected = false;
        await client.end().catch(() => undefined);
      }
      if (!this.running) break;
      attempt += 1;
      await sleep(backoffDelay(this.backoff, attempt), this.abort.signal);
    }
  }
}
