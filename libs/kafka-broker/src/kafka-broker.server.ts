import * as net from 'node:net';
import * as path from 'node:path';
import { GroupCoordinator } from './coordinator/group-coordinator.service';
import { BrokerConnection, ConnectionLimits } from './server/broker-connection.handler';
import { BrokerConfigEntry } from './server/admin-requests.service';
import { RequestDispatcher } from './server/request-dispatcher.service';
import { RequestMemoryPool } from './server/request-memory.pool';
import { SASL_MECHANISMS, SaslAuthenticator, SaslMechanism } from './server/sasl-authenticator.service';
import { BrokerStateStore } from './storage/broker-state.store';
import { GroupOffsetStore } from './storage/group-offsets.store';
import { TopicConfigDefaults } from './config/topic-config.schema';
import { FlushMode } from './storage/partition-log.store';
import { TopicRegistry } from './storage/topic-registry.store';

export interface KafkaBrokerOptions {
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** TCP port; 0 picks a free port (read it from {@link KafkaBroker.port}). Default 9092. */
  port?: number;
  /** Host advertised in Metadata/FindCoordinator. Default = host. */
  advertisedHost?: string;
  /** Default 1. */
  nodeId?: number;
  /** Durable storage root (required unless inMemory). */
  dataDir?: string;
  /** Keep everything in memory (tests). Default false. */
  inMemory?: boolean;
  /** Partitions of auto-created topics and of CreateTopics with -1. Default 1. */
  defaultPartitions?: number;
  /** Create unknown topics on Metadata requests that allow it. Default true. */
  autoCreateTopics?: boolean;
  /** How long a join to an empty group waits for more joiners. Default 100; tests pass 0. */
  initialRebalanceDelayMs?: number;
  /**
   * Kafka's group.min.session.timeout.ms / group.max.session.timeout.ms: a JoinGroup whose session
   * timeout is outside gets error 26 (INVALID_SESSION_TIMEOUT). Defaults 6000 and 1800000, as Kafka.
   */
  groupMinSessionTimeoutMs?: number;
  groupMaxSessionTimeoutMs?: number;
  /**
   * Kafka's socket.request.max.bytes: a request whose size prefix is larger closes the connection
   * before any of it is buffered. Default 104857600 (100 MiB), as Kafka.
   */
  socketRequestMaxBytes?: number;
  /**
   * Kafka's queued.max.request.bytes: memory shared by the large requests being received on all
   * connections; a connection whose next request does not fit stops reading until memory frees
   * up (requests up to 64 KiB never wait). Default 100 MiB (Kafka: unbounded).
   */
  queuedMaxRequestBytes?: number;
  /** A connection that stops sending in the middle of a request for this long is closed. Default 30 s. */
  partialRequestTimeoutMs?: number;
  /**
   * Kafka's message.max.bytes: the largest record batch a produce may carry (topic override:
   * max.message.bytes); larger batches get error 10 (MESSAGE_TOO_LARGE). Default 1048588, as Kafka.
   */
  messageMaxBytes?: number;
  /**
   * When data is fsynced: after every produced batch (default), every `intervalMs`, or left to the
   * OS. acks=-1 is answered only once the batch is flushed under 'every-batch' and 'interval'.
   */
  flush?: { mode: FlushMode; intervalMs?: number };
  /**
   * Broker-level defaults of the topic configs retention.bytes (`bytes`; Kafka's
   * log.retention.bytes), retention.ms (`ms`; log.retention.ms — unset means keep forever, where
   * Kafka keeps 7 days) and segment.bytes (`segmentBytes`, default 64 MiB; log.segment.bytes);
   * topics override them. `checkIntervalMs` (default 30 s) is how often the log cleaner runs
   * (retention, segment.ms, compaction).
   */
  retention?: { bytes?: number; ms?: number; segmentBytes?: number; checkIntervalMs?: number };
  /**
   * SASL_PLAINTEXT: every connection must authenticate (SaslHandshake + SaslAuthenticate) with one
   * of these users before any other request; a wrong password gets SASL_AUTHENTICATION_FAILED (58)
   * and the connection is closed, as Kafka does. `mechanisms` defaults to PLAIN, SCRAM-SHA-256 and
   * SCRAM-SHA-512. Without it the listener is PLAINTEXT. TLS is not implemented.
   */
  sasl?: { users: Record<string, string>; mechanisms?: SaslMechanism[] };
  /** One line per start/stop/topic creation. Default console.log. */
  log?: (line: string) => void;
}

/**
 * A single-node broker speaking the Kafka wire protocol (see KAFKA-BROKER-NOTES.md): enough for
 * kafkajs, the NestJS Kafka transport and librdkafka (kcat). Start with {@link KafkaBroker.start}.
 */
