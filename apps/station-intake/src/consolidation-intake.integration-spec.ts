import { CargoReceivedEvent, Topics, validateEvent, type CargoReceivedPayload } from '@cargo/contracts';
import { CloudEventCodec, headerText, KafkaConsumerStarter } from '@cargo/messaging';
import { startService, type RunningService } from '@cargo/service-runtime';
import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase, startTestTokenIssuer, type TestTokenIssuer } from '@cargo/testing';
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import { StationIntakeConfig } from './config/station-intake.config';
import { StationIntakeService } from './station-intake.service-definition';

/**
 * Consignees and house waybills through the station API (one intake, a batch, a CSV day list), as
 * cargo.intake.v1 carries them, and the refusals of what does not add up. Real PostgreSQL and the
 * embedded broker.
 */
const ADMIN_KEY = 'test-admin-key-consolidation-0123456789';
const HOUR = 60 * 60 * 1000;

describe('consignees and house waybills at intake (real broker, real PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let service: RunningService<StationIntakeConfig>;
  let reader: Consumer;
  let key: string;
  const records: EachMessagePayload[] = [];
  let serial = 2_000_000 + Math.floor(Math.random() * 5_000_000);
  const newAwb = () => {
    serial += 1;
    return `784-${serial}${serial % 7}`;
  };
  const receivedAt = new Date(Date.now() - 2 * HOUR).toISOString();

  const consignee = { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE', customsId: 'DE123456789012345' };
  const houseWaybills = [
    { number: 'HWB0001', pieces: 7, grossWeightKg: 21, description: 'Phone cases', hsCode: '392690', consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', postalCode: '55116', country: 'DE', phone: '+49 6131 123456' } },
    { number: 'HWB0002', pieces: 5, grossWeightKg: 15, description: 'Earphones', shipper: { name: 'Wuhan Xingchen E-commerce Co.', street: '77 Guanshan Ave', city: 'Wuhan', country: 'CN' }, consignee: { name: 'Jan de Vries', street: 'Dorpsstraat 1', city: 'Utrecht', country: 'NL' } },
  ];
  const consolidation = (awb: string, overrides: Record<string, unknown> = {}) => ({
    awb,
    shipper: { id: 'SHP-OV-001', name: 'Wuhan Xingchen E-commerce Co.' },
    pieces: 12,
    grossWeightKg: 36,
    volumeM3: 0.4,
    commodity: { description: 'Cross-border e-commerce parcels', category: 'ECOMMERCE_PARCELS', hsCode: '392690' },
    ecommerce: true,
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    receivedAt,
    consignee,
    houseWaybills,
    ...overrides,
  });

  async function http(method: string, path: string, options: { body?: unknown; raw?: string; contentType?: string } = {}) {
    const headers: Record<string, string> = { 'x-api-key': key };
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${service.url}${path}`, { method, headers, body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** The cargo.intake.v1 event of `awb`, decoded and validated as any consumer does. */
  async function publishedIntake(awb: string): Promise<CargoReceivedPayload> {
    const record = await waitFor(() => records.find((r) => r.topic === Topics.CargoIntake && r.message.key?.toString() === awb), { timeoutMs: 30_000, description: `cargo.intake.v1 for ${awb}` });
    expect(headerText(record.message.headers?.['ce_type'])).toBe(CargoReceivedEvent.type);
    expect(headerText(record.message.headers?.['ce_schemaversion'])).toBe('2');
    const { envelope } = new CloudEventCodec().decode({ key: record.message.key, value: record.message.value, headers: record.message.headers });
    const checked = await validateEvent(envelope);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.value.envelope.data as CargoReceivedPayload;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    db = await createTestDatabase('station_intake_consolidation');
    issuer = await startTestTokenIssuer();
    service = await startService(StationIntakeService, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      ADMIN_API_KEY: ADMIN_KEY,
      OIDC_ISSUER: issuer.issuer,
      LOG_LEVEL: 'error',
    });
    const starter = service.app.get(KafkaConsumerStarter);
    await waitFor(() => starter.isConsuming, { timeoutMs: 30_000, description: 'the service to provision topics and consume' });
    const kafka = new Kafka({ clientId: 'consolidation-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    reader = kafka.consumer({ groupId: `consolidation-test-${Date.now()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.CargoIntake], fromBeginning: true });
    await reader.run({ eachMessage: async (payload) => void records.push(payload) });
    const created = await fetch(`${service.url}/v1/admin/stations/OVS/api-keys`, { method: 'POST', headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, body: '{}' });
    key = ((await created.json()) as { apiKey: string }).apiKey;
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await service?.stop();
    await db?.drop();
    await broker?.dispose();
    await issuer?.close();
  });

  it('one intake: the consignee and every house waybill with its consignee go out on cargo.intake.v1 and stay on record', async () => {
    const awb = newAwb();
    const created = await http('POST', '/v1/stations/OVS/intakes', { body: consolidation(awb) });
    expect(created.status).toBe(201);
    const event = await publishedIntake(awb);
    expect(event.consignee).toEqual(consignee);
    expect(event.houseWaybills).toEqual(houseWaybills);
    expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`)).body['intake']).toMatchObject({ consignee, houseWaybills });
    // The same content again is a replay; other house waybills for the AWB are a conflict naming them.
    expect((await http('POST', '/v1/stations/OVS/intakes', { body: consolidation(awb) })).status).toBe(200);
    const changed = await http('POST', '/v1/stations/OVS/intakes', { body: consolidation(awb, { houseWaybills: [{ ...houseWaybills[0], number: 'HWB0009' }, houseWaybills[1]] }) });
    expect(changed.status).toBe(409);
    expect(changed.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['houseWaybills.0.number']);
  });

  it('an intake without them is still a valid version-2 event (both fields are optional)', async () => {
    const awb = newAwb();
    const { consignee: _c, houseWaybills: _h, ...plain } = consolidation(awb, { commodity: { description: 'Optical modules', category: 'OPTOELECTRONICS' }, ecommerce: false });
    expect((await http('POST', '/v1/stations/OVS/intakes', { body: plain })).status).toBe(201);
    const event = await publishedIntake(awb);
    expect(event.consignee).toBeUndefined();
    expect(event.houseWaybills).toBeUndefined();
  });

  it('a batch: each item validated on its own, the bad consolidations refused with the field, the good one recorded', async () => {
    const [good, noConsignee, short, heavy] = [newAwb(), newAwb(), newAwb(), newAwb()];
    const result = await http('POST', '/v1/stations/OVS/intakes/batch', {
      body: {
        items: [
          consolidation(good),
          consolidation(noConsignee, { consignee: undefined }),
          consolidation(short, { pieces: 13 }),
          consolidation(heavy, { houseWaybills: [{ ...houseWaybills[0], grossWeightKg: 40 }, houseWaybills[1]] }),
        ],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body['results'].map((r: { status: string }) => r.status)).toEqual(['CREATED', 'REJECTED', 'REJECTED', 'REJECTED']);
    const fields = (i: number) => result.body['results'][i].error.fields as Array<{ field: string; message: string }>;
    expect(fields(1)).toEqual([{ field: 'houseWaybills', message: expect.stringContaining('a consolidation names its consignee') }]);
    expect(fields(2)).toEqual([{ field: 'houseWaybills', message: expect.stringContaining('pieces add up to 12, the shipment has 13') }]);
    expect(fields(3)).toEqual([{ field: 'houseWaybills', message: expect.stringContaining('weigh 55 kg in all, the shipment 36 kg') }]);
    expect((await publishedIntake(good)).houseWaybills?.map((h) => h.number)).toEqual(['HWB0001', 'HWB0002']);
    for (const awb of [noConsignee, short, heavy]) expect((await http('GET', `/v1/stations/OVS/intakes/${awb}`)).status).toBe(404);
  });

  it('a CSV day list: consignee_* and hwb<N>_* columns, per-line errors naming the CSV column', async () => {
    const header = [
      'awb,shipper_id,shipper_name,pieces,gross_weight_kg,volume_m3,commodity_description,commodity_category,hs_code,ecommerce,destination_airport,service_level,received_at',
      'consignee_name,consignee_street,consignee_city,consignee_postal_code,consignee_country',
      'hwb1_number,hwb1_pieces,hwb1_gross_weight_kg,hwb1_description,hwb1_consignee_name,hwb1_consignee_street,hwb1_consignee_city,hwb1_consignee_country',
      'hwb2_number,hwb2_pieces,hwb2_gross_weight_kg,hwb2_description,hwb2_consignee_name,hwb2_consignee_street,hwb2_consignee_city,hwb2_consignee_country',
    ].join(',');
    const line = (awb: string, hwb2Country: string) =>
      `${awb},SHP-OV-001,Wuhan Xingchen E-commerce Co.,12,36,0.4,E-commerce parcels,ECOMMERCE_PARCELS,392690,yes,FRA,D3,${receivedAt},Rhein-Main Logistik GmbH,Cargo City Sued 555,Frankfurt,60549,DE,HWB0001,7,21,Phone cases,Anna Schmidt,Hauptstr. 5,Mainz,DE,HWB0002,5,15,Earphones,Jan de Vries,Dorpsstraat 1,Utrecht,${hwb2Country}`;
    const [good, bad] = [newAwb(), newAwb()];
    const result = await http('POST', '/v1/stations/OVS/intakes/csv', { raw: `${header}\n${line(good, 'NL')}\n${line(bad, 'Netherlands')}\n`, contentType: 'text/csv' });
    expect(result.status).toBe(200);
    expect(result.body['results'].map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [2, 'CREATED'],
      [3, 'REJECTED'],
    ]);
    expect(result.body['results'][1].error.fields).toEqual([{ field: 'hwb2_consignee_country', message: expect.stringContaining('ISO 3166-1 alpha-2') }]);
    const event = await publishedIntake(good);
    expect(event.consignee).toMatchObject({ name: 'Rhein-Main Logistik GmbH', country: 'DE' });
    expect(event.houseWaybills?.map((h) => [h.number, h.pieces, h.consignee.country])).toEqual([
      ['HWB0001', 7, 'DE'],
      ['HWB0002', 5, 'NL'],
    ]);
  });
});
