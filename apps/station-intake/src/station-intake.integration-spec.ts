import {
  AssignmentFailedEvent,
  CargoCancelledEvent,
  CargoCorrectedEvent,
  CargoReceivedEvent,
  FlightAssignedEvent,
  HandlingScannedEvent,
  hubLocalDate,
  Topics,
  createEnvelope,
  type AssignmentFailedPayload,
  type EventDefinition,
  type FlightAssignedPayload,
} from '@cargo/contracts';
import { CloudEventCodec, headerText, KafkaConsumerStarter } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase, startTestTokenIssuer, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type EachMessagePayload, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { StationIntakeConfig } from './config/station-intake.config';
import { StationIntakeService } from './station-intake.service-definition';

/**
 * The station API end to end: HTTP in, PostgreSQL and the outbox, the embedded Kafka-protocol broker
 * out (a plain kafkajs consumer reads what was published) and in (flight.assignment.v1 produced
 * with a real CloudEvents envelope). Nothing is mocked.
 */
const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
const HOUR = 60 * 60 * 1000;

describe('station-intake over HTTP, PostgreSQL and Kafka', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let service: RunningService<StationIntakeConfig>;
  let dataSource: DataSource;
  let kafka: Kafka;
  let reader: Consumer;
  let producer: Producer;
  const records: EachMessagePayload[] = [];
  let ovsKey: string;
  let npbKey: string;
  let issuer: TestTokenIssuer;
  let nextSerial = 1000000 + Math.floor(Math.random() * 8000000);

  /** A fresh valid AWB per call (serial mod 7 check digit). */
  const newAwb = (): string => {
    nextSerial += 1;
    const serial = String(nextSerial).padStart(7, '0');
    return `784-${serial}${nextSerial % 7}`;
  };
  const receivedAt = new Date(Date.now() - 2 * HOUR).toISOString();

  const intake = (awb: string, overrides: Record<string, unknown> = {}) => ({
    awb,
    shipper: { id: 'SHP-OV-001', name: 'Wuhan Optics Valley Photonics Co.' },
    pieces: 12,
    grossWeightKg: 340.5,
    volumeM3: 1.8,
    commodity: { description: 'Optical transceiver modules', category: 'CONSUMER_ELECTRONICS', hsCode: '85176299' },
    specialHandlingCodes: ['ELI'],
    dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', properShippingName: 'Lithium ion batteries contained in equipment' }],
    temperatureRange: { minC: 15, maxC: 25 },
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    receivedAt,
    ...overrides,
  });

  async function http(method: string, path: string, options: { key?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string | FormData } = {}) {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.key) headers['x-api-key'] = options.key;
    let body: string | FormData | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${service.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  const intakeRecords = (awb: string, def: EventDefinition) =>
    records.filter((r) => r.topic === def.topic && headerText(r.message.headers?.['ce_type']) === def.type && r.message.key?.toString() === awb);

  /** Waits until everything committed to the outbox is published and read back by the test consumer. */
  async function drainOutbox(): Promise<void> {
    const schema = 'station_intake';
    await waitFor(async () => {
      const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."outbox" WHERE "published_at" IS NULL`)) as { n: number }[];
      return row?.n === 0;
    }, { timeoutMs: 30_000, description: 'the outbox to be published' });
    const published = (await dataSource.query(`SELECT "topic", count(*)::int AS n FROM "${schema}"."outbox" GROUP BY "topic"`)) as { topic: string; n: number }[];
    await waitFor(() => published.every((p) => records.filter((r) => r.topic === p.topic).length >= p.n), {
      timeoutMs: 30_000,
      description: 'the test consumer to read every published record',
    });
  }

  async function produceAssignment<T extends object>(def: EventDefinition<T>, payload: T): Promise<string> {
    const envelope = createEnvelope(def, payload, { source: '/services/flight-assignment' });
    const record = new CloudEventCodec().encode(envelope, { key: def.keyOf(payload) });
    await producer.send({ topic: def.topic, messages: [record] });
    return envelope.id;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('station_intake');
    issuer = await startTestTokenIssuer();
    service = await startService(StationIntakeService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      ADMIN_API_KEY: ADMIN_KEY,
      OIDC_ISSUER: issuer.issuer,
      BATCH_MAX_ITEMS: '5',
      BODY_LIMIT_KB: '64',
      LOG_LEVEL: 'error',
    });
    dataSource = service.app.get(DataSource);
    const starter = service.app.get(KafkaConsumerStarter);
    await waitFor(() => starter.isConsuming, { timeoutMs: 30_000, description: 'the service to provision topics and consume' });

    kafka = new Kafka({ clientId: 'station-intake-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    reader = kafka.consumer({ groupId: `station-intake-test-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.CargoIntake, Topics.CargoHandling], fromBeginning: true });
    await reader.run({ eachMessage: async (payload) => void records.push(payload) });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();

    const created = await http('POST', '/v1/admin/stations/OVS/api-keys', { key: ADMIN_KEY, body: { label: 'dock 1' } });
    expect(created.status).toBe(201);
    ovsKey = created.body['apiKey'];
    npbKey = (await http('POST', '/v1/admin/stations/NPB/api-keys', { key: ADMIN_KEY })).body['apiKey'];
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await db?.drop();
    await broker?.dispose();
    await issuer?.close();
  });

  describe('auth', () => {
    it('issues a station key once and stores only its hash', async () => {
      const created = await http('POST', '/v1/admin/stations/OVS/api-keys', { key: ADMIN_KEY });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ stationCode: 'OVS', apiKey: expect.stringMatching(/^sik_[0-9a-f]{12}_/) });
      const rows = (await dataSource.query(`SELECT "key_hash" FROM "station_intake"."station_api_key" WHERE "key_id" = $1`, [created.body['keyId']])) as { key_hash: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(created.body['apiKey']);
    });

    it('refuses the admin API without an admin credential, and unknown stations', async () => {
      expect((await http('POST', '/v1/admin/stations/OVS/api-keys', { key: null })).body.error.code).toBe('INTAKE.UNAUTHENTICATED');
      const stationKey = await http('POST', '/v1/admin/stations/OVS/api-keys', { key: ovsKey });
      expect([stationKey.status, stationKey.body.error.code]).toEqual([403, 'INTAKE.FORBIDDEN']);
      const unknown = await http('POST', '/v1/admin/stations/NOPE/api-keys', { key: ADMIN_KEY });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INTAKE.STATION_UNKNOWN']);
      const adminToken = await issuer.token({ sub: 'it-admin-1', roles: ['admin'] });
      const byToken = await http('POST', '/v1/admin/stations/NPB/api-keys', { headers: { authorization: `Bearer ${adminToken}` }, body: { label: 'by token' } });
      expect(byToken.status).toBe(201);
    });

    it('answers 401 without a key or with an unknown one, 403 for another station; a station token acts for its own station', async () => {
      const none = await http('POST', '/v1/stations/OVS/intakes', { key: null, body: intake(newAwb()) });
      expect([none.status, none.body.error.code]).toEqual([401, 'INTAKE.UNAUTHENTICATED']);
      const bogus = await http('GET', '/v1/stations/OVS/intakes', { key: `sik_0123456789ab_${'A'.repeat(43)}` });
      expect([bogus.status, bogus.body.error.code]).toEqual([401, 'INTAKE.UNAUTHENTICATED']);
      const awb = newAwb();
      const other = await http('POST', '/v1/stations/OVS/intakes', { key: npbKey, body: intake(awb) });
      expect([other.status, other.body.error.code]).toEqual([403, 'INTAKE.FORBIDDEN']);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey })).status).toBe(404);
      const keyAsBearer = await http('GET', '/v1/stations/NPB/intakes', { headers: { authorization: `Bearer ${npbKey}` } });
      expect(keyAsBearer.status).toBe(401); // a bearer credential is a token of the trusted issuer, not a key
      const npbToken = await issuer.token({ sub: 'npb-terminal-user', roles: ['station'], station: 'NPB' });
      expect((await http('GET', '/v1/stations/NPB/intakes', { headers: { authorization: `Bearer ${npbToken}` } })).status).toBe(200);
      expect((await http('GET', '/v1/stations/OVS/intakes', { headers: { authorization: `Bearer ${npbToken}` } })).status).toBe(403);
    });

    it('lists, rotates, expires and revokes station keys, each change audited with who did it', async () => {
      const admin = { authorization: `Bearer ${await issuer.token({ sub: 'key-admin-9', roles: ['admin'] })}` };
      const issued = await http('POST', '/v1/admin/stations/NPB/api-keys', { headers: admin, body: { label: 'dock 2' } });
      const first = issued.body['apiKey'] as string;
      expect((await http('GET', '/v1/stations/NPB/intakes', { key: first })).status).toBe(200);

      const rotated = await http('POST', `/v1/admin/stations/NPB/api-keys/${issued.body['keyId'] as string}/rotate`, { headers: admin });
      expect(rotated.status).toBe(201);
      const second = rotated.body['apiKey'] as string;
      expect((await http('GET', '/v1/stations/NPB/intakes', { key: first })).status).toBe(401);
      expect((await http('GET', '/v1/stations/NPB/intakes', { key: second })).status).toBe(200);

      const revoked = await http('POST', `/v1/admin/stations/NPB/api-keys/${rotated.body['keyId'] as string}/revoke`, { headers: admin });
      expect(revoked).toMatchObject({ status: 200, body: { state: 'REVOKED' } });
      expect((await http('GET', '/v1/stations/NPB/intakes', { key: second })).status).toBe(401);
      expect((await http('POST', `/v1/admin/stations/NPB/api-keys/${rotated.body['keyId'] as string}/revoke`, { headers: admin })).status).toBe(404);

      const expiring = await http('POST', '/v1/admin/stations/NPB/api-keys', { headers: admin, body: { expiresAt: new Date(Date.now() + 1_500).toISOString() } });
      const shortLived = expiring.body['apiKey'] as string;
      expect((await http('GET', '/v1/stations/NPB/intakes', { key: shortLived })).status).toBe(200);
      await waitFor(async () => ((await http('GET', '/v1/stations/NPB/intakes', { key: shortLived })).status === 401 ? true : undefined), { description: 'the key to expire', intervalMs: 200 });
      expect((await http('POST', '/v1/admin/stations/NPB/api-keys', { headers: admin, body: { expiresAt: '2020-01-01T00:00:00Z' } })).status).toBe(400);

      const listed = await http('GET', '/v1/admin/stations/NPB/api-keys', { headers: admin });
      const states = (listed.body['items'] as Array<{ keyId: string; state: string }>).filter((k) => [issued.body['keyId'], rotated.body['keyId'], expiring.body['keyId']].includes(k.keyId)).map((k) => k.state).sort();
      expect(states).toEqual(['EXPIRED', 'REVOKED', 'REVOKED']);
      expect(JSON.stringify(listed.body)).not.toMatch(/sik_|key_?hash/i);

      const audit = (await http('GET', '/v1/admin/stations/NPB/api-keys/audit', { headers: admin })).body['items'] as Array<{ keyId: string; action: string; actor: string }>;
      const mine = audit.filter((a) => a.actor === 'key-admin-9').map((a) => a.action);
      expect(mine).toEqual(['ISSUED', 'ROTATED', 'ISSUED', 'REVOKED', 'ISSUED']);
    });

    it('a key revoked on one replica stops at once on another that had it in memory (LISTEN/NOTIFY, not a timeout)', async () => {
      const replica = await startService(StationIntakeService, {
        HTTP_PORT: '0',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: broker.bootstrap,
        ADMIN_API_KEY: ADMIN_KEY,
        OIDC_ISSUER: issuer.issuer,
        LOG_LEVEL: 'error',
      });
      try {
        // (Stopping a replica whose background consumer start is still under way leaves that start running.)
        await waitFor(() => replica.app.get(KafkaConsumerStarter).isConsuming, { timeoutMs: 30_000, description: 'the replica to consume' });
        const onReplica = async (key: string) => (await fetch(`${replica.url}/v1/stations/NPB/intakes`, { headers: { 'x-api-key': key } })).status;
        const issued = await http('POST', '/v1/admin/stations/NPB/api-keys', { key: ADMIN_KEY, body: { label: 'dock 3' } });
        const key = issued.body['apiKey'] as string;
        // The replica looks the key up and keeps it (its LISTEN must be in place for it to keep anything).
        await waitFor(async () => ((await onReplica(key)) === 200 ? true : undefined), { timeoutMs: 10_000, description: 'the replica to accept the key' });
        expect(await onReplica(key)).toBe(200);
        const revoked = await http('POST', `/v1/admin/stations/NPB/api-keys/${issued.body['keyId'] as string}/revoke`, { key: ADMIN_KEY });
        expect(revoked.status).toBe(200);
        // Within the notification's delivery (milliseconds), far below the cache's 60 s safety bound.
        await waitFor(async () => ((await onReplica(key)) === 401 ? true : undefined), { timeoutMs: 2_000, intervalMs: 20, description: 'the other replica to refuse the revoked key' });
      } finally {
        await replica.stop();
      }
    });
  });

  describe('one intake', () => {
    const awb = newAwb();
    let first: Record<string, unknown>;

    it('registers an intake (201) and reads it back', async () => {
      const created = await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb.replace('-', '')) });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ awb, stationCode: 'OVS', status: 'RECEIVED', receivedAt, intake: { awb, stationCode: 'OVS', pieces: 12 } });
      first = created.body;
      const read = await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey });
      expect(read).toEqual({ status: 200, body: first });
      expect((await http('GET', `/v1/stations/NPB/intakes/${awb}`, { key: npbKey })).status).toBe(404);
    });

    it('returns the original intake (200) when the same content is posted again, even with a new recordedAt', async () => {
      const again = await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb, { recordedAt: new Date().toISOString() }) });
      expect(again).toEqual({ status: 200, body: first });
    });

    it('answers 409 listing what differs when the AWB comes again with other content, and changes nothing', async () => {
      const conflict = await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb, { pieces: 13, destinationAirport: 'ICN', serviceLevel: 'D2' }) });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.code).toBe('INTAKE.CONFLICT');
      expect(conflict.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['destinationAirport', 'pieces', 'serviceLevel']);
      expect(conflict.body.error.fields[1].message).toBe('on record: 12; submitted: 13');
      const fromOtherStation = await http('POST', '/v1/stations/NPB/intakes', { key: npbKey, body: intake(awb) });
      expect(fromOtherStation.status).toBe(409);
      // What station OVS recorded is not NPB's to see: no fields, no station named.
      expect(fromOtherStation.body.error.fields).toEqual([]);
      expect(JSON.stringify(fromOtherStation.body)).not.toMatch(/OVS|on record/);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey })).body).toEqual(first);
    });

    it('rejects invalid input with a field list and writes nothing', async () => {
      const bad = newAwb();
      const wrongCheckDigit = `${bad.slice(0, -1)}${(Number(bad.slice(-1)) + 1) % 7}`;
      const rejected = await http('POST', '/v1/stations/OVS/intakes', {
        key: ovsKey,
        body: intake(wrongCheckDigit, { pieces: 0, temperatureRange: { minC: 8, maxC: 2 } }),
      });
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.code).toBe('INTAKE.INVALID');
      expect(new Set(rejected.body.error.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['awb', 'pieces', 'temperatureRange.maxC']));
      const rules = await http('POST', '/v1/stations/OVS/intakes', {
        key: ovsKey,
        body: intake(bad, { serviceLevel: 'D1', receivedAt: new Date(Date.now() + 2 * HOUR).toISOString(), dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI966', properShippingName: 'Lithium ion batteries' }] }),
      });
      expect(rules.status).toBe(400);
      expect(rules.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['serviceLevel', 'dangerousGoods.0.packingInstruction', 'receivedAt']);
      expect((await http('GET', `/v1/stations/OVS/intakes/${bad}`, { key: ovsKey })).status).toBe(404);
      const outbox = (await dataSource.query(`SELECT count(*)::int AS n FROM "station_intake"."outbox" WHERE "key" = $1`, [bad])) as { n: number }[];
      expect(outbox[0]?.n).toBe(0);
    });

    it('rejects malformed and oversized bodies with the error shape', async () => {
      const malformed = await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, raw: '{"awb":', headers: { 'content-type': 'application/json' } });
      expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INTAKE.MALFORMED_BODY']);
      const huge = await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(newAwb(), { commodity: { description: 'x'.repeat(70 * 1024), category: 'OTHER' } }) });
      expect([huge.status, huge.body.error.code]).toEqual([413, 'INTAKE.PAYLOAD_TOO_LARGE']);
    });

    it('creates one intake and one event when the same intake is posted concurrently', async () => {
      const twin = newAwb();
      const responses = await Promise.all(Array.from({ length: 5 }, () => http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(twin) })));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body['eventId'])).size).toBe(1);
      await drainOutbox();
      expect(intakeRecords(twin, CargoReceivedEvent)).toHaveLength(1);
    });

    it('publishes CargoReceived exactly once on cargo.intake.v1, with the RCS scan on cargo.handling.v1', async () => {
      await drainOutbox();
      const received = intakeRecords(awb, CargoReceivedEvent);
      expect(received).toHaveLength(1);
      const message = received[0]!.message; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      expect(headerText(message.headers?.['ce_id'])).toBe(first['eventId']);
      expect(headerText(message.headers?.['ce_source'])).toBe('/services/station-intake');
      expect(JSON.parse(message.value?.toString() ?? '')).toEqual(first['intake']);
      const scans = intakeRecords(awb, HandlingScannedEvent);
      expect(scans).toHaveLength(1);
      expect(JSON.parse(scans[0]?.message.value?.toString() ?? '')).toMatchObject({ awb, code: 'RCS', place: 'OVS', happenedAt: receivedAt });
      expect(headerText(scans[0]?.message.headers?.['ce_causationid'])).toBe(first['eventId']);
    });
  });

  describe('batch and CSV', () => {
    it('registers the good items of a batch and reports the bad ones, each on its own', async () => {
      const [a, b, c] = [newAwb(), newAwb(), newAwb()];
      const result = await http('POST', '/v1/stations/OVS/intakes/batch', {
        key: ovsKey,
        body: { items: [intake(a), intake(b, { destinationAirport: 'ZZZ' }), intake(c, { pieces: 3 }), intake(a, { pieces: 99 }), 'nonsense'] },
      });
      expect(result.status).toBe(200);
      expect(result.body['summary']).toEqual({ total: 5, CREATED: 2, REPLAYED: 0, REJECTED: 2, CONFLICT: 1 });
      expect(result.body['results'].map((r: { index: number; status: string; httpStatus: number }) => [r.index, r.status, r.httpStatus])).toEqual([
        [0, 'CREATED', 201],
        [1, 'REJECTED', 400],
        [2, 'CREATED', 201],
        [3, 'CONFLICT', 409],
        [4, 'REJECTED', 400],
      ]);
      expect(result.body['results'][1].error.fields).toEqual([{ field: 'destinationAirport', message: 'destinationAirport ZZZ is not an airport of the network' }]);
      expect((await http('GET', `/v1/stations/OVS/intakes/${a}`, { key: ovsKey })).body['intake'].pieces).toBe(12);
      expect((await http('GET', `/v1/stations/OVS/intakes/${b}`, { key: ovsKey })).status).toBe(404);
      expect((await http('GET', `/v1/stations/OVS/intakes/${c}`, { key: ovsKey })).status).toBe(200);
    });

    it('refuses a batch above BATCH_MAX_ITEMS', async () => {
      const items = Array.from({ length: 6 }, () => intake(newAwb()));
      const result = await http('POST', '/v1/stations/OVS/intakes/batch', { key: ovsKey, body: { items } });
      expect([result.status, result.body.error.code]).toEqual([400, 'INTAKE.BATCH_TOO_LARGE']);
      expect((await http('GET', `/v1/stations/OVS/intakes/${items[0]?.awb}`, { key: ovsKey })).status).toBe(404);
    });

    const header =
      'awb,shipper_id,shipper_name,pieces,gross_weight_kg,volume_m3,commodity_description,commodity_category,hs_code,destination_airport,service_level,received_at,special_handling_codes,temperature_min_c,temperature_max_c,dg1_un_number,dg1_class,dg1_packing_instruction,dg1_proper_shipping_name';
    const line = (awb: string, destination: string, level: string, extra = ',,,,,,,') =>
      `${awb},SHP-OV-002,"Hubei Biomed, Ltd.",4,80,0.5,Vaccines,BIOMEDICINE,300220,${destination},${level},${receivedAt}${extra}`;

    it('registers a text/csv upload line by line, with per-line results naming CSV columns', async () => {
      const [a, b, c] = [newAwb(), newAwb(), newAwb()];
      const csv = [
        header,
        line(a, 'PEK', 'D1', ',PIL COL,2,8,,,,'),
        line(b, 'SIN', 'D3'),
        line(c, 'ICN', 'D2', ',ELI,,,UN3481,9,PI967,Lithium ion batteries contained in equipment'),
        line(newAwb(), 'FRA', 'D3', ',,9,2,,,,'),
      ].join('\n');
      const result = await http('POST', '/v1/stations/OVS/intakes/csv', { key: ovsKey, raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(result.status).toBe(200);
      expect(result.body['results'].map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
        [2, 'CREATED'],
        [3, 'REJECTED'],
        [4, 'CREATED'],
        [5, 'REJECTED'],
      ]);
      expect(result.body['results'][1].error.fields).toEqual([{ field: 'service_level', message: expect.stringContaining('must be D2 for SIN') }]);
      expect(result.body['results'][3].error.fields.map((f: { field: string }) => f.field)).toEqual(['temperature_max_c']);
      const cold = await http('GET', `/v1/stations/OVS/intakes/${a}`, { key: ovsKey });
      expect(cold.body['intake']).toMatchObject({ temperatureRange: { minC: 2, maxC: 8 }, specialHandlingCodes: ['PIL', 'COL'], shipper: { name: 'Hubei Biomed, Ltd.' } });
      const dg = await http('GET', `/v1/stations/OVS/intakes/${c}`, { key: ovsKey });
      expect(dg.body['intake'].dangerousGoods).toEqual([{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', properShippingName: 'Lithium ion batteries contained in equipment' }]);
    });

    it('accepts the CSV as a multipart upload, and rejects a file with unknown columns as a whole', async () => {
      const awb = newAwb();
      const form = new FormData();
      form.append('file', new Blob([`${header}\n${line(awb, 'CAN', 'D1')}\n`], { type: 'text/csv' }), 'day.csv');
      const result = await http('POST', '/v1/stations/OVS/intakes/csv', { key: ovsKey, raw: form });
      expect(result.status).toBe(200);
      expect(result.body['summary']).toMatchObject({ total: 1, CREATED: 1 });
      const bad = await http('POST', '/v1/stations/OVS/intakes/csv', { key: ovsKey, raw: `${header},colour\n${line(newAwb(), 'CAN', 'D1')},red\n`, headers: { 'content-type': 'text/csv' } });
      expect([bad.status, bad.body.error.code, bad.body.error.fields]).toEqual([400, 'INTAKE.CSV_INVALID', [{ field: 'colour', message: 'unknown column "colour"' }]]);
      const json = await http('POST', '/v1/stations/OVS/intakes/csv', { key: ovsKey, body: { csv: 'no' } });
      expect([json.status, json.body.error.code]).toEqual([415, 'INTAKE.UNSUPPORTED_MEDIA_TYPE']);
    });
  });

  describe('scans and lists', () => {
    const awb = newAwb();

    beforeAll(async () => {
      expect((await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb) })).status).toBe(201);
    });

    it('records scans with happenedAt apart from recordedAt, idempotently, and moves the status', async () => {
      const happenedAt = new Date(Date.parse(receivedAt) + 10 * 60_000).toISOString();
      const scan = { awb, code: 'FOH', happenedAt, recordedAt: new Date().toISOString() };
      const created = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: scan });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ awb, code: 'FOH', happenedAt, intakeStatus: 'ON_HAND' });
      expect(await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: scan })).toEqual({ status: 200, body: created.body });
      const conflict = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { ...scan, pieces: 2 } });
      expect([conflict.status, conflict.body.error.code]).toEqual([409, 'INTAKE.SCAN_CONFLICT']);
      const noTruck = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { awb, code: 'LOT', happenedAt } });
      expect([noTruck.status, noTruck.body.error.fields]).toEqual([400, [expect.objectContaining({ field: 'truckId' })]]);
      const airportCode = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { awb, code: 'DEP', happenedAt } });
      expect([airportCode.status, airportCode.body.error.fields[0].field]).toEqual([400, 'code']);
      const unknown = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { awb: newAwb(), code: 'FOH', happenedAt } });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INTAKE.SCAN_SHIPMENT_NOT_RECEIVED']);
      const otherStation = await http('POST', '/v1/stations/NPB/scans', { key: npbKey, body: scan });
      expect(otherStation.status).toBe(404);
      // A late scan (happened earlier than the current status) is recorded but does not move the status back.
      const late = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { awb, code: 'RCS', happenedAt: new Date(Date.parse(receivedAt) + 60_000).toISOString() } });
      expect([late.status, late.body['intakeStatus']]).toEqual([201, 'ON_HAND']);
      await drainOutbox();
      expect(intakeRecords(awb, HandlingScannedEvent).map((r) => JSON.parse(r.message.value?.toString() ?? '').code).sort()).toEqual(['FOH', 'RCS', 'RCS']);
    });

    it('lists intakes by local date and status, paged', async () => {
      const localDate = hubLocalDate(receivedAt);
      const onHand = await http('GET', `/v1/stations/OVS/intakes?date=${localDate}&status=ON_HAND`, { key: ovsKey });
      expect(onHand.status).toBe(200);
      expect(onHand.body['items'].map((i: { awb: string }) => i.awb)).toEqual([awb]);
      const all = await http('GET', `/v1/stations/OVS/intakes?date=${localDate}&pageSize=2&page=2`, { key: ovsKey });
      expect(all.body).toMatchObject({ page: 2, pageSize: 2 });
      expect(all.body['total']).toBeGreaterThan(4);
      expect(all.body['items']).toHaveLength(2);
      const otherDay = await http('GET', '/v1/stations/OVS/intakes?date=2020-01-01', { key: ovsKey });
      expect(otherDay.body).toMatchObject({ items: [], total: 0 });
      const bad = await http('GET', '/v1/stations/OVS/intakes?status=FLYING&page=0', { key: ovsKey });
      expect([bad.status, bad.body.error.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['status', 'page']]);
    });
  });

  describe('corrections and cancellations', () => {
    const dataOf = (r: EachMessagePayload) => JSON.parse(r.message.value?.toString() ?? '{}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    /** Rows that a refused request must not add to. */
    const written = async () =>
      ((await dataSource.query(
        `SELECT (SELECT count(*)::int FROM "station_intake"."intake_change_audit") AS audit, (SELECT count(*)::int FROM "station_intake"."outbox") AS outbox`,
      )) as { audit: number; outbox: number }[])[0];
    const receive = async (awb: string) => expect((await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb) })).status).toBe(201);
    const correct = (awb: string, body: unknown, key: string | null = ovsKey, station = 'OVS', headers: Record<string, string> = {}) =>
      http('POST', `/v1/stations/${station}/intakes/${awb}/corrections`, { key, body, headers });
    const cancel = (awb: string, body: unknown = { reason: 'Shipper withdrew the shipment' }, key: string | null = ovsKey) =>
      http('POST', `/v1/stations/OVS/intakes/${awb}/cancellation`, { key, body });

    it('corrects the weight: 201 with the corrected intake, CargoCorrected with who and the previous figures, an audit entry; a retry changes nothing', async () => {
      const awb = newAwb();
      await receive(awb);
      const corrected = await correct(awb, { grossWeightKg: 362, reason: 'Re-weighed on the calibrated scale' });
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ awb, intakeVersion: 2, cancelledAt: null, intake: { grossWeightKg: 362, pieces: 12, volumeM3: 1.8 } });
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey })).body).toMatchObject({ intakeVersion: 2, intake: { grossWeightKg: 362 } });

      await drainOutbox();
      const [received] = intakeRecords(awb, CargoReceivedEvent);
      const [event] = intakeRecords(awb, CargoCorrectedEvent);
      expect(event && dataOf(event)).toMatchObject({
        awb,
        stationCode: 'OVS',
        intakeVersion: 2,
        supersedes: headerText(received?.message.headers?.['ce_id']),
        previous: { pieces: 12, grossWeightKg: 340.5, volumeM3: 1.8 },
        intake: { awb, grossWeightKg: 362, pieces: 12 },
        reason: 'Re-weighed on the calibrated scale',
        correctedBy: expect.stringMatching(/^api-key:/),
      });
      const changes = await http('GET', `/v1/stations/OVS/intakes/${awb}/changes`, { key: ovsKey });
      expect(changes.body['items']).toEqual([
        expect.objectContaining({ action: 'CORRECTED', actor: event ? dataOf(event)['correctedBy'] : 'no event', reason: 'Re-weighed on the calibrated scale', before: { pieces: 12, grossWeightKg: 340.5, volumeM3: 1.8 }, after: { pieces: 12, grossWeightKg: 362, volumeM3: 1.8 }, intakeVersion: 2 }),
      ]);

      const before = await written();
      expect((await correct(awb, { grossWeightKg: 362, reason: 'retry' })).status).toBe(200);
      expect(await written()).toEqual(before);
    });

    it('records the token subject of a station clerk as who corrected', async () => {
      const awb = newAwb();
      await receive(awb);
      const clerk = { authorization: `Bearer ${await issuer.token({ sub: 'ovs-clerk-7', roles: ['station'], station: 'OVS' })}` };
      expect((await correct(awb, { pieces: 11, reason: 'One piece was counted twice' }, null, 'OVS', clerk)).status).toBe(201);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}/changes`, { headers: clerk })).body['items']).toEqual([expect.objectContaining({ actor: 'ovs-clerk-7' })]);
    });

    it('refuses, writing nothing: no credential (401), another station (403), an intake of another station (404), bad input (400), too late once manifested (409)', async () => {
      const awb = newAwb();
      await receive(awb);
      await drainOutbox();
      const before = await written();
      expect((await correct(awb, { pieces: 13, reason: 'x' }, null)).status).toBe(401);
      expect((await correct(awb, { pieces: 13, reason: 'x' }, npbKey)).status).toBe(403);
      expect((await correct(awb, { pieces: 13, reason: 'x' }, npbKey, 'NPB')).body.error.code).toBe('INTAKE.NOT_FOUND');
      const unknownField = await correct(awb, { pieces: 13, reason: 'x', status: 'ON_HAND' });
      expect([unknownField.status, unknownField.body.error.code]).toEqual([400, 'INTAKE.INVALID_REQUEST']);
      const nothing = await correct(awb, { reason: 'x' });
      expect([nothing.status, nothing.body.error.code]).toEqual([400, 'INTAKE.CORRECTION_INVALID']);
      const tooDense = await correct(awb, { grossWeightKg: 90000, reason: 'x' }); // 50,000 kg/m³: denser than any cargo
      expect([tooDense.status, tooDense.body.error.code, tooDense.body.error.fields[0]?.field]).toEqual([400, 'INTAKE.CORRECTION_INVALID', 'grossWeightKg']);
      expect(await written()).toEqual(before);

      // Booked on a flight whose cut-off has passed: the manifest is closed, too late to correct.
      const past = new Date(Date.now() - HOUR);
      const leg = Object.assign(new FlightAssignedEvent.payload(), {
        awb,
        stationCode: 'OVS',
        outcome: 'ASSIGNED',
        flightId: `CZ3481-${hubLocalDate(past)}`,
        flightNumber: 'CZ3481',
        origin: 'WUH',
        destination: 'FRA',
        departureAt: new Date(past.getTime() + 3 * HOUR).toISOString(),
        cutoffAt: past.toISOString(),
        arrivalAt: new Date(past.getTime() + 12 * HOUR).toISOString(),
        truckDepartBy: new Date(past.getTime() - HOUR).toISOString(),
        aircraftKind: 'BELLY',
        chargeableWeightKg: 340.5,
        decidedAt: new Date(past.getTime() - 2 * HOUR).toISOString(),
        decisionVersion: 1,
      }) as FlightAssignedPayload;
      const legEvent = await produceAssignment(FlightAssignedEvent, leg);
      await waitFor(async () => ((await dataSource.query(`SELECT 1 FROM "station_intake"."processed_events" WHERE "event_id" = $1`, [legEvent])) as unknown[]).length === 1, {
        timeoutMs: 30_000,
        description: 'the leg recorded',
      });
      const late = await correct(awb, { pieces: 13, reason: 'x' });
      expect([late.status, late.body.error.code]).toEqual([409, 'INTAKE.ALREADY_MANIFESTED']);
      expect(late.body.error.message).toContain('CZ3481');
      expect(await written()).toEqual(before);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey })).body).toMatchObject({ intakeVersion: 1, intake: { pieces: 12 } });
    });

    it('cancels before the truck leaves: 201, CargoCancelled, off the dispatch list, no more scans or corrections; a retry changes nothing', async () => {
      const awb = newAwb();
      await receive(awb);
      await correct(awb, { volumeM3: 2.1, reason: 'Measured again' });
      const cancelled = await cancel(awb);
      expect(cancelled.status).toBe(201);
      expect(cancelled.body).toMatchObject({ status: 'CANCELLED', intakeVersion: 3, cancelledAt: expect.any(String) });

      await drainOutbox();
      const [correction] = intakeRecords(awb, CargoCorrectedEvent);
      const [event] = intakeRecords(awb, CargoCancelledEvent);
      expect(event && dataOf(event)).toMatchObject({
        awb,
        intakeVersion: 3,
        supersedes: headerText(correction?.message.headers?.['ce_id']),
        reason: 'Shipper withdrew the shipment',
        cancelledBy: expect.stringMatching(/^api-key:/),
      });
      expect((await http('GET', `/v1/stations/OVS/intakes?status=CANCELLED&pageSize=200`, { key: ovsKey })).body['items'].map((i: { awb: string }) => i.awb)).toContain(awb);

      const before = await written();
      expect((await cancel(awb)).status).toBe(200);
      const scan = await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: { awb, code: 'FOH', happenedAt: new Date().toISOString() } });
      expect([scan.status, scan.body.error.code]).toEqual([409, 'INTAKE.CANCELLED']);
      const late = await correct(awb, { pieces: 3, reason: 'x' });
      expect([late.status, late.body.error.code]).toEqual([409, 'INTAKE.CANCELLED']);
      expect(await written()).toEqual(before);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}/changes`, { key: ovsKey })).body['items'].map((c: { action: string }) => c.action)).toEqual(['CORRECTED', 'CANCELLED']);
    });

    it('refuses to cancel once the truck left the station (TDP): 409, nothing written', async () => {
      const awb = newAwb();
      await receive(awb);
      const tdp = { awb, code: 'TDP', truckId: '鄂A·D1234', happenedAt: new Date().toISOString() };
      expect((await http('POST', '/v1/stations/OVS/scans', { key: ovsKey, body: tdp })).status).toBe(201);
      await drainOutbox();
      const before = await written();
      const late = await cancel(awb);
      expect([late.status, late.body.error.code]).toEqual([409, 'INTAKE.LEFT_STATION']);
      expect(await written()).toEqual(before);
      expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`, { key: ovsKey })).body['status']).toBe('TRUCK_DEPARTED');
    });
  });

  describe('truck dispatch list', () => {
    const awb = newAwb();
    const day = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    const assigned = (overrides: Partial<FlightAssignedPayload>): FlightAssignedPayload =>
      Object.assign(new FlightAssignedEvent.payload(), {
        awb,
        stationCode: 'OVS',
        outcome: 'ASSIGNED',
        flightId: `CZ3481-${day}`,
        flightNumber: 'CZ3481',
        origin: 'WUH',
        destination: 'FRA',
        departureAt: `${day}T14:00:00Z`,
        cutoffAt: `${day}T11:00:00Z`,
        arrivalAt: `${day}T23:00:00Z`,
        truckDepartBy: `${day}T10:15:00Z`,
        aircraftKind: 'BELLY',
        chargeableWeightKg: 340.5,
        decidedAt: new Date().toISOString(),
        decisionVersion: 1,
        ...overrides,
      });
    const trucks = async (airport: string) => (await http('GET', `/v1/stations/OVS/dispatch?airport=${airport}`, { key: ovsKey })).body['trucks'] as {
      departBy: string;
      flights: { flightId: string; shipments: { awb: string; pieces: number | null }[] }[];
    }[];
    const awbsOn = (list: Awaited<ReturnType<typeof trucks>>) => list.flatMap((t) => t.flights.flatMap((f) => f.shipments.map((s) => s.awb)));

    beforeAll(async () => {
      expect((await http('POST', '/v1/stations/OVS/intakes', { key: ovsKey, body: intake(awb) })).status).toBe(201);
    });

    it('puts an assigned shipment on the truck that leaves cut-off minus the station truck time', async () => {
      await produceAssignment(FlightAssignedEvent, assigned({}));
      const wuh = await waitFor(async () => {
        const list = await trucks('WUH');
        return awbsOn(list).includes(awb) ? list : undefined;
      }, { timeoutMs: 30_000, description: 'the shipment on the WUH dispatch list' });
      const truck = wuh.find((t) => t.flights.some((f) => f.shipments.some((s) => s.awb === awb)));
      expect(truck?.departBy).toBe(new Date(`${day}T10:15:00Z`).toISOString()); // 11:00 cut-off − 45 min (OVS → WUH)
      expect(truck?.flights[0]?.shipments.find((s) => s.awb === awb)?.pieces).toBe(12);
      expect(awbsOn(await trucks('EHU'))).not.toContain(awb);
    });

    it('moves a re-assigned shipment to the other airport, and drops an offloaded one', async () => {
      await produceAssignment(
        FlightAssignedEvent,
        assigned({ outcome: 'REASSIGNED', previousFlightId: `CZ3481-${day}`, flightId: `O36921-${day}`, flightNumber: 'O36921', origin: 'EHU', aircraftKind: 'FREIGHTER', departureAt: `${day}T16:00:00Z`, cutoffAt: `${day}T13:00:00Z`, arrivalAt: `${day}T23:30:00Z`, truckDepartBy: `${day}T12:00:00Z`, decidedAt: new Date().toISOString(), decisionVersion: 2 }),
      );
      const ehu = await waitFor(async () => {
        const list = await trucks('EHU');
        return awbsOn(list).includes(awb) ? list : undefined;
      }, { timeoutMs: 30_000, description: 'the shipment on the EHU dispatch list' });
      expect(ehu.find((t) => awbsOn([t]).includes(awb))?.departBy).toBe(new Date(`${day}T12:00:00Z`).toISOString()); // 13:00 − 60 min (OVS → EHU)
      expect(awbsOn(await trucks('WUH'))).not.toContain(awb);

      const offloaded: AssignmentFailedPayload = Object.assign(new AssignmentFailedEvent.payload(), {
        awb,
        stationCode: 'OVS',
        outcome: 'OFFLOADED',
        reason: { code: 'CUSTOMS_HOLD', explanation: 'held by customs' },
        previousFlightId: `O36921-${day}`,
        chargeableWeightKg: 340.5,
        decidedAt: new Date().toISOString(),
        decisionVersion: 3,
      });
      await produceAssignment(AssignmentFailedEvent, offloaded);
      await waitFor(async () => !awbsOn(await trucks('EHU')).includes(awb), { timeoutMs: 30_000, description: 'the offloaded shipment to leave the EHU list' });
      expect(awbsOn(await trucks('WUH'))).not.toContain(awb);
    });

    it('ignores a stale decision (an older decision version) that arrives after a newer one, whatever its decision time', async () => {
      // Version 2 < 3 on record: stale, although flight-assignment's clock said later (it reads it before its locks).
      const stale = assigned({ decisionVersion: 2, decidedAt: new Date(Date.now() + HOUR).toISOString() });
      const id = await produceAssignment(FlightAssignedEvent, stale);
      await waitFor(async () => {
        const rows = (await dataSource.query(`SELECT 1 FROM "station_intake"."processed_events" WHERE "event_id" = $1`, [id])) as unknown[];
        return rows.length === 1;
      }, { timeoutMs: 30_000, description: 'the stale event to be processed' });
      expect(awbsOn(await trucks('WUH'))).not.toContain(awb);
    });

    it('validates the airport', async () => {
      const bad = await http('GET', '/v1/stations/OVS/dispatch?airport=PVG', { key: ovsKey });
      expect([bad.status, bad.body.error.fields]).toEqual([400, [{ field: 'airport', message: 'airport must be WUH or EHU' }]]);
    });
  });
});

