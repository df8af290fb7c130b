import { FLIGHT_ID_PATTERN, hubLocalDate } from '@cargo/contracts';
import { createTestDatabase, TestDatabase } from '@cargo/testing';
import fc from 'fast-check';
import { Client } from 'pg';
import { gzipSync } from 'node:zlib';
import { HubTestClient, Json } from '../lifecycle/hub-client.spec-helper';
import { startHub, stopHub, type RunningHub } from '../lifecycle/hub-fixture.spec-helper';
import { SCHEMA_OF, schemaFingerprint, schemaSettled, type Service } from '../lifecycle/schema-fingerprint.spec-helper';
import { lithiumIntake, nextAwb } from '../lifecycle/lifecycle-scenarios.spec-helper';


/** One state-changing endpoint: where it is, a valid body to mutate, and who may call it. */
interface Endpoint {
  name: string;
  service: Service;
  method: 'POST';
  /** `:id` is replaced by a valid or a generated path segment. */
  path: string;
  validId: string;
  valid: () => Json;
  headers: () => Promise<Record<string, string>>;
}

/** A generated request. */
interface FuzzRequest {
  endpoint: Endpoint;
  segment: string;
  contentType: string;
  contentEncoding?: string;
  body: Buffer | string;
  description: string;
}


/**
 * The generator's seed: fixed, so a CI run is reproducible and a failure names the request again;
 * set FUZZ_SEED (and FUZZ_RUNS) to explore other inputs — fast-check prints the seed and the
 * shrunk counterexample of a failure.
 */
const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_201);

/** Values that no field of any contract accepts in every position, or that once caused a 500. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.string(),
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'a\udfff', '\u0000'),
  fc.constant('x'.repeat(200_000)),
  fc.constantFrom('2026-02-30T10:00:00+08:00', '2026-13-45', '2026-02-30', '9999-99-99T99:99:99Z'),
  fc.array(fc.jsonValue(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
  fc.integer({ min: 40, max: 400 }).map((depth) => nest(depth)),
);

function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** Every leaf and inner path of a JSON value (`[]` is the root). */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1] as string | number] = value;
  return copy;
}

