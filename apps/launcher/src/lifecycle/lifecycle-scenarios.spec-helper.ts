import { Awb } from '@cargo/contracts';
import { findStation } from '@cargo/seeds';
import { waitFor } from '@cargo/testing';
import { HubTestClient, Json } from './hub-client.spec-helper';

let serial = 4_100_000 + Math.floor(Math.random() * 1_000_000);

/** A fresh, valid AWB (China Southern prefix) for each shipment of a test run. */
export function nextAwb(): string {
  serial += 1;
  return Awb.of('784', String(serial).padStart(7, '0')).toString();
}

/** A D1 consumer-electronics shipment from a grade-A Optics Valley shipper to Shanghai. */
export function consumerElectronicsIntake(awb: string, receivedAt: Date): Json {
  return {
    awb,
    shipper: { id: 'SHP-OV-007', name: 'Wuhan Guanggu Display Technology Co., Ltd.' },
    pieces: 6,
    grossWeightKg: 120,
    volumeM3: 0.6,
    commodity: { description: 'Display panels', category: 'CONSUMER_ELECTRONICS', hsCode: '85249100', declaredValue: { amount: 24000, currency: 'USD' } },
    specialHandlingCodes: [],
    dangerousGoods: [],
    ecommerce: false,
    destinationAirport: 'PVG',
    serviceLevel: 'D1',
    receivedAt: receivedAt.toISOString(),
  };
}

/** Stand-alone lithium ion batteries (UN3480/PI965, cargo aircraft only) from a shipper whose qualification expired. */
export function lithiumIntake(awb: string, receivedAt: Date): Json {
  return {
    awb,
    shipper: { id: 'SHP-OV-008', name: 'Wuhan Xinyuan Energy Storage Battery Co., Ltd.' },
    pieces: 10,
    grossWeightKg: 260,
    volumeM3: 0.7,
    commodity: { description: 'Lithium ion battery packs', category: 'LITHIUM_BATTERIES', hsCode: '85076000', declaredValue: { amount: 18000, currency: 'USD' } },
    specialHandlingCodes: ['RLI', 'CAO'],
    dangerousGoods: [
      { unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', properShippingName: 'Lithium ion batteries', netQuantityKg: 200, cargoAircraftOnly: true },
    ],
    ecommerce: false,
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    receivedAt: receivedAt.toISOString(),
  };
}

/** Resolves whatever the control rules held (a screener passes screening; an officer releases the rest). */
export async function clearCustoms(hub: HubTestClient, awb: string): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const held = await waitFor(async () => {
      const found = await hub.customsCase(awb);
      return found ? found : undefined;
    }, { description: `customs case for ${awb}` });
    if (held['state'] !== 'HELD') return;
    const codes = (held['holds'] as { code: string }[]).map((h) => h.code);
    const response = codes.includes('SCREENING')
      ? await hub.customsAct(awb, 'screening-results', 'SECURITY_SCREENER', { result: 'PASS', reason: 'X-ray and ETD clear' })
      : await hub.customsAct(awb, 'releases', 'CUSTOMS_OFFICER', { kind: 'FULL', reason: 'Qualification renewed and documents checked' });
    expect(response.status).toBeLessThan(300);
  }
}

/** Waits until tracking shows a booking (status BKD) and returns it. */
export async function bookedView(hub: HubTestClient, awb: string, notFlight?: string): Promise<Json & { booking: Json }> {
  return waitFor(
    async () => {
      const view = await hub.tracking(awb);
      const booking = view?.['booking'] as Json | null | undefined;
      return view && view['status'] === 'BKD' && booking && booking['flightId'] !== notFlight ? (view as Json & { booking: Json }) : undefined;
    },
    { timeoutMs: 40_000, description: `a booking for ${awb}${notFlight ? ` other than ${notFlight}` : ''}` },
  );
}

/**
 * Scenario 1 (dddsample's CargoLifecycleScenarioTest, at the hub): a shipment from Optics Valley is
 * received, cleared, booked on a WUH or EHU flight, appears on the station's truck dispatch list,
 * is manifested at cut-off, departs, arrives, is received from the flight, its consignee notified
 * and it is delivered — the airline reporting everything after the manifest through the airline
 * status API with its own credentials — and tracking says so at every step.
 */