export class KafkaBroker {
  readonly host: string;
  private _port = 0;
  private readonly connections = new Set<BrokerConnection>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly server: net.Server,
    private readonly options: Required<Pick<KafkaBrokerOptions, 'host' | 'nodeId'>> & {
      log: (line: string) => void;
      dataDir: string | null;
      limits: ConnectionLimits;
    },
    private readonly topics: TopicRegistry,
    private readonly offsets: GroupOffsetStore,
    private readonly coordinator: GroupCoordinator,
    private readonly dispatcher: RequestDispatcher,
  ) {
    this.host = options.host;
  }

  /** The bound port (the actual one when started with port 0). */
  get port(): number {
    return this._port;
  }

  /** `host:port` for kafkajs `brokers: [...]`. */
  get bootstrap(): string {
    return `${this.host}:${this._port}`;
  }

  static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const host = options.host ?? '127.0.0.1';
    const inMemory = options.inMemory ?? false;
    if (!inMemory && !options.dataDir) throw new Error('KafkaBroker: dataDir is required unless inMemory is set');
    const dataDir = inMemory ? null : path.resolve(options.dataDir as string);
    const log = options.log ?? ((line: string) => console.log(line));
    const flushMode: FlushMode = options.flush?.mode ?? 'every-batch';
    const setting = (v: number | undefined, fallback?: string) =>
      v !== undefined ? { value: String(v), source: 'static' as const } : fallback !== undefined ? { value: fallback, source: 'default' as const } : undefined;
    const topicDefaults: TopicConfigDefaults = {
      'retention.ms': setting(options.retention?.ms, '-1'),
      'retention.bytes': setting(options.retention?.bytes),
      'segment.bytes': setting(options.retention?.segmentBytes, String(64 * 1024 * 1024)),
      'max.message.bytes': setting(options.messageMaxBytes),
    };
    const sasl = options.sasl ? saslAuthenticator(options.sasl) : null;
    const brokerState = new BrokerStateStore(dataDir);
    const topics = new TopicRegistry(dataDir, { flushMode: inMemory ? 'os' : flushMode, defaults: topicDefaults }, log);
    topics.load();
    const offsets = new GroupOffsetStore(dataDir, log);
    offsets.load();
    let dispatcherRef: RequestDispatcher | null = null;
    const coordinator = new GroupCoordinator(offsets, {
      initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 100,
      minSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 6000,
      maxSessionTimeoutMs: options.groupMaxSessionTimeoutMs ?? 1_800_000,
      onRebalanceStart: (clientIds, connectionIds) => dispatcherRef?.waiters.release(clientIds, connectionIds),
    });
    let brokerRef: KafkaBroker | null = null;
    const dispatcher = new RequestDispatcher(
      {
        nodeId: options.nodeId ?? 1,
        advertisedHost: options.advertisedHost ?? host,
        port: () => brokerRef?.port ?? 0,
        defaultPartitions: options.defaultPartitions ?? 1,
        autoCreateTopics: options.autoCreateTopics ?? true,
        flushMode: inMemory ? 'os' : flushMode,
        brokerConfigs: () => brokerConfigEntries(options, { host, port: brokerRef?.port ?? 0, dataDir }),
        sasl: sasl,
        log,
      },
      topics,
      offsets,
      coordinator,
      brokerState,
    );
    dispatcherRef = dispatcher;
    const server = net.createServer();
    const broker = new KafkaBroker(
      server,
      {
        host,
        nodeId: options.nodeId ?? 1,
        log,
        dataDir,
        limits: {
          socketRequestMaxBytes: options.socketRequestMaxBytes ?? 104_857_600,
          pool: new RequestMemoryPool(options.queuedMaxRequestBytes ?? 100 * 1024 * 1024),
          partialRequestTimeoutMs: options.partialRequestTimeoutMs ?? 30_000,
        },
      },
      topics,
      offsets,
      coordinator,
      dispatcher,
    );
    brokerRef = broker;
    server.on('connection', (socket) => broker.accept(socket));
    server.on('error', (err) => log(`kafka-broker: server error: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(options.port ?? 9092, host, () => {
        server.off('error', onError);
        resolve();
      });
    }).catch(async (err: unknown) => {
      coordinator.close();
      await topics.closeAll();
      offsets.close();
      throw err;
    });
    broker._port = (server.address() as net.AddressInfo).port;
    if (flushMode === 'interval' && !inMemory) {
      const t = setInterval(() => topics.forEachLog((l) => l.intervalFlush()), options.flush?.intervalMs ?? 1000);
      t.unref();
      broker.timers.push(t);
      const o = setInterval(() => void offsets.flush(), options.flush?.intervalMs ?? 1000);
      o.unref();
      broker.timers.push(o);
    }
    // The log cleaner: retention, segment.ms and compaction, as each topic's configs say.
    const cleaner = setInterval(() => broker.applyRetention(), options.retention?.checkIntervalMs ?? 30_000);
    cleaner.unref();
    broker.timers.push(cleaner);
    log(
      `kafka-broker node ${options.nodeId ?? 1} listening on ${broker.bootstrap} (${dataDir ? `data dir ${dataDir}, flush ${flushMode}` : 'in-memory'}, ` +
        `${sasl ? `SASL_PLAINTEXT: ${sasl.mechanisms.join(', ')}` : 'PLAINTEXT'})`,
    );
    return broker;
  }

  private accept(socket: net.Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const conn = new BrokerConnection(socket, this.dispatcher, this.options.limits);
    this.connections.add(conn);
    socket.once('close', () => this.connections.delete(conn));
  }

  /** Bytes of requests currently buffered by all connections (received, not yet handled). */
  get bufferedRequestBytes(): number {
    return this.options.limits.pool.bufferedBytes;
  }

  /**
   * Runs the log cleaner over every partition now (it also runs every `retention.checkIntervalMs`):
   * segment.ms rolls, retention by time and size, compaction.
   */
  applyRetention(): void {
    this.topics.forEachLog((l) => {
      try {
        l.applyRetention();
      } catch (err) {
        this.options.log(`log cleaner: ${(err as Error).message}`);
      }
    });
  }

  /** Closes the listener and every connection, flushes and closes all files. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dispatcher.waiters.releaseAll();
    for (const c of [...this.connections]) c.close();
    this.connections.clear();
    await closed;
    this.coordinator.close();
    await this.topics.closeAll();
    this.offsets.close();
    this.options.log(`kafka-broker node ${this.options.nodeId} on port ${this._port} stopped`);
  }
}

/** Starts a broker; see {@link KafkaBrokerOptions}. */
export function startKafkaBroker(options?: KafkaBrokerOptions): Promise<KafkaBroker> {
  return KafkaBroker.start(options);
}

/** The broker's settings under their Kafka names, for DescribeConfigs (read-only). */
function brokerConfigEntries(options: KafkaBrokerOptions, at: { host: string; port: number; dataDir: string | null }): BrokerConfigEntry[] {
  const entry = (name: string, given: unknown, fallback: unknown): BrokerConfigEntry => ({
    name,
    value: String(given ?? fallback),
    source: given === undefined ? 'default' : 'static',
  });
  const protocol = options.sasl ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  return [
    entry('broker.id', options.nodeId, 1),
    { name: 'listeners', value: `${protocol}://${at.host}:${at.port}`, source: 'static' },
    { name: 'advertised.listeners', value: `${protocol}://${options.advertisedHost ?? at.host}:${at.port}`, source: 'static' },
    { name: 'sasl.enabled.mechanisms', value: options.sasl ? (options.sasl.mechanisms ?? SASL_MECHANISMS).join(',') : '', source: options.sasl ? 'static' : 'default' },
    { name: 'log.dirs', value: at.dataDir ?? '(in memory)', source: at.dataDir ? 'static' : 'default' },
    entry('num.partitions', options.defaultPartitions, 1),
    entry('auto.create.topics.enable', options.autoCreateTopics, true),
    entry('message.max.bytes', options.messageMaxBytes, 1_048_588),
    entry('socket.request.max.bytes', options.socketRequestMaxBytes, 104_857_600),
    entry('queued.max.request.bytes', options.queuedMaxRequestBytes, 100 * 1024 * 1024),
    entry('group.initial.rebalance.delay.ms', options.initialRebalanceDelayMs, 100),
    entry('group.min.session.timeout.ms', options.groupMinSessionTimeoutMs, 6000),
    entry('group.max.session.timeout.ms', options.groupMaxSessionTimeoutMs, 1_800_000),
    entry('log.retention.ms', options.retention?.ms, -1),
    entry('log.retention.bytes', options.retention?.bytes, -1),
    entry('log.segment.bytes', options.retention?.segmentBytes, 64 * 1024 * 1024),
    entry('log.retention.check.interval.ms', options.retention?.checkIntervalMs, 30_000),
    { name: 'default.replication.factor', value: '1', source: 'default' },
    { name: 'offsets.topic.replication.factor', value: '1', source: 'default' },
    { name: 'min.insync.replicas', value: '1', source: 'default' },
  ];
}

function saslAuthenticator(config: NonNullable<KafkaBrokerOptions['sasl']>): SaslAuthenticator {
  const users = new Map(Object.entries(config.users));
  if (users.size === 0) throw new Error('KafkaBroker: sasl.users needs at least one user');
  const mechanisms = config.mechanisms ?? [...SASL_MECHANISMS];
  for (const m of mechanisms) if (!SASL_MECHANISMS.includes(m)) throw new Error(`KafkaBroker: unsupported SASL mechanism ${m} (supported: ${SASL_MECHANISMS.join(', ')})`);
  return new SaslAuthenticator(users, mechanisms);
}
