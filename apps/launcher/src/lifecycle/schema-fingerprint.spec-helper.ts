import { waitFor } from '@cargo/testing';
import type { Client } from 'pg';

export type Service = 'station-intake' | 'customs-hold' | 'flight-assignment' | 'tracking';

/** The schema each service owns: a refused request must leave it exactly as it was. */
export const SCHEMA_OF: Record<Service, string> = {
  'station-intake': 'station_intake',
  'customs-hold': 'customs_hold',
  'flight-assignment': 'flight_assignment',
  tracking: 'tracking',
};

/**
 * A digest of every row of a schema, so any insert, update or delete shows. The outbox relay marks
 * rows published and consumers record what they processed on their own time: those two tables
 * count by their ids, every other table by every column of every row.
 */
export async function schemaFingerprint(pg: Client, schema: string): Promise<string> {
  const tables = await pg.query<{ t: string }>("SELECT quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1", [schema]);
  if (tables.rows.length === 0) return '';
  const rowText = (t: string) => (t === 'outbox' ? 'x.id::text' : t === 'processed_events' ? 'x.event_id' : 'x::text');
  const parts = tables.rows.map((r) => `(SELECT '${r.t}:' || count(*) || ':' || coalesce(md5(string_agg(${rowText(r.t)}, ',' ORDER BY ${rowText(r.t)})), '') FROM "${schema}".${r.t} x)`);
  const result = await pg.query<{ f: string }>(`SELECT concat_ws('|', ${parts.join(', ')}) AS f`);
  return result.rows[0]?.f ?? '';
}

/** Earlier accepted requests may still be at work (consumers, relay): waits until the schema stands still. */
export async function schemaSettled(pg: Client, schema: string): Promise<void> {
  let last = await schemaFingerprint(pg, schema);
  await waitFor(
    async () => {
      const now = await schemaFingerprint(pg, schema);
      const same = now === last;
      last = now;
      return same ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1_000, description: `${schema} to stand still` },
  );
}
