import { Client, type ClientConfig } from 'pg';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import type { MessagingLogger } from '../shared/messaging.logger';

/**
 * Keeps a dedicated PostgreSQL connection LISTENing on the outbox channel and calls `onWake` for
 * every notification.
 *
 * Invariants:
 * - After every (re)connect it LISTENs again and calls `onWake` once, because notifications sent
 *   while it was disconnected are lost: the relay then looks at the table itself.
 * - A lost connection is re-established with bounded exponential backoff until `stop()`.
 * - It never throws to its owner; the relay's polling covers any time it is not listening.
 */
export class OutboxNotificationListener {
  private client: Client | undefined;
  private running = false;
  private connected = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private disconnected: (() => void) | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onWake: () => void,
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
          this.logger.warn(`outbox listener connection error on ${this.channel}: ${error.message}`);
          resolve();
        });
        client.on('end', () => resolve());
      });
      client.on('notification', (message) => {
        if (message.channel === this.channel) this.onWake();
      });
      try {
        await client.connect();
        this.client = client;
        await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
        this.connected = true;
        attempt = 0;
        this.onWake();
        await lost;
      } catch (error) {
        if (this.running) this.logger.warn(`outbox listener cannot LISTEN on ${this.channel}: ${(error as Error).message}`);
      } finally {
        this.connected = false;
        this.client = undefined;
        await client.end().catch(() => undefined);
      }
      if (!this.running) break;
      attempt += 1;
      await sleep(backoffDelay(this.backoff, attempt), this.abort.signal);
    }
  }
}
