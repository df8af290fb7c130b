import type { EntityManager } from 'typeorm';

/** Where an assignment decision stands in its AWB's sequence (see `isNewerDecision` in @cargo/contracts). */
export interface DecisionPlace {
  decisionVersion: number;
  supersedes?: string;
}

/**
 * The per-AWB sequence of assignment decisions (`FlightAssigned`, `AssignmentFailed`), in table
 * `assignment_decision_sequence`, inside the caller's transaction.
 *
 * Invariants: `next` locks the AWB's row until the transaction ends, so decisions about one AWB get
 * versions in the order their transactions commit (1, 2, 3, … with no gaps once committed; a
 * rolled-back transaction gives its number back); each decision supersedes the previous one's event.
 */
export class TypeormDecisionSequence {
  constructor(private readonly manager: EntityManager) {}

  /** The next place in `awb`'s sequence for the decision published as event `eventId`. */
  async next(awb: string, eventId: string): Promise<DecisionPlace> {
    const table = `"${(this.manager.connection.options as { schema: string }).schema}"."assignment_decision_sequence"`;
    // One statement: the first decision inserts version 1; a later one's SET expressions read the row
    // as it was, so "superseded_event_id" gets the previous decision's id.
    const rows = (await this.manager.query(
      `INSERT INTO ${table} AS t ("awb", "version", "last_event_id") VALUES ($1, 1, $2)
       ON CONFLICT ("awb") DO UPDATE SET "version" = t."version" + 1, "superseded_event_id" = t."last_event_id", "last_event_id" = EXCLUDED."last_event_id"
       RETURNING "version", "superseded_event_id"`,
      [awb, eventId],
    )) as Array<{ version: number; superseded_event_id: string | null }>;
    const row = rows[0];
    if (!row) throw new Error(`assignment_decision_sequence: no row for ${awb}`);
    return row.superseded_event_id ? { decisionVersion: row.version, supersedes: row.superseded_event_id } : { decisionVersion: row.version };
  }
}
