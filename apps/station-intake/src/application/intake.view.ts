import type { IntakeRecord } from './station-intake.ports';

/** An intake as the API shows it. */
export interface IntakeView {
  awb: string;
  stationCode: string;
  status: string;
  /** When what set the status happened. */
  statusAt: string;
  receivedAt: string;
  recordedAt: string;
  /** Id of the CargoReceived event published for it. */
  eventId: string;
  /** 1 as received; each correction or cancellation adds one. */
  intakeVersion: number;
  /** When the station cancelled it (status CANCELLED); null while it is not cancelled. */
  cancelledAt: string | null;
  /** The CargoReceived payload as published; after a correction, the corrected intake. */
  intake: Record<string, unknown>;
}

export function toIntakeView(row: IntakeRecord): IntakeView {
  return {
    awb: row.awb,
    stationCode: row.stationCode,
    status: row.status,
    statusAt: row.statusAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    eventId: row.eventId,
    intakeVersion: row.intakeVersion,
    cancelledAt: row.cancelledAt ? row.cancelledAt.toISOString() : null,
    intake: row.content,
  };
}