/** A body, path segment and headers for an endpoint: a valid body with one part broken, or broken bytes. */
function requestFor(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const template = endpoint.valid();
  const paths = pathsOf(template);
  const segment = fc.oneof(
    { weight: 6, arbitrary: fc.constant(endpoint.validId) },
    { weight: 1, arbitrary: fc.constantFrom('%00', 'a%00b', '%ff', '%E0%A4%A', '%ud800', 'x'.repeat(3_000), '..%2F..%2Fetc', '鄂A·12345') },
  );
  const json = (body: unknown, description: string) => ({ contentType: 'application/json', body: JSON.stringify(body), description });
  const mutated = fc
    .tuple(fc.constantFrom(...paths), badValue)
    .map(([path, value]) => json(setAt(template, path, value), `${JSON.stringify(path)} := ${JSON.stringify(value)?.slice(0, 60)}`));
  const extraField = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), badValue).map(([key, value]) => json({ ...template, [key]: value }, `extra field ${JSON.stringify(key)}`));
  const raw = fc.constantFrom<Omit<FuzzRequest, 'endpoint' | 'segment'>>(
    { contentType: 'application/json', body: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, description: '5,000-deep arrays' },
    { contentType: 'application/json', body: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, description: '5,000-deep objects' },
    { contentType: 'application/json', body: '{"awb": "784-', description: 'truncated JSON' },
    { contentType: 'application/json', body: 'null', description: 'null body' },
    { contentType: 'application/json', body: '[]', description: 'array body' },
    { contentType: 'application/json', body: '"text"', description: 'string body' },
    { contentType: 'application/json', body: Buffer.concat([Buffer.from('{"awb":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), description: 'invalid UTF-8' },
    { contentType: 'application/json', contentEncoding: 'gzip', body: 'this is not gzip', description: 'gzip that is not gzip' },
    { contentType: 'application/json', contentEncoding: 'br', body: '{}', description: 'unsupported encoding' },
    { contentType: 'application/json; charset=latin-9', body: '{}', description: 'unsupported charset' },
    { contentType: 'application/json', contentEncoding: 'gzip', body: gzipSync(JSON.stringify({ a: '\u0000' })), description: 'gzip with a NUL inside' },
    { contentType: 'application/xml', body: '<intake/>', description: 'XML' },
    { contentType: 'application/x-www-form-urlencoded', body: 'awb=784-12345675&pieces=a', description: 'a form' },
    { contentType: 'application/json', body: JSON.stringify({ ...template, z: 'y'.repeat(2_000_000) }), description: 'over the body limit' },
  );
  return fc
    .tuple(fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: extraField }, { weight: 2, arbitrary: raw }), segment)
    .map(([body, seg]) => ({ endpoint, segment: seg, ...body, description: `${endpoint.name} /${seg.slice(0, 20)}: ${body.description}` }));
}

describe('every state-changing endpoint under generated bad input (fast-check; real broker and PostgreSQL)', () => {
  let db: TestDatabase;
  let running: RunningHub | undefined;
  let hub: HubTestClient;
  let pg: Client;
  let adminKey: string;
  let flightId: string;

  const fingerprint = (service: Service) => schemaFingerprint(pg, SCHEMA_OF[service]);
  const settled = (service: Service) => schemaSettled(pg, SCHEMA_OF[service]);

  async function send(request: FuzzRequest): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const url = `${hub.urls[request.endpoint.service]}${request.endpoint.path.replace(':id', request.segment)}`;
    const response = await fetch(url, {
      method: request.endpoint.method,
      headers: {
        ...(await request.endpoint.headers()),
        'content-type': request.contentType,
        ...(request.contentEncoding ? { 'content-encoding': request.contentEncoding } : {}),
      },
      body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
    });
    return { status: response.status, text: await response.text(), retryAfter: response.headers.get('retry-after') };
  }

  /** The property: never 5xx; a refusal has the one error shape and leaves the service's schema untouched. */
  async function check(request: FuzzRequest): Promise<void> {
    const before = await fingerprint(request.endpoint.service);
    const { status, text } = await send(request);
    const context = `${request.description} → ${status} ${text.slice(0, 300)}`;
    if (status >= 500) throw new Error(`5xx: ${context}`);
    if (status < 400) return;
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown; correlationId?: unknown } };
    const shapeOk =
      typeof body.error?.code === 'string' &&
      /^[A-Z_]+\.[A-Z_]+$/.test(body.error.code) &&
      typeof body.error.message === 'string' &&
      Array.isArray(body.error.fields) &&
      typeof body.error.correlationId === 'string';
    if (!shapeOk) throw new Error(`not the documented error shape: ${context}`);
    const after = await fingerprint(request.endpoint.service);
    if (after !== before) throw new Error(`a refused request changed ${SCHEMA_OF[request.endpoint.service]}: ${context}`);
  }

  beforeAll(async () => {
    db = await createTestDatabase('http_fuzz');
    running = await startHub(db.url);
    hub = running.client;
    adminKey = running.adminKey;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await hub.stationKey('OVS'); // issued now, not inside a fingerprinted request
    const flights = await hub.request('GET', `${hub.urls['flight-assignment']}/v1/flights?airport=EHU&date=${hubLocalDate(Date.now() + 86_400_000)}`);
    // A real flight of tomorrow's timetable (any carrier), so delay and cancel reach their rules.
    const tomorrow = flights.body['items'] as Array<{ flightId: string }>;
    expect(tomorrow.length).toBeGreaterThan(0);
    flightId = String(tomorrow[0]?.flightId);
    expect(flightId).toMatch(FLIGHT_ID_PATTERN);
  });
  afterAll(async () => {
    await pg?.end();
    await stopHub(running);
    await db?.drop();
  });

  const station = async () => ({ 'x-api-key': await hub.stationKey('OVS') });
  const officer = async () => hub.officer('CUSTOMS_OFFICER');
  const screener = async () => hub.officer('SECURITY_SCREENER');
  const ops = async () => hub.as('demo-ops');
  const airlineO3 = async () => hub.as('demo-airline-o3');
  // Intakes that the fuzz lets through are unqualified lithium batteries: customs holds them, so
  // nothing flows on to flight assignment or back to the station while the other endpoints are fuzzed.
  const awb = nextAwb();
  const endpoints = (): Endpoint[] => [
    { name: 'intake', service: 'station-intake', method: 'POST', path: '/v1/stations/:id/intakes', validId: 'OVS', valid: () => lithiumIntake(nextAwb(), new Date()), headers: station },
    { name: 'intake batch', service: 'station-intake', method: 'POST', path: '/v1/stations/:id/intakes/batch', validId: 'OVS', valid: () => ({ items: [lithiumIntake(nextAwb(), new Date()), lithiumIntake(nextAwb(), new Date())] }), headers: station },
    { name: 'scan', service: 'station-intake', method: 'POST', path: '/v1/stations/:id/scans', validId: 'OVS', valid: () => ({ awb, code: 'FOH', happenedAt: new Date().toISOString(), recordedAt: new Date().toISOString() }), headers: station },
    { name: 'intake correction', service: 'station-intake', method: 'POST', path: '/v1/stations/OVS/intakes/:id/corrections', validId: awb, valid: () => ({ pieces: 11, grossWeightKg: 250.5, volumeM3: 0.8, reason: 'Re-weighed' }), headers: station },
    { name: 'intake cancellation', service: 'station-intake', method: 'POST', path: '/v1/stations/OVS/intakes/:id/cancellation', validId: awb, valid: () => ({ reason: 'Shipper withdrew the shipment' }), headers: station },
    { name: 'api key', service: 'station-intake', method: 'POST', path: '/v1/admin/stations/:id/api-keys', validId: 'OVS', valid: () => ({ label: 'fuzz' }), headers: async () => ({ 'x-api-key': adminKey }) },
    { name: 'release', service: 'customs-hold', method: 'POST', path: '/v1/cases/:id/releases', validId: awb, valid: () => ({ kind: 'FULL', reason: 'documents checked' }), headers: officer },
    { name: 'manual hold', service: 'customs-hold', method: 'POST', path: '/v1/cases/:id/holds', validId: awb, valid: () => ({ reason: 'risk tip' }), headers: officer },
    { name: 'screening result', service: 'customs-hold', method: 'POST', path: '/v1/cases/:id/screening-results', validId: awb, valid: () => ({ result: 'PASS', reason: 'X-ray clear' }), headers: screener },
    { name: 'lab result', service: 'customs-hold', method: 'POST', path: '/v1/cases/:id/lab-results', validId: awb, valid: () => ({ result: 'PASS', reason: 'lab clear' }), headers: officer },
    {
      name: 'add flight',
      service: 'flight-assignment',
      method: 'POST',
      path: '/v1/flights',
      validId: '',
      valid: () => ({ flightNumber: 'O36999', origin: 'EHU', destination: 'FRA', departureAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), arrivalAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), aircraftKind: 'FREIGHTER', aircraftType: 'B767-300F', capacityKg: 50_000, capacityM3: 400, coldChain: false }),
      headers: ops,
    },
    { name: 'delay flight', service: 'flight-assignment', method: 'POST', path: '/v1/flights/:id/delay', validId: 'FLIGHT', valid: () => ({ minutes: 30, reason: 'late inbound' }), headers: ops },
    { name: 'cancel flight', service: 'flight-assignment', method: 'POST', path: '/v1/flights/:id/cancel', validId: 'FLIGHT', valid: () => ({ reason: 'aircraft on ground' }), headers: ops },
    { name: 'airline flight status', service: 'flight-assignment', method: 'POST', path: '/v1/flights/:id/status', validId: 'FLIGHT', valid: () => ({ code: 'DEP', happenedAt: new Date().toISOString() }), headers: airlineO3 },
    {
      name: 'airline shipment status',
      service: 'flight-assignment',
      method: 'POST',
      path: '/v1/shipments/:id/status',
      validId: awb,
      valid: () => ({ code: 'RCF', place: 'FRA', pieces: 10, flightNumber: 'O36801', remarks: '1 piece short', happenedAt: new Date().toISOString() }),
      headers: airlineO3,
    },
    { name: 'advance clock', service: 'flight-assignment', method: 'POST', path: '/v1/ops/clock/advance', validId: '', valid: () => ({ minutes: 1 }), headers: ops },
    { name: 'resolve exception', service: 'flight-assignment', method: 'POST', path: '/v1/exceptions/:id/resolve', validId: awb, valid: () => ({ action: 'REPLAN', note: 'freighter arranged' }), headers: ops },
  ];

  it.each(['station-intake', 'customs-hold', 'flight-assignment'] as const)('%s: generated malformed requests never get a 5xx, always the error shape, and write nothing', async (service) => {
    await settled(service);
    for (const endpoint of endpoints().filter((e) => e.service === service)) {
      const resolved = { ...endpoint, validId: endpoint.validId === 'FLIGHT' ? flightId : endpoint.validId };
      await fc.assert(fc.asyncProperty(requestFor(resolved), check), { numRuns: Number(process.env['FUZZ_RUNS'] ?? 40), seed: FUZZ_SEED, endOnFailure: true });
    }
  });

  it('every service answers unknown routes, bad paths, impossible dates and bad methods in the one shape, never 5xx', async () => {
    const probes: Array<[Service, string, string]> = [
      ['station-intake', 'GET', '/v1/nope'],
      ['customs-hold', 'GET', '/v1/nope'],
      ['flight-assignment', 'GET', '/v1/nope'],
      ['tracking', 'GET', '/v1/nope'],
      ['tracking', 'GET', '/v1/shipments?date=2026-02-30'],
      ['tracking', 'GET', '/v1/shipments?date=2026-13-45'],
      ['tracking', 'GET', '/v1/shipments?station=%00'],
      ['tracking', 'GET', '/v1/shipments/%00'],
      ['tracking', 'GET', '/v1/board/departures?from=2026-02-30T00:00:00Z'],
      ['flight-assignment', 'GET', '/v1/flights?airport=EHU&date=2026-02-30'],
      ['flight-assignment', 'GET', '/v1/flights/%00/manifest'],
      ['flight-assignment', 'GET', '/v1/flights/%ff/manifest?format=ffm'],
      ['customs-hold', 'GET', '/v1/cases/%00'],
      ['customs-hold', 'GET', '/v1/holds?station=%00'],
      ['tracking', 'POST', '/v1/kpis'],
    ];
    for (const [service, method, path] of probes) {
      const headers = service === 'customs-hold' ? await hub.officer('CUSTOMS_OFFICER') : await hub.as('demo-ops');
      const response = await fetch(`${hub.urls[service]}${path}`, { method, headers });
      const text = await response.text();
      expect({ path, status: response.status < 500 && response.status >= 400 }).toEqual({ path, status: true });
      const body = JSON.parse(text) as { error: Record<string, unknown> };
      expect(body.error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+\.[A-Z_]+$/), message: expect.any(String), fields: expect.any(Array), correlationId: expect.any(String) }));
      expect(response.headers.get('x-request-id')).toBe(body.error['correlationId']);
    }
  });
});
