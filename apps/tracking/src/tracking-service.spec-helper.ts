import { createEnvelope, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import { CloudEventCodec, TopicProvisioner, createKafkaClient } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, startTestTokenIssuer, type TestBroker, type TestDatabase, type TestTokenIssuer } from '@cargo/testing';
import type { Producer } from 'kafkajs';
import type { TrackingConfig } from './config/tracking.config';
import { TRACKED_TOPICS } from './infrastructure/kafka/tracking-record.processor';
import { TrackingService } from './tracking.service-definition';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

/** An SSE stream being read: `readUntil` resolves once the text received contains `needle`. */
export interface OpenStream {
  readonly text: string;
  readUntil(needle: string | RegExp): Promise<void>;
  close(): void;
}

/** The tracking service in-process on a real broker and PostgreSQL, with an operations token and a producer that writes as the services' relays do. */
export interface TrackingHarness {
  service: RunningService<TrackingConfig>;
  issuer: TestTokenIssuer;
  opsToken: string;
  /** Produces one event the way the services' outbox relay does (CloudEvents binary mode, keyed by subject). */
  produce<T extends object>(def: EventDefinition<T>, data: Record<string, unknown>): Promise<EventEnvelope<T>>;
  /** GET as operations (or with another token, or none with `null`), JSON answer. */
  get<T>(path: string, token?: string | null): Promise<{ status: number; body: T }>;
  /** Opens a server-sent-event stream as operations. */
  openStream(path: string): Promise<OpenStream>;
  stop(): Promise<void>;
}

/**
 * Starts a broker, a database, a token issuer and the tracking service (extra environment in `env`,
 * e.g. `CLOCK_MODE=manual`). `stop()` takes all of it down.
 */
export async function startTrackingHarness(databaseName: string, env: Record<string, string> = {}): Promise<TrackingHarness> {
  const broker: TestBroker = await startTestBroker();
  const db: TestDatabase = await createTestDatabase(databaseName);
  const issuer = await startTestTokenIssuer();
  const opsToken = await issuer.token({ sub: 'hub-ops-1', roles: ['ops'] });
  const kafka = createKafkaClient({ brokers: [broker.bootstrap], clientId: `${databaseName}-test` });
  await new TopicProvisioner(kafka).ensureTopics({ topics: TRACKED_TOPICS, partitions: 3, replicationFactor: 1 });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  const service = await startService(TrackingService, {
    HTTP_PORT: '0',
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.bootstrap,
    TRACKING_CONSUMER_GROUP: `${databaseName}-${Date.now()}`,
    OIDC_ISSUER: issuer.issuer,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const codec = new CloudEventCodec();
  const streams: OpenStream[] = [];

  return {
    service,
    issuer,
    opsToken,
    async produce(def, data) {
      const envelope = createEnvelope(def, data as never, { source: '/services/test' });
      await producer.send({ topic: def.topic, messages: [codec.encode(envelope as EventEnvelope, { key: envelope.subject as string })] });
      return envelope;
    },
    async get<T>(path: string, token: string | null = opsToken) {
      const res = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as T };
    },
    async openStream(path) {
      const controller = new AbortController();
      const res = await fetch(`${service.url}${path}`, { signal: controller.signal, headers: { authorization: `Bearer ${opsToken}` } });
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) throw new Error(`${path} answered ${res.status} ${res.headers.get('content-type')}`);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const stream: OpenStream = {
        get text() {
          return text;
        },
        async readUntil(needle) {
          const found = () => (typeof needle === 'string' ? text.includes(needle) : needle.test(text));
          while (!found()) {
            const { value, done } = await reader.read();
            if (done) throw new Error(`stream ended before ${String(needle)}`);
            text += Buffer.from(value).toString('utf8');
          }
        },
        close: () => controller.abort(),
      };
      streams.push(stream);
      return stream;
    },
    async stop() {
      for (const s of streams) s.close();
      await producer.disconnect();
      await service.stop();
      await db.drop();
      await broker.dispose();
      await issuer.close();
    },
  };
}