export async function opticsValleyToDelivery(hub: HubTestClient): Promise<void> {
  const awb = nextAwb();
  // Station-side times are the station's (real) time; flight-assignment's manual clock only moves forward from it.
  const created = await hub.intake('OVS', consumerElectronicsIntake(awb, new Date()));
  expect(created.status).toBe(201);

  // Received: tracking has the shipment, with the station's RCS on its timeline.
  const received = await waitFor(() => hub.tracking(awb), { description: `tracking to know ${awb}` });
  expect(received['stationCode']).toBe('OVS');
  expect((received['timeline'] as Json[]).map((entry) => entry['code'])).toContain('RCS');

  // Cleared by customs (grade-A shipper: released by the rules, or after screening if drawn).
  await clearCustoms(hub, awb);
  await waitFor(async () => (await hub.tracking(awb))?.['cleared'] === true, { description: `${awb} cleared in tracking` });

  // Booked on a flight from Tianhe or Huahu that keeps the D1 promise.
  const booked = await bookedView(hub, awb);
  const booking = booked.booking;
  expect(['WUH', 'EHU']).toContain(booking['origin']);
  expect(booked['airport']).toBe(booking['origin']);
  expect(Date.parse(String(booking['arrivalAt']))).toBeLessThanOrEqual(Date.parse(String(booked['promisedBy'])));

  // On the station's truck dispatch list: the truck leaves by cut-off minus the station's truck time.
  const truckMinutes = findStation('OVS')?.truckMinutes[booking['origin'] as 'WUH' | 'EHU'] ?? NaN;
  const truck = await waitFor(async () => {
    const list = await hub.dispatch('OVS', String(booking['origin']));
    return (list['trucks'] as Json[]).find((t) =>
      (t['flights'] as Json[]).some((f) => (f['shipments'] as Json[]).some((s) => s['awb'] === awb)),
    );
  }, { description: `${awb} on the OVS dispatch list` });
  expect(Date.parse(String(truck['departBy']))).toBe(Date.parse(String(booking['cutoffAt'])) - truckMinutes * 60_000);

  // The station loads the truck and sends it off before its latest departure; the truck reaches the airport.
  const key = { 'x-api-key': await hub.stationKey('OVS') };
  for (const scan of [{ code: 'LOT' }, { code: 'TDP' }, { code: 'TAR', airport: booking['origin'] }]) {
    const posted = await hub.request(
      'POST',
      `${hub.urls['station-intake']}/v1/stations/OVS/scans`,
      { awb, ...scan, truckId: '鄂A·D1234', happenedAt: new Date().toISOString() },
      key,
    );
    expect(posted.status).toBe(201);
  }
  const atAirport = await waitFor(async () => {
    const view = await hub.tracking(awb);
    return (view?.['timeline'] as Json[] | undefined)?.find((entry) => entry['code'] === 'TAR');
  }, { description: `the truck's arrival at ${String(booking['origin'])} in tracking` });
  expect(atAirport['place']).toBe(booking['origin']);

  // Manifest at cut-off.
  const clock = await hub.clock();
  await hub.advanceClock(Math.ceil((Date.parse(String(booking['cutoffAt'])) - clock.getTime()) / 60_000) + 1);
  const manifest = await waitFor(async () => {
    const { status, body } = await hub.request('GET', `${hub.urls['flight-assignment']}/v1/flights/${String(booking['flightId'])}/manifest`);
    return status === 200 && (body['shipments'] as Json[] | undefined)?.some((s) => s['awb'] === awb) ? body : undefined;
  }, { description: `the manifest of ${String(booking['flightId'])}` });
  expect((manifest['totals'] as Json)['pieces']).toBeGreaterThanOrEqual(6);
  await hub.trackingStatus(awb, ['MAN']);

  // Departure, as the operating airline reports it (the hub no longer reports it for the airline).
  const airline = await hub.as('sim-airline');
  const flightStatus = `${hub.urls['flight-assignment']}/v1/flights/${String(booking['flightId'])}/status`;
  const departedAt = Date.parse(String(booking['departureAt'])) + 4 * 60_000;
  await hub.advanceClock(Math.ceil((departedAt - (await hub.clock()).getTime()) / 60_000) + 1);
  expect((await hub.request('POST', flightStatus, { code: 'DEP', happenedAt: new Date(departedAt).toISOString() }, airline)).status).toBe(201);
  const departed = await hub.trackingStatus(awb, ['DEP']);
  expect(departed['departedFlightNumber']).toBe(booking['flightNumber']);
  expect(departed['flags']).toEqual([]);

  // Arrival at the destination, all six pieces received from the flight, consignee notified, delivered.
  const arrivedAt = Date.parse(String(booking['arrivalAt'])) + 6 * 60_000;
  await hub.advanceClock(Math.ceil((arrivedAt + 3 * 3_600_000 - (await hub.clock()).getTime()) / 60_000));
  expect((await hub.request('POST', flightStatus, { code: 'ARR', happenedAt: new Date(arrivedAt).toISOString() }, airline)).status).toBe(201);
  await hub.trackingStatus(awb, ['ARR']);
  const shipmentStatus = `${hub.urls['flight-assignment']}/v1/shipments/${awb}/status`;
  const destination = String(booked['destination']);
  const reports: Array<[string, number, Json]> = [
    ['RCF', 35, { pieces: 6, flightNumber: booking['flightNumber'] }],
    ['NFD', 70, {}],
    ['DLV', 150, { pieces: 6 }],
  ];
  for (const [code, minutes, extra] of reports) {
    const posted = await hub.request('POST', shipmentStatus, { code, place: destination, happenedAt: new Date(arrivedAt + minutes * 60_000).toISOString(), ...extra }, airline);
    expect({ code, status: posted.status }).toEqual({ code, status: 201 });
  }
  const delivered = await hub.trackingStatus(awb, ['DLV']);
  expect(Date.parse(String(delivered['arrivedAt']))).toBe(arrivedAt);
  expect(Date.parse(String(delivered['deliveredAt']))).toBe(arrivedAt + 150 * 60_000);
  expect(delivered).toMatchObject({ nextActivity: null, flags: [] });
  expect((delivered['timeline'] as Json[]).map((entry) => entry['code']).slice(-5)).toEqual(['DEP', 'ARR', 'RCF', 'NFD', 'DLV']);
  // Audited with the subject of the airline's token.
  const audit = (await hub.request('GET', shipmentStatus, undefined, airline)).body['reports'] as Json[];
  expect(audit.map((r) => r['reportedBy'])).toEqual(['sim-airline', 'sim-airline', 'sim-airline']);
}
