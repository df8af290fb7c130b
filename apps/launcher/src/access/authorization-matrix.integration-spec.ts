import { hubLocalDate } from '@cargo/contracts';
import { createTestDatabase, startTestTokenIssuer, waitFor, type TestDatabase, type TestPartyClaims, type TestTokenIssuer } from '@cargo/testing';
import { Client } from 'pg';
import type { HubTestClient, Json } from '../lifecycle/hub-client.spec-helper';
import { startHub, stopHub, type RunningHub } from '../lifecycle/hub-fixture.spec-helper';
import { consumerElectronicsIntake, lithiumIntake, nextAwb } from '../lifecycle/lifecycle-scenarios.spec-helper';
import { SCHEMA_OF, schemaFingerprint, schemaSettled, type Service } from '../lifecycle/schema-fingerprint.spec-helper';
import { undocumentedQueryParameters, type OpenApiQueryView } from './openapi-query-coverage.spec-helper';

/** One route, who may call it, and the calls that prove it. */
interface RouteRule {
  service: Service;
  method: 'GET' | 'POST';
  /** The OpenAPI path template, e.g. `/v1/cases/{awb}/releases`. */
  template: string;
  /** The concrete path to call (resolved lazily: fixtures are made in beforeAll). */
  path: () => string;
  body?: () => unknown;
  /** Content type of a text body (default text/csv). */
  contentType?: string;
  /** The party that may call it; undefined: public. */
  party?: TestPartyClaims;
  /** The same role for another station or carrier (refused: 403), where the rule is per party. */
  otherParty?: TestPartyClaims;
  /** A role that may not call it. */
  wrongRole: TestPartyClaims;
}

const OVS_STATION: TestPartyClaims = { sub: 'ovs-clerk', roles: ['station'], station: 'OVS' };
const NPB_STATION: TestPartyClaims = { sub: 'npb-clerk', roles: ['station'], station: 'NPB' };
const OFFICER: TestPartyClaims = { sub: 'customs-officer-1', roles: ['customs-officer'] };
const SCREENER: TestPartyClaims = { sub: 'screener-1', roles: ['screener'] };
const OPS: TestPartyClaims = { sub: 'ops-1', roles: ['ops'] };
const ADMIN: TestPartyClaims = { sub: 'admin-1', roles: ['admin'] };
/** The shipper of the fixtures' lithium batteries (see lithiumIntake). */
const SHIPPER: TestPartyClaims = { sub: 'shipper-1', roles: ['shipper'], party_id: 'SHP-OV-008' };
const OTHER_SHIPPER: TestPartyClaims = { sub: 'shipper-2', roles: ['shipper'], party_id: 'SHP-OV-002' };

/**
 * Every route of every service, called as: no credential, an expired token, a token from another
 * issuer, the wrong role, the right role for another station or carrier, and the right party. The
 * hub trusts a test issuer (as it would trust Keycloak), so the test can mint every kind of token;
 * the services' verification is the real one. A refused call must change nothing in the service's
 * schema. The route list is checked against each service's OpenAPI document, so a new route without
 * a rule here fails the test; so is every query parameter a route reads.
 */
