import type { EntityManager } from 'typeorm';
import { MessagingError } from '../errors/messaging.error';
import { parcel, ParcelNoted } from '../testing/parcel-events.fixture';
import { outboxChannel, OutboxWriter } from './outbox.writer';
import { must } from '../testing/must';

function manager(inTransaction: boolean, calls: { sql: string; params: unknown[] }[]): EntityManager {
  return {
    connection: { options: { schema: 'station_intake' } },
    queryRunner: { isTransactionActive: inTransaction },
    query: async (sql: string, params: unknown[]) => {
      calls.push({ sql, params });
      return [];
    },
  } as unknown as EntityManager;
}

describe('OutboxWriter', () => {
  const writer = new OutboxWriter({ source: '/services/station-intake' });

  it('inserts the wire record into <schema>.outbox and notifies <schema>_outbox in the same statement', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    const envelope = await writer.append(manager(true, calls), ParcelNoted, parcel('160-12345675', 1), { correlationId: 'req-1' });
    expect(calls).toHaveLength(1);
    expect(must(calls[0]).sql).toMatch(/INSERT INTO "station_intake"."outbox"/);
    expect(must(calls[0]).sql).toMatch(/pg_notify\(\$7, ''\)/);
    const [id, topic, key, type, headers, payload, channel] = must(calls[0]).params as string[];
    expect([id, topic, key, type, channel]).toEqual([envelope.id, 'cargo.intake.v1', '160-12345675', ParcelNoted.type, 'station_intake_outbox']);
    expect(JSON.parse(must(headers))).toMatchObject({ ce_id: envelope.id, ce_correlationid: 'req-1', ce_source: '/services/station-intake' });
    expect(JSON.parse(must(payload))).toEqual({ awb: '160-12345675', seq: 1 });
    expect(outboxChannel('station_intake')).toBe('station_intake_outbox');
  });

  it('refuses to write outside a transaction', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    await expect(writer.append(manager(false, calls), ParcelNoted, parcel('160-12345675', 1))).rejects.toMatchObject({
      code: 'MESSAGING.NO_TRANSACTION',
    });
    expect(calls).toEqual([]);
  });

  it('refuses an invalid payload before writing anything', async () => {
    const calls: { sql: string; params: unknown[] }[] = [];
    const error = await writer.append(manager(true, calls), ParcelNoted, parcel('bad', 0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessagingError);
    expect((error as MessagingError).code).toBe('MESSAGING.INVALID_PAYLOAD');
    expect((error as MessagingError).message).toMatch(/awb: awb must look like/);
    expect(calls).toEqual([]);
  });
});
