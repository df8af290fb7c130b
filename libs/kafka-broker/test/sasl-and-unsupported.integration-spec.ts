import { Kafka, KafkaConfig, SASLOptions, logLevel } from 'kafkajs';
import { KafkaBroker } from '../src';
import { kcat, requireKcat } from './support/kcat';
import { RawKafkaClient, Long } from './support/raw-kafka.client';
import { unique, waitFor } from './support/wait';

const USERS = { alice: 'secret', 'bob,the=admin': 'p@ss,w=rd' };

/**
 * SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256/512 against users given at start, so that clients'
 * credential settings meet a broker that checks them; and what is not built (transactions, TLS)
 * fails at once with a clear error instead of timing out.
 */
describe('SASL, transactions refused, TLS absent', () => {
  let saslBroker: KafkaBroker;
  let plainBroker: KafkaBroker;
  const saslLogs: string[] = [];
  const plainLogs: string[] = [];

  beforeAll(async () => {
    requireKcat();
    saslBroker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, sasl: { users: USERS }, log: (l) => saslLogs.push(l) });
    plainBroker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: (l) => plainLogs.push(l) });
  });
  afterAll(async () => {
    await saslBroker?.stop();
    await plainBroker?.stop();
  });

  const client = (broker: KafkaBroker, extra: Partial<KafkaConfig> = {}) =>
    new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000, ...extra });

  it('kafkajs: SCRAM-SHA-512, SCRAM-SHA-256 and PLAIN with the right password work; a wrong one or none is refused', async () => {
    const topic = unique('sasl');
    const kafka = client(saslBroker, { sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'secret' } });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'over SCRAM-SHA-512' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: unique('sasl-g'), maxWaitTimeInMs: 100 });
    const got: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void got.push(String(message.value)) });
    await waitFor(() => got.length === 1, 'the record over SASL');
    await consumer.disconnect();
    expect(got).toEqual(['over SCRAM-SHA-512']);

    const ok: SASLOptions[] = [
      { mechanism: 'scram-sha-256', username: 'bob,the=admin', password: 'p@ss,w=rd' },
      { mechanism: 'plain', username: 'alice', password: 'secret' },
    ];
    for (const sasl of ok) {
      const admin = client(saslBroker, { sasl }).admin();
      await admin.connect();
      expect(await admin.listTopics()).toContain(topic);
      await admin.disconnect();
    }
    const bad: [SASLOptions, RegExp][] = [
      [{ mechanism: 'scram-sha-512', username: 'alice', password: 'wrong' }, /SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512/],
      [{ mechanism: 'scram-sha-256', username: 'mallory', password: 'secret' }, /SASL SCRAM SHA256 authentication failed/],
      [{ mechanism: 'plain', username: 'alice', password: 'wrong' }, /Authentication failed: Invalid username or password/],
    ];
    for (const [sasl, message] of bad) {
      const admin = client(saslBroker, { sasl }).admin();
      await expect(admin.connect()).rejects.toThrow(message);
    }
    // No credentials at all: the broker closes the connection at the first request after ApiVersions.
    const anonymous = client(saslBroker).admin();
    await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
    await anonymous.disconnect();
    expect(saslLogs.some((l) => /requested before SASL authentication/.test(l))).toBe(true);
    expect(saslLogs.filter((l) => /SASL authentication failed/.test(l)).length).toBeGreaterThanOrEqual(3);
  });

  it('kcat (librdkafka): SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN with right and wrong passwords', async () => {
    const topic = unique('sasl-rd');
    const auth = (mechanism: string, user: string, password: string) => [
      '-b',
      saslBroker.bootstrap,
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      `sasl.mechanisms=${mechanism}`,
      '-X',
      `sasl.username=${user}`,
      '-X',
      `sasl.password=${password}`,
    ];
    const produced = await kcat([...auth('SCRAM-SHA-256', 'alice', 'secret'), '-P', '-t', topic, '-K:'], 'k:scram-256\n');
    expect(produced.code).toBe(0);
    expect((await kcat([...auth('PLAIN', 'bob,the=admin', 'p@ss,w=rd'), '-P', '-t', topic], 'plain\n')).code).toBe(0);
    const consumed = await kcat([...auth('SCRAM-SHA-512', 'alice', 'secret'), '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\n']);
    expect(consumed.stdout.trim().split('\n')).toEqual(['scram-256', 'plain']);
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512', 'PLAIN']) {
      const refused = await kcat([...auth(mechanism, 'alice', 'wrong'), '-L', '-m', '1']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/SASL authentication error: Authentication failed/);
    }
  });

  it('a PLAINTEXT broker answers SaslHandshake with ILLEGAL_SASL_STATE, so a kafkajs SASL client fails with that, not "unsupported API version"', async () => {
    const admin = client(plainBroker, { sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'secret' } }).admin();
    const err = await admin.connect().then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/SASL state/);
    expect(err?.message).not.toMatch(/does not support the requested API version/);
  });

  it('transactions are refused at once with TRANSACTIONAL_ID_AUTHORIZATION_FAILED — kafkajs and kcat fail fast with a clear message', async () => {
    const topic = unique('txn');
    const started = Date.now();
    const producer = new Kafka({ brokers: [plainBroker.bootstrap], logLevel: logLevel.NOTHING }).producer({ transactionalId: 'tx-1', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await expect(producer.transaction()).rejects.toThrow(/Transactional Id authorization failed/);
    await producer.disconnect();
    const rd = await kcat(['-b', plainBroker.bootstrap, '-P', '-t', topic, '-X', 'transactional.id=tx-2'], 'in a transaction\n', 20_000);
    expect(rd.code).not.toBe(0);
    expect(rd.stderr).toMatch(/Transactional Id authorization failed/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(plainLogs.some((l) => /refused InitProducerId for transactional id 'tx-1': transactions are not supported/.test(l))).toBe(true);
    // The transaction APIs, should a client call them anyway, answer the same error.
    const raw = await RawKafkaClient.connect(plainBroker.port);
    try {
      const add = (await raw.call('AddPartitionsToTxn', 1, {
        transactionalId: 'tx-3',
        producerId: Long.fromNumber(1000),
        producerEpoch: 0,
        topics: [{ topic, partitions: [0] }],
      })) as { errors: { partitionErrors: { errorCode: number }[] }[] };
      expect(add.errors[0].partitionErrors[0].errorCode).toBe(53);
    } finally {
      raw.close();
    }
  });

  it('TLS is not implemented: a TLS client is disconnected at once and the broker says why', async () => {
    const admin = client(plainBroker, { ssl: { rejectUnauthorized: false }, connectionTimeout: 1000 }).admin();
    await expect(admin.connect()).rejects.toThrow();
    const rd = await kcat(['-b', plainBroker.bootstrap, '-X', 'security.protocol=SSL', '-L', '-m', '1'], '', 20_000);
    expect(rd.code).not.toBe(0);
    expect(plainLogs.filter((l) => /a TLS handshake was received: this broker does not implement TLS/.test(l)).length).toBeGreaterThanOrEqual(2);
  });
});
