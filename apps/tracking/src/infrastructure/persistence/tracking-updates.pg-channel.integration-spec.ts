import { createServiceDataSource } from '@cargo/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@cargo/testing';
import type { DataSource } from 'typeorm';
import type { TrackingQueriesUseCase } from '../../application/tracking-queries.use-case';
import { TrackingUpdatesNotifier, type TrackingUpdate } from '../../application/tracking-updates.notifier';
import type { ShipmentView } from '../../domain/shipment.projection';
import { TrackingUpdatesPgChannel } from './tracking-updates.pg-channel';

/** Two tracking replicas on one real PostgreSQL, each with its own SSE fan-out. */
describe('tracking updates across replicas (LISTEN/NOTIFY, real PostgreSQL)', () => {
  let db: TestDatabase;
  const replicas: { dataSource: DataSource; channel: TrackingUpdatesPgChannel; heard: TrackingUpdate[] }[] = [];
  /** What the read model holds (both replicas read the same database). */
  const stored = new Map<string, ShipmentView>();

  beforeAll(async () => {
    db = await createTestDatabase('tracking_updates');
    for (const name of ['a', 'b']) {
      const dataSource = await createServiceDataSource({ url: db.url, schema: 'public', entities: [], migrations: [], applicationName: `tracking-${name}` }).initialize();
      const notifier = new TrackingUpdatesNotifier();
      const queries = { shipment: async (awb: string) => stored.get(awb) ?? Promise.reject(new Error('not found')) } as unknown as TrackingQueriesUseCase;
      const channel = new TrackingUpdatesPgChannel(dataSource, notifier, queries);
      const heard: TrackingUpdate[] = [];
      notifier.updates.subscribe((u) => heard.push(u));
      channel.onApplicationBootstrap();
      replicas.push({ dataSource, channel, heard });
    }
    await waitFor(() => replicas.every((r) => r.channel.listening), { description: 'both replicas to LISTEN' });
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.channel.onApplicationShutdown();
      await r.dataSource.destroy();
    }
    await db?.drop();
  });

  it('relays a committed change to the other replica (with the committed view), not to the announcing one, and nothing of a rolled-back one', async () => {
    const [a, b] = replicas as [(typeof replicas)[number], (typeof replicas)[number]];
    // The store has moved on since: the receiver still gets the view this transaction committed.
    stored.set('784-12345675', { awb: '784-12345675', status: 'MAN' } as ShipmentView);
    await a.dataSource.transaction(async (manager) => {
      await a.channel.announce(manager, [{ type: 'shipment', awb: '784-12345675', view: { awb: '784-12345675', status: 'BKD' } as ShipmentView }]);
      // Not before commit.
      expect(b.heard).toEqual([]);
    });
    await expect(
      a.dataSource.transaction(async (manager) => {
        await a.channel.announce(manager, [{ type: 'flight', flightId: 'ROLLED-BACK' }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await a.dataSource.transaction((manager) => a.channel.announce(manager, [{ type: 'flight', flightId: 'CZ3101-2026-11-25' }]));

    await waitFor(() => b.heard.length >= 2 || undefined, { description: 'replica B to hear both committed changes' });
    expect(b.heard).toEqual([
      { type: 'shipment', awb: '784-12345675', view: { awb: '784-12345675', status: 'BKD' } },
      { type: 'flight', flightId: 'CZ3101-2026-11-25' },
    ]);
    expect(a.heard).toEqual([]);
  });

  it('sends a view too large for a notification by reference: the receiver reads the stored one', async () => {
    const [a, b] = replicas as [(typeof replicas)[number], (typeof replicas)[number]];
    b.heard.length = 0;
    const large = { awb: '784-12345686', status: 'DEP', timeline: Array.from({ length: 400 }, (_, i) => ({ code: 'FOH', note: `entry ${i}` })) } as unknown as ShipmentView;
    stored.set('784-12345686', { awb: '784-12345686', status: 'DEP' } as ShipmentView);
    await a.dataSource.transaction((manager) => a.channel.announce(manager, [{ type: 'shipment', awb: '784-12345686', view: large }]));
    await waitFor(() => b.heard.length === 1 || undefined, { description: 'replica B to hear the large change' });
    expect(b.heard).toEqual([{ type: 'shipment', awb: '784-12345686', view: { awb: '784-12345686', status: 'DEP' } }]);
  });

  it('splits a large change set into notifications PostgreSQL accepts', async () => {
    const [a, b] = replicas as [(typeof replicas)[number], (typeof replicas)[number]];
    b.heard.length = 0;
    const flights = Array.from({ length: 600 }, (_, i) => ({ type: 'flight' as const, flightId: `O36${String(i).padStart(3, '0')}-2026-11-25` }));
    await a.dataSource.transaction((manager) => a.channel.announce(manager, flights));
    await waitFor(() => b.heard.length === 600 || undefined, { description: 'all 600 changes at replica B' });
    expect(b.heard).toEqual(flights);
  });
});
