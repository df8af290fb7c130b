import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTcpProxy, startTestBroker, type TcpProxy, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { StationIntakeConfig } from './config/station-intake.config';
import { StationIntakeService } from './station-intake.service-definition';

const ADMIN_KEY = 'outage-admin-key-0123456789abcdef';

/**
 * PostgreSQL goes away under a running station-intake (a TCP proxy between them is cut): intakes,
 * batches and scans answer 503 with Retry-After in the one error shape, never 500, and the service
 * serves again once the database is back.
 */
describe('station-intake while PostgreSQL is down', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let service: RunningService<StationIntakeConfig>;
  let key: string;

  const post = async (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': key }) => {
    const response = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: { code: string; correlationId: string; fields: unknown[] } } };
  };
  const intake = (awb: string) => ({
    awb,
    shipper: { id: 'SHP-OV-001', name: 'Wuhan Optics Valley Photonics Co.' },
    pieces: 2,
    grossWeightKg: 40,
    volumeM3: 0.2,
    commodity: { description: 'Optical transceiver modules', category: 'CONSUMER_ELECTRONICS', hsCode: '85176299' },
    destinationAirport: 'PVG',
    serviceLevel: 'D1',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
  });

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('intake_outage');
    const url = new URL(db.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port));
    url.host = `127.0.0.1:${proxy.port}`;
    service = await startService(StationIntakeService, {
      HTTP_PORT: '0',
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: broker.bootstrap,
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'error',
    });
    const created = await post('/v1/admin/stations/OVS/api-keys', { label: 'outage test' }, { 'x-api-key': ADMIN_KEY });
    key = (created.body as unknown as { apiKey: string }).apiKey;
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await service?.stop();
    await proxy?.close();
    await db?.drop();
    await broker?.dispose();
  });

  it('answers 503 with Retry-After while the database is gone, and serves again when it is back', async () => {
    await proxy.cut();
    for (const [path, body] of [
      ['/v1/stations/OVS/intakes', intake('784-10000012')],
      ['/v1/stations/OVS/intakes/batch', { items: [intake('784-10000023'), intake('784-10000034')] }],
      ['/v1/stations/OVS/scans', { awb: '784-10000012', code: 'FOH', happenedAt: new Date().toISOString(), recordedAt: new Date().toISOString() }],
    ] as const) {
      const answer = await post(path, body);
      expect({ path, status: answer.status, retryAfter: answer.retryAfter }).toEqual({ path, status: 503, retryAfter: '5' });
      expect(answer.body.error).toEqual(expect.objectContaining({ code: 'INTAKE.UNAVAILABLE', correlationId: expect.any(String), fields: [] }));
    }

    await proxy.restore();
    const recovered = await post('/v1/stations/OVS/intakes', intake('784-10000012'));
    expect(recovered.status).toBe(201);
  });
});
