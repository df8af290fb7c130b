import { createTestDatabase, TestDatabase, waitFor } from '@cargo/testing';
import type { HubTestClient, Json } from './hub-client.spec-helper';
import { startHub, stopHub, type RunningHub } from './hub-fixture.spec-helper';
import { clearCustoms } from './lifecycle-scenarios.spec-helper';
import { assignmentView, deliverLanded, runClockUntil, simulatedDay, type DayShipment } from './simulated-day.spec-helper';

const SHIPMENTS = 80;
const DECIDED = ['ASSIGNED', 'WAITLISTED', 'EXCEPTION', 'MANIFESTED', 'DEPARTED'];
/** Tracking statuses of a shipment that has left Wuhan and is not yet delivered: in transit. */
const AFTER_DEPARTURE = ['DEP', 'ARR', 'RCF', 'NFD'];

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

/**
 * A full simulated day (#15): every shipment is received, cleared by customs, planned by flight
 * assignment and followed through a day and a half of the manual clock; the airline reports the
 * landed direct flights. At the end every shipment is delivered, in transit with an ETA, or has an
 * open exception with a reason — and none is wait-listed without a next attempt.
 */
describe('a full simulated day: no shipment stuck', () => {
  let db: TestDatabase;
  let running: RunningHub | undefined;
  let hub: HubTestClient;
  const day: DayShipment[] = simulatedDay(SHIPMENTS);

  beforeAll(async () => {
    db = await createTestDatabase('simulated_day');
    // One ops client stands for the whole control room here: far more calls a minute than one person makes.
    running = await startHub(db.url, { env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    hub = running.client;
  });
  afterAll(async () => {
    await stopHub(running);
    await db?.drop();
  });

  it(`${SHIPMENTS} shipments end delivered, in transit with an ETA, or in an open exception with a reason`, async () => {
    // Received at the stations and cleared by customs (officers and screeners act on what is held).
    await inBatches(day, 8, async (s) => expect({ awb: s.awb, status: (await hub.intake(s.station, s.intake)).status }).toEqual({ awb: s.awb, status: 201 }));
    await inBatches(day, 8, (s) => clearCustoms(hub, s.awb));
    await waitFor(async () => {
      const views = await Promise.all(day.map((s) => assignmentView(hub, s.awb).catch(() => undefined)));
      return views.every((v) => v && DECIDED.includes(String(v['status']))) ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500, description: 'a decision for every shipment' });

    // The day goes by in 10-minute steps (shorter than a standby window, so none is skipped):
    // manifests close, the silent airlines' departures are assumed, the wait-list is re-planned.
    const start = (await hub.clock()).getTime();
    const invariantHeld: string[] = [];
    await runClockUntil(hub, { stepMinutes: 10, checkEvery: 12, maxMinutes: 72 * 60 }, async () => {
      const views = await Promise.all(day.map((s) => assignmentView(hub, s.awb)));
      invariantHeld.push(...views.filter((v) => v['status'] === 'WAITLISTED' && !v['nextAttemptAt']).map((v) => String(v['awb'])));
      return views.every((v) => v['status'] === 'DEPARTED' || v['status'] === 'EXCEPTION');
    });
    expect(invariantHeld).toEqual([]);
    const now = (await hub.clock()).getTime();
    expect(now - start).toBeLessThan(72 * 3_600_000);

    // The airline reports what landed; tracking catches up with every shipment.
    const delivered = await deliverLanded(hub, day.map((s) => s.awb), now);
    const endStates = await waitFor(async () => {
      const views = await Promise.all(day.map(async (s) => ({ s, fa: await assignmentView(hub, s.awb), tv: await hub.tracking(s.awb) })));
      const settled = views.every(({ fa, tv }) => tv !== undefined && (fa['status'] === 'EXCEPTION' ? hasFlag(tv, 'EXCEPTION') : [...AFTER_DEPARTURE, 'DLV'].includes(String(tv['status']))));
      return settled && delivered.every((awb) => views.find((v) => v.s.awb === awb)?.tv?.['status'] === 'DLV') ? views : undefined;
    }, { timeoutMs: 60_000, intervalMs: 1_000, description: 'tracking to show every shipment delivered, departed or in exception' });

    const stuck: Json[] = [];
    for (const { s, fa, tv } of endStates) {
      const status = String(tv?.['status']);
      const ok =
        status === 'DLV' ||
        (AFTER_DEPARTURE.includes(status) && Boolean(tv?.['eta'])) ||
        (fa['status'] === 'EXCEPTION' && Boolean((fa['reason'] as Json | undefined)?.['code']) && tv !== undefined && hasFlag(tv, 'EXCEPTION'));
      if (!ok) stuck.push({ awb: s.awb, assignment: fa['status'], tracking: status, eta: tv?.['eta'] });
      if (s.expectsAlternative) {
        const booking = tv?.['booking'] as Json | null | undefined;
        expect({ awb: s.awb, alternative: Boolean(tv?.['revisedPromise']) || booking?.['aircraftKind'] === 'TRUCK', atRisk: hasFlag(tv ?? {}, 'SERVICE_LEVEL_AT_RISK') }).toEqual({ awb: s.awb, alternative: true, atRisk: true });
      }
      if (s.expectedException) expect({ awb: s.awb, outcome: fa['status'], reason: (fa['reason'] as Json)['code'] }).toEqual({ awb: s.awb, outcome: 'EXCEPTION', reason: s.expectedException });
    }
    expect(stuck).toEqual([]);

    // Ops sees the open exceptions with their reasons.
    const open = (await hub.request('GET', `${hub.urls['flight-assignment']}/v1/exceptions`)).body['items'] as Json[];
    const exceptionAwbs = endStates.filter(({ fa }) => fa['status'] === 'EXCEPTION').map(({ s }) => s.awb);
    expect(open.map((e) => e['awb']).sort()).toEqual(expect.arrayContaining(exceptionAwbs.sort()));
    expect(delivered.length).toBeGreaterThan(SHIPMENTS / 4);
    const count = (status: string) => endStates.filter(({ tv }) => tv?.['status'] === status).length;
    const revised = endStates.filter(({ tv }) => tv?.['revisedPromise']).length;
    const trucked = endStates.filter(({ tv }) => (tv?.['booking'] as Json | null)?.['aircraftKind'] === 'TRUCK').length;
    console.log(
      `simulated day: ${SHIPMENTS} shipments — delivered ${count('DLV')}, in transit ${count('DEP')}, open exceptions ${exceptionAwbs.length} ` +
        `(${revised} with a new promise, ${trucked} by road feeder); clock moved ${Math.round((now - start) / 60_000)} min`,
    );
  });
});

function hasFlag(view: Json, code: string): boolean {
  return ((view['flags'] as Json[] | undefined) ?? []).some((f) => f['code'] === code);
}