describe('authorization matrix: every route of every service', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let otherIssuer: TestTokenIssuer;
  let running: RunningHub | undefined;
  let hub: HubTestClient;
  let pg: Client;
  const awb = nextAwb();
  const fixtures = { carrierFlight: '', carrier: '', otherCarrier: 'MU', keyToRotate: '', keyToRevoke: '', flightToCancel: '', bookedAwb: nextAwb(), bookedCarrier: '', changedAwb: nextAwb() };

  const bearer = async (claims: TestPartyClaims, from: TestTokenIssuer = issuer, options = {}) => ({ authorization: `Bearer ${await from.token(claims, options)}` });

  beforeAll(async () => {
    db = await createTestDatabase('authz_matrix');
    issuer = await startTestTokenIssuer();
    otherIssuer = await startTestTokenIssuer();
    running = await startHub(db.url, { oidcIssuer: issuer.issuer });
    hub = running.client;
    pg = new Client({ connectionString: db.url });
    await pg.connect();

    const intake = await hub.request('POST', `${hub.urls['station-intake']}/v1/stations/OVS/intakes`, lithiumIntake(awb, new Date()), await bearer(OVS_STATION));
    expect(intake.status).toBe(201);
    // An intake the station corrects and then cancels (its own AWB: the others' shipments stay as they are).
    expect((await hub.request('POST', `${hub.urls['station-intake']}/v1/stations/OVS/intakes`, lithiumIntake(fixtures.changedAwb, new Date()), await bearer(OVS_STATION))).status).toBe(201);
    await waitFor(async () => ((await hub.request('GET', `${hub.urls['customs-hold']}/v1/cases/${awb}`, undefined, await bearer(OFFICER))).status === 200 ? true : undefined), { description: 'the customs case' });
    const tomorrow = hubLocalDate(Date.now() + 86_400_000);
    const flights = (await hub.request('GET', `${hub.urls['flight-assignment']}/v1/flights?airport=WUH&date=${tomorrow}`, undefined, await bearer(OPS))).body['items'] as Array<{ flightId: string; carrier: string }>;
    const flight = flights.find((f) => f.carrier !== 'MU') as { flightId: string; carrier: string };
    fixtures.carrierFlight = flight.flightId;
    fixtures.carrier = flight.carrier;
    const added = await hub.request('POST', `${hub.urls['flight-assignment']}/v1/flights`, newFlight('O36990'), await bearer(OPS));
    expect(added.status).toBe(201);
    fixtures.flightToCancel = String(added.body['flightId']);
    for (const key of ['keyToRotate', 'keyToRevoke'] as const) {
      const created = await hub.request('POST', `${hub.urls['station-intake']}/v1/admin/stations/NPB/api-keys`, { label: key }, await bearer(ADMIN));
      fixtures[key] = String(created.body['keyId']);
    }
    // A shipment booked on a flight, for the airline status routes of the airline that carries it.
    expect((await hub.request('POST', `${hub.urls['station-intake']}/v1/stations/OVS/intakes`, consumerElectronicsIntake(fixtures.bookedAwb, new Date()), await bearer(OVS_STATION))).status).toBe(201);
    const booking = await waitFor(async () => {
      const held = (await hub.request('GET', `${hub.urls['customs-hold']}/v1/cases/${fixtures.bookedAwb}`, undefined, await bearer(OFFICER))).body;
      if (held['state'] === 'HELD') {
        const screening = (held['holds'] as Array<{ code: string }>).some((h) => h.code === 'SCREENING');
        await hub.request('POST', `${hub.urls['customs-hold']}/v1/cases/${fixtures.bookedAwb}/${screening ? 'screening-results' : 'releases'}`, screening ? { result: 'PASS', reason: 'x-ray clear' } : { kind: 'FULL', reason: 'documents checked' }, await bearer(screening ? SCREENER : OFFICER));
      }
      const found = (await hub.request('GET', `${hub.urls['flight-assignment']}/v1/shipments/${fixtures.bookedAwb}`, undefined, await bearer(OPS))).body['booking'] as { flightId: string } | undefined;
      return found;
    }, { timeoutMs: 40_000, description: 'a booking for the airline status fixture' });
    fixtures.bookedCarrier = booking.flightId.slice(0, 2);
  });
  afterAll(async () => {
    await pg?.end();
    await stopHub(running);
    await issuer?.close();
    await otherIssuer?.close();
    await db?.drop();
  });

  function newFlight(flightNumber: string): Json {
    return { flightNumber, origin: 'EHU', destination: 'FRA', departureAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), arrivalAt: new Date(Date.now() + 2.5 * 86_400_000).toISOString(), aircraftKind: 'FREIGHTER', aircraftType: 'B767-300F', capacityKg: 50_000, capacityM3: 400, coldChain: false };
  }
  const airline = (carrier: () => string): TestPartyClaims => ({ sub: 'airline-user', roles: ['airline'], get carriers() { return [carrier()]; } }) as TestPartyClaims;

  const stationRoutes = (method: 'GET' | 'POST', template: string, path: () => string, body?: () => unknown): RouteRule => ({ service: 'station-intake', method, template, path, body, party: OVS_STATION, otherParty: NPB_STATION, wrongRole: OPS });
  const rules = (): RouteRule[] => [
    stationRoutes('POST', '/v1/stations/{station}/intakes', () => '/v1/stations/OVS/intakes', () => lithiumIntake(nextAwb(), new Date())),
    stationRoutes('POST', '/v1/stations/{station}/intakes/batch', () => '/v1/stations/OVS/intakes/batch', () => ({ items: [lithiumIntake(nextAwb(), new Date())] })),
    stationRoutes('POST', '/v1/stations/{station}/intakes/csv', () => '/v1/stations/OVS/intakes/csv', () => 'awb,shipper_id\n'),
    stationRoutes('GET', '/v1/stations/{station}/intakes/{awb}', () => `/v1/stations/OVS/intakes/${awb}`),
    stationRoutes('GET', '/v1/stations/{station}/intakes', () => '/v1/stations/OVS/intakes'),
    stationRoutes('POST', '/v1/stations/{station}/scans', () => '/v1/stations/OVS/scans', () => ({ awb, code: 'FOH', happenedAt: new Date().toISOString(), recordedAt: new Date().toISOString() })),
    stationRoutes('GET', '/v1/stations/{station}/dispatch', () => '/v1/stations/OVS/dispatch?airport=WUH'),
    stationRoutes('POST', '/v1/stations/{station}/intakes/{awb}/corrections', () => `/v1/stations/OVS/intakes/${fixtures.changedAwb}/corrections`, () => ({ pieces: 11, reason: 'one piece was missed' })),
    stationRoutes('POST', '/v1/stations/{station}/intakes/{awb}/cancellation', () => `/v1/stations/OVS/intakes/${fixtures.changedAwb}/cancellation`, () => ({ reason: 'shipper withdrew it' })),
    stationRoutes('GET', '/v1/stations/{station}/intakes/{awb}/changes', () => `/v1/stations/OVS/intakes/${fixtures.changedAwb}/changes`),
    { service: 'station-intake', method: 'POST', template: '/v1/admin/stations/{station}/api-keys', path: () => '/v1/admin/stations/OVS/api-keys', body: () => ({ label: 'matrix' }), party: ADMIN, wrongRole: OVS_STATION },
    { service: 'station-intake', method: 'GET', template: '/v1/admin/stations/{station}/api-keys', path: () => '/v1/admin/stations/OVS/api-keys', party: ADMIN, wrongRole: OVS_STATION },
    { service: 'station-intake', method: 'GET', template: '/v1/admin/stations/{station}/api-keys/audit', path: () => '/v1/admin/stations/OVS/api-keys/audit', party: ADMIN, wrongRole: OPS },
    { service: 'station-intake', method: 'POST', template: '/v1/admin/stations/{station}/api-keys/{keyId}/rotate', path: () => `/v1/admin/stations/NPB/api-keys/${fixtures.keyToRotate}/rotate`, party: ADMIN, wrongRole: NPB_STATION },
    { service: 'station-intake', method: 'POST', template: '/v1/admin/stations/{station}/api-keys/{keyId}/revoke', path: () => `/v1/admin/stations/NPB/api-keys/${fixtures.keyToRevoke}/revoke`, party: ADMIN, wrongRole: NPB_STATION },
    { service: 'customs-hold', method: 'GET', template: '/v1/holds', path: () => '/v1/holds', party: OFFICER, wrongRole: OVS_STATION },
    { service: 'customs-hold', method: 'GET', template: '/v1/cases/{awb}', path: () => `/v1/cases/${awb}`, party: SCREENER, wrongRole: SHIPPER },
    { service: 'customs-hold', method: 'POST', template: '/v1/cases/{awb}/releases', path: () => `/v1/cases/${awb}/releases`, body: () => ({ kind: 'FULL', reason: 'documents checked' }), party: OFFICER, wrongRole: SCREENER },
    { service: 'customs-hold', method: 'POST', template: '/v1/cases/{awb}/holds', path: () => `/v1/cases/${awb}/holds`, body: () => ({ reason: 'risk tip' }), party: { sub: 'customs-system-1', roles: ['customs-system'] }, wrongRole: SCREENER },
    { service: 'customs-hold', method: 'POST', template: '/v1/cases/{awb}/screening-results', path: () => `/v1/cases/${awb}/screening-results`, body: () => ({ result: 'PASS', reason: 'x-ray clear' }), party: SCREENER, wrongRole: OFFICER },
    { service: 'customs-hold', method: 'POST', template: '/v1/cases/{awb}/lab-results', path: () => `/v1/cases/${awb}/lab-results`, body: () => ({ result: 'PASS', reason: 'lab clear' }), party: OFFICER, wrongRole: OPS },
    { service: 'flight-assignment', method: 'GET', template: '/v1/flights', path: () => `/v1/flights?airport=WUH&date=${hubLocalDate(Date.now() + 86_400_000)}`, party: OPS, wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'GET', template: '/v1/flights/{flightId}', path: () => `/v1/flights/${fixtures.carrierFlight}`, party: airline(() => fixtures.carrier), otherParty: airline(() => fixtures.otherCarrier), wrongRole: SHIPPER },
    { service: 'flight-assignment', method: 'GET', template: '/v1/flights/{flightId}/manifest', path: () => `/v1/flights/${fixtures.carrierFlight}/manifest?format=ffm`, party: airline(() => fixtures.carrier), otherParty: airline(() => fixtures.otherCarrier), wrongRole: OFFICER },
    { service: 'flight-assignment', method: 'POST', template: '/v1/flights', path: () => '/v1/flights', body: () => newFlight('O36991'), party: OPS, wrongRole: airline(() => fixtures.carrier) },
    { service: 'flight-assignment', method: 'POST', template: '/v1/flights/{flightId}/delay', path: () => `/v1/flights/${fixtures.carrierFlight}/delay`, body: () => ({ minutes: 15, reason: 'late inbound' }), party: OPS, wrongRole: airline(() => fixtures.carrier) },
    { service: 'flight-assignment', method: 'POST', template: '/v1/flights/{flightId}/cancel', path: () => `/v1/flights/${fixtures.flightToCancel}/cancel`, body: () => ({ reason: 'aircraft on ground' }), party: OPS, wrongRole: ADMIN },
    { service: 'flight-assignment', method: 'GET', template: '/v1/flights/{flightId}/audit', path: () => `/v1/flights/${fixtures.flightToCancel}/audit`, party: OPS, wrongRole: airline(() => fixtures.carrier) },
    // The airline status API: the operating airline only (its manifest is still open, so the right party gets 409: allowed, nothing written).
    { service: 'flight-assignment', method: 'POST', template: '/v1/flights/{flightId}/status', path: () => `/v1/flights/${fixtures.carrierFlight}/status`, body: () => ({ code: 'DEP', happenedAt: new Date().toISOString() }), party: airline(() => fixtures.carrier), otherParty: airline(() => fixtures.otherCarrier), wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'GET', template: '/v1/flights/{flightId}/status', path: () => `/v1/flights/${fixtures.carrierFlight}/status`, party: airline(() => fixtures.carrier), otherParty: airline(() => fixtures.otherCarrier), wrongRole: SHIPPER },
    { service: 'flight-assignment', method: 'POST', template: '/v1/shipments/{awb}/status', path: () => `/v1/shipments/${fixtures.bookedAwb}/status`, body: () => ({ code: 'NFD', place: 'PVG', happenedAt: new Date().toISOString() }), party: airline(() => fixtures.bookedCarrier), otherParty: airline(() => 'XX'), wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'POST', template: '/v1/status/fsu', path: () => '/v1/status/fsu', body: () => `FSU/15\r\n${fixtures.bookedAwb}WUHPVG/T1\r\nNFD/01JAN0000/PVG/T1\r\n`, contentType: 'text/plain', party: airline(() => fixtures.bookedCarrier), otherParty: airline(() => 'XX'), wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'GET', template: '/v1/shipments/{awb}/status', path: () => `/v1/shipments/${fixtures.bookedAwb}/status`, party: airline(() => fixtures.bookedCarrier), otherParty: airline(() => 'XX'), wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'GET', template: '/v1/shipments/{awb}', path: () => `/v1/shipments/${awb}`, party: OVS_STATION, otherParty: NPB_STATION, wrongRole: SHIPPER },
    { service: 'flight-assignment', method: 'GET', template: '/v1/ops/clock', path: () => '/v1/ops/clock', party: OPS, wrongRole: airline(() => fixtures.carrier) },
    { service: 'flight-assignment', method: 'POST', template: '/v1/ops/clock/advance', path: () => '/v1/ops/clock/advance', body: () => ({ minutes: 1 }), party: OPS, wrongRole: OFFICER },
    { service: 'flight-assignment', method: 'GET', template: '/v1/exceptions', path: () => '/v1/exceptions', party: OPS, wrongRole: OVS_STATION },
    { service: 'flight-assignment', method: 'POST', template: '/v1/exceptions/{awb}/resolve', path: () => `/v1/exceptions/${awb}/resolve`, body: () => ({ action: 'REPLAN', note: 'freighter arranged' }), party: OPS, wrongRole: OVS_STATION },
    { service: 'tracking', method: 'GET', template: '/v1/shipments', path: () => '/v1/shipments', party: OPS, wrongRole: SHIPPER },
    { service: 'tracking', method: 'GET', template: '/v1/board/departures', path: () => '/v1/board/departures', party: OPS, wrongRole: OVS_STATION },
    { service: 'tracking', method: 'GET', template: '/v1/holds/open', path: () => '/v1/holds/open', party: OPS, wrongRole: OFFICER },
    { service: 'tracking', method: 'GET', template: '/v1/kpis', path: () => '/v1/kpis', party: OPS, wrongRole: airline(() => fixtures.carrier) },
    { service: 'tracking', method: 'GET', template: '/v1/control/flights', path: () => '/v1/control/flights', party: OPS, wrongRole: OVS_STATION },
    { service: 'tracking', method: 'GET', template: '/v1/control/flights/{flightId}', path: () => `/v1/control/flights/${fixtures.carrierFlight}`, party: OPS, wrongRole: airline(() => fixtures.carrier) },
    { service: 'tracking', method: 'GET', template: '/v1/control/search', path: () => '/v1/control/search?q=OVS', party: OPS, wrongRole: SHIPPER },
    { service: 'tracking', method: 'GET', template: '/v1/control/exceptions', path: () => '/v1/control/exceptions', party: OPS, wrongRole: OFFICER },
    { service: 'tracking', method: 'GET', template: '/v1/control/network', path: () => '/v1/control/network', party: OPS, wrongRole: OVS_STATION },
    { service: 'tracking', method: 'GET', template: '/v1/kpis/daily', path: () => '/v1/kpis/daily', party: OPS, wrongRole: SHIPPER },
    { service: 'tracking', method: 'GET', template: '/v1/shipments/{awb}/fsu', path: () => `/v1/shipments/${awb}/fsu`, party: SHIPPER, otherParty: OTHER_SHIPPER, wrongRole: OFFICER },
  ];
  /**
   * Routes checked by the dedicated tests below: open to everyone by design (a shipment's public
   * status and its stream, health, clock, metrics) or a server-sent stream for `ops`.
   */
  const CHECKED_APART = new Set(['GET /v1/shipments/{awb}', 'GET /v1/shipments/{awb}/stream', 'GET /v1/board/stream', 'GET /v1/control/exceptions/stream', 'GET /health/live', 'GET /health/ready', 'GET /v1/clock', 'GET /metrics']);

  async function call(rule: RouteRule, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const body = rule.body?.();
    const contentType = typeof body === 'string' ? (rule.contentType ?? 'text/csv') : 'application/json';
    const response = await fetch(`${hub.urls[rule.service]}${rule.path()}`, {
      method: rule.method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  /** A refused call: the status, the one error shape, and nothing written. */
  async function refused(rule: RouteRule, headers: Record<string, string>, status: 401 | 403, as: string): Promise<void> {
    const before = await schemaFingerprint(pg, SCHEMA_OF[rule.service]);
    const answer = await call(rule, headers);
    expect({ route: `${rule.method} ${rule.template}`, as, status: answer.status }).toEqual({ route: `${rule.method} ${rule.template}`, as, status });
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: expect.stringMatching(status === 401 ? /\.UNAUTHENTICATED$/ : /\.(FORBIDDEN|FORBIDDEN_ROLE)$/) } });
    expect(await schemaFingerprint(pg, SCHEMA_OF[rule.service])).toBe(before);
  }

  it('covers every route each service documents', async () => {
    const documented: string[] = [];
    for (const service of Object.keys(SCHEMA_OF) as Service[]) {
      const openapi = (await (await fetch(`${hub.urls[service]}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>>; components?: { securitySchemes?: Record<string, unknown> } };
      expect(Object.keys(openapi.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer']));
      for (const [path, operations] of Object.entries(openapi.paths)) for (const method of Object.keys(operations)) documented.push(`${method.toUpperCase()} ${path}`);
    }
    const covered = new Set([...rules().map((r) => `${r.method} ${r.template}`), ...CHECKED_APART]);
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });

  it('documents every query parameter a route reads (@Query names and the validated properties of query DTOs)', async () => {
    const missing: string[] = [];
    for (const service of Object.keys(SCHEMA_OF) as Service[]) {
      const openapi = (await (await fetch(`${hub.urls[service]}/docs-json`)).json()) as OpenApiQueryView;
      missing.push(...undocumentedQueryParameters(service, openapi));
    }
    expect(missing).toEqual([]);
  });

  it('refuses no credential, expired tokens, tokens of another issuer, the wrong role and other parties, and writes nothing', async () => {
    // Only the fixtures' work can still be in flight (held lithium batteries: customs only); after
    // this, nothing but the refused calls touches the schemas until the next test.
    for (const service of Object.keys(SCHEMA_OF) as Service[]) await schemaSettled(pg, SCHEMA_OF[service]);
    for (const rule of rules()) {
      const party = rule.party as TestPartyClaims;
      await refused(rule, {}, 401, 'no credential');
      await refused(rule, await bearer(party, issuer, { issuedSecondsAgo: 7_200, expiresInSeconds: 600 }), 401, 'expired token');
      await refused(rule, await bearer(party, otherIssuer), 401, 'another issuer');
      await refused(rule, await bearer(party, issuer, { audience: 'urn:another-api' }), 401, 'another audience');
      await refused(rule, { authorization: `Bearer ${(await issuer.token(party)).slice(0, -4)}AAAA` }, 401, 'tampered signature');
      await refused(rule, await bearer(rule.wrongRole), 403, `wrong role ${rule.wrongRole.roles.join()}`);
      if (rule.otherParty) await refused(rule, await bearer(rule.otherParty), 403, 'another station or carrier');
    }
  });

  it('lets the right party through on every route', async () => {
    for (const rule of rules()) {
      const answer = await call(rule, await bearer(rule.party as TestPartyClaims));
      expect({ route: `${rule.method} ${rule.template}`, status: answer.status, allowed: ![401, 403].includes(answer.status) }).toMatchObject({ route: `${rule.method} ${rule.template}`, allowed: true });
    }
  });

  it('takes identity only from verified credentials: headers a caller writes are nothing', async () => {
    const forged = await call(rules().find((r) => r.template === '/v1/cases/{awb}/releases') as RouteRule, { 'x-officer-id': 'nobody', 'x-officer-role': 'CUSTOMS_OFFICER' });
    expect(forged.status).toBe(401);
    const audit = (await hub.request('GET', `${hub.urls['customs-hold']}/v1/cases/${awb}`, undefined, await bearer(OFFICER))).body['audit'] as Array<{ actor: { id: string } }>;
    expect(audit.map((a) => a.actor.id)).not.toContain('nobody');
    expect(audit.map((a) => a.actor.id)).toContain('customs-officer-1');
  });

  it('records who changed a flight: the subject of the verified token', async () => {
    const audit = (await hub.request('GET', `${hub.urls['flight-assignment']}/v1/flights/${fixtures.flightToCancel}/audit`, undefined, await bearer(OPS))).body['items'] as Array<{ action: string; actor: string }>;
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['ADDED', 'ops-1'],
      ['CANCELLED', 'ops-1'],
    ]);
  });

  it('shows the public status to anyone with the AWB, the full view to its shipper and station only', async () => {
    const view = async (headers: Record<string, string>) => JSON.parse((await call({ service: 'tracking', method: 'GET', template: '', path: () => `/v1/shipments/${awb}`, wrongRole: OPS }, headers)).text) as Json;
    await waitFor(async () => ((await view({}))['status'] ? true : undefined), { description: 'tracking to know the AWB' });
    expect(await view({})).toMatchObject({ restricted: true });
    expect(await view(await bearer(OTHER_SHIPPER))).toMatchObject({ restricted: true });
    expect(await view(await bearer(NPB_STATION))).toMatchObject({ restricted: true });
    expect(await view(await bearer(SHIPPER))).toHaveProperty('shipperName');
    expect(await view(await bearer(OVS_STATION))).toHaveProperty('shipperName');
    const stream = await fetch(`${hub.urls['tracking']}/v1/board/stream`);
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
    const asShipper = await fetch(`${hub.urls['tracking']}/v1/board/stream`, { headers: await bearer(SHIPPER) });
    expect(asShipper.status).toBe(403);
    await asShipper.body?.cancel();
    for (const headers of [{}, await bearer(SHIPPER)]) {
      const exceptions = await fetch(`${hub.urls['tracking']}/v1/control/exceptions/stream`, { headers });
      expect(exceptions.status).toBe('authorization' in headers ? 403 : 401);
      await exceptions.body?.cancel();
    }
  });

  it('answers with security headers and no X-Powered-By', async () => {
    for (const service of Object.keys(SCHEMA_OF) as Service[]) {
      const response = await fetch(`${hub.urls[service]}/health/live`);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });
});
