import type { EntityManager } from 'typeorm';
import { TransportReferenceStore } from '../application/transport-reference.port';
import type { TransportReference } from '../domain/transport-reference.rules';

/** Bookings in `customs_transport_refs`, in the transaction of `manager` (one row per AWB; the JSON is the reference). */
export class TypeOrmTransportReferenceStore extends TransportReferenceStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  private get table(): string {
    return `"${(this.manager.connection.options as { schema: string }).schema}"."customs_transport_refs"`;
  }

  async get(awb: string): Promise<TransportReference | null> {
    const rows = (await this.manager.query(`SELECT "reference" FROM ${this.table} WHERE "awb" = $1`, [awb])) as Array<{ reference: TransportReference | null }>;
    return rows[0]?.reference ?? null;
  }

  async save(awb: string, reference: TransportReference | null): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.table} ("awb", "reference", "updated_at") VALUES ($1, $2, now())
       ON CONFLICT ("awb") DO UPDATE SET "reference" = EXCLUDED."reference", "updated_at" = now()`,
      [awb, reference === null ? null : JSON.stringify(reference)],
    );
  }
}
