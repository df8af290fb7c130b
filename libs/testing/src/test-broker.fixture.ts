import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafkaBroker, type KafkaBroker } from '@cargo/kafka-broker';

export interface TestBroker {
  /** `host:port` for kafkajs `brokers`. Stays the same across {@link TestBroker.restart}. */
  readonly bootstrap: string;
  readonly port: number;
  /** True between start/restart and stop. */
  readonly running: boolean;
  /** Stops listening and closes every connection (clients see the broker die). Data is kept when durable. */
  stop(): Promise<void>;
  /** Starts again on the same port (and, when durable, the same data directory). */
  restart(): Promise<void>;
  /** Stops the broker and removes its data directory. */
  dispose(): Promise<void>;
}

export interface TestBrokerOptions {
  /**
   * Keep data on disk in a temporary directory so a stop/restart keeps topics, records, offsets
   * and producer state, as a real broker would. Default false (in memory, fastest).
   */
  durable?: boolean;
  log?: (line: string) => void;
  /** Require SASL (PLAIN, SCRAM-SHA-256/512) with these users, as a secured Apache Kafka listener does. */
  sasl?: { users: Record<string, string> };
}

/**
 * Starts the embedded Kafka-protocol broker for a test file: a free port, fast group joins
 * (initial rebalance delay 0), quiet by default.
 */
export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const dataDir = options.durable ? mkdtempSync(join(tmpdir(), 'cargo-test-broker-')) : undefined;
  const log = options.log ?? (() => undefined);
  const start = (port: number) =>
    startKafkaBroker({
      port,
      ...(dataDir ? { dataDir, flush: { mode: 'os' as const } } : { inMemory: true }),
      initialRebalanceDelayMs: 0,
      autoCreateTopics: false,
      log,
      ...(options.sasl ? { sasl: options.sasl } : {}),
    });
  let broker: KafkaBroker | undefined = await start(0);
  const port = broker.port;
  const bootstrap = broker.bootstrap;
  return {
    bootstrap,
    port,
    get running() {
      return broker !== undefined;
    },
    async stop() {
      const current = broker;
      broker = undefined;
      await current?.stop();
    },
    async restart() {
      if (broker) return;
      if (!dataDir) throw new Error('startTestBroker: restart needs { durable: true } (an in-memory broker loses everything on stop)');
      broker = await start(port);
    },
    async dispose() {
      const current = broker;
      broker = undefined;
      await current?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
