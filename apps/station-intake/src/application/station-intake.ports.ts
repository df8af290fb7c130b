import type { CargoCancelledPayload, CargoCorrectedPayload, CargoReceivedPayload, HandlingScannedPayload, HomeHub } from '@cargo/contracts';
import type { DispatchEntry, ShipmentLegState } from '../domain/dispatch-list.builder';

/**
 * Ports of the station-intake use cases. Abstract classes so they double as Nest injection tokens;
 * the infrastructure layer implements them (TypeORM + the messaging outbox).
 */

/** An intake as stored: the `CargoReceived` payload as published plus the station-side status. */
export interface IntakeRecord {
  awb: string;
  stationCode: string;
  status: string;
  /** When what set `status` happened (a scan's `happenedAt`, or `receivedAt`). */
  statusAt: Date;
  receivedAt: Date;
  recordedAt: Date;
  pieces: number;
  grossWeightKg: number;
  /** The CargoReceived payload exactly as published (plain JSON); after a correction, the corrected intake. */
  content: Record<string, unknown>;
  /** Id of the CargoReceived event. */
  eventId: string;
  /** 1 for the intake as received; each correction or cancellation adds one (its event's `intakeVersion`). */
  intakeVersion: number;
  /** Id of the latest intake event (CargoReceived, CargoCorrected or CargoCancelled); null: the CargoReceived. */
  lastEventId: string | null;
  /** When it was cancelled (status CANCELLED from then on); null while not. */
  cancelledAt: Date | null;
}

/** What a correction writes: the corrected intake and its figures, and its place in the intake history. */
export interface IntakeCorrection {
  content: Record<string, unknown>;
  pieces: number;
  grossWeightKg: number;
  intakeVersion: number;
  lastEventId: string;
}

/** What a cancellation writes. */
export interface IntakeCancellation {
  cancelledAt: Date;
  intakeVersion: number;
  lastEventId: string;
}

/** One audited change of an intake: who (the verified subject), what, when, why, the figures before and after, and the event. */
export interface IntakeChangeEntry {
  awb: string;
  stationCode: string;
  action: 'CORRECTED' | 'CANCELLED';
  actor: string;
  at: Date;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** The CargoCorrected / CargoCancelled event published for it. */
  eventId: string;
  intakeVersion: number;
}

/** A handling scan as stored. Its identity is (awb, code, happenedAt). */
export interface ScanRecord {
  /** Id of the HandlingScanned event. */
  eventId: string;
  awb: string;
  stationCode: string;
  code: string;
  happenedAt: Date;
  recordedAt: Date;
  truckId: string | null;
  pieces: number | null;
  remarks: string | null;
}

/** Intakes inside one transaction. */
export abstract class IntakeRepository {
  /**
   * Inserts the intake and its receipt scan unless an intake with its AWB exists, in one statement.
   * Returns the intake as stored and whether this call created it; when it did not, nothing was
   * written and `intake` is the one on record. Concurrent calls for one AWB serialise on the primary
   * key, so exactly one creates it.
   */
  abstract insertWithReceiptIfAbsent(intake: IntakeRecord, receipt: ScanRecord): Promise<{ created: boolean; intake: IntakeRecord }>;
  /** The intake of an AWB; rejects (an internal error, not a client one) when there is none. */
  abstract getByAwb(awb: string): Promise<IntakeRecord>;
  /** The intake of an AWB, or undefined. No lock. */
  abstract findByAwb(awb: string): Promise<IntakeRecord | undefined>;
  /** The intake of an AWB, its row locked until the transaction ends (changes of one AWB serialise), or undefined. */
  abstract findForUpdate(awb: string): Promise<IntakeRecord | undefined>;
  abstract updateStatus(awb: string, status: string, statusAt: Date): Promise<void>;
  /** Writes a correction (content, figures, version and last event id). */
  abstract applyCorrection(awb: string, correction: IntakeCorrection): Promise<void>;
  /** Marks the intake cancelled (status CANCELLED at `cancelledAt`). */
  abstract applyCancellation(awb: string, cancellation: IntakeCancellation): Promise<void>;
  /** Appends to the intake's change audit, in the same transaction as the change. */
  abstract recordChange(entry: IntakeChangeEntry): Promise<void>;
}

/** Handling scans inside one transaction. */
export abstract class ScanRepository {
  /**
   * Inserts the scan unless one with the same identity (awb, code, happenedAt) is recorded. Returns
   * whether it was inserted; of concurrent inserts of one identity exactly one returns true.
   */
  abstract insertIfAbsent(scan: ScanRecord): Promise<boolean>;
  /** The scan with that identity; rejects (an internal error) when there is none. */
  abstract getByIdentity(awb: string, code: string, happenedAt: Date): Promise<ScanRecord>;
  /** The codes scanned for an AWB so far (each once). */
  abstract codesOf(awb: string): Promise<string[]>;
}

/**
 * The latest flight-assignment decision per shipment (the dispatch list's source), inside the
 * consuming transaction.
 */
export abstract class ShipmentLegStore {
  /**
   * Records `leg` as the shipment's current leg unless the decision on record is later
   * (see decisionSupersedes). The check and the write are one atomic statement, so concurrent
   * deliveries cannot reorder decisions.
   */
  abstract saveIfNotOlder(leg: ShipmentLegState, eventId: string): Promise<void>;
  /** The shipment's current leg as recorded, or undefined before any decision. */
  abstract find(awb: string): Promise<ShipmentLegState | undefined>;
}

/** Ids and causation of an event written to the outbox. */
export interface EventOptions {
  /** Event id (UUID); the same id is stored on the row the event describes. */
  id: string;
  /** Correlation id of a chain that starts outside Kafka (the HTTP request id). Ignored with `causation`. */
  correlationId?: string;
  /** The event that caused this one (its id and correlation id). */
  causation?: { id: string; correlationid: string };
}

/** Events to the outbox of the same transaction: visible to Kafka only once it commits. */
export abstract class StationIntakeEventPublisher {
  abstract cargoReceived(payload: CargoReceivedPayload, options: EventOptions): Promise<void>;
  abstract handlingScanned(payload: HandlingScannedPayload, options: EventOptions): Promise<void>;
  abstract cargoCorrected(payload: CargoCorrectedPayload, options: EventOptions): Promise<void>;
  abstract cargoCancelled(payload: CargoCancelledPayload, options: EventOptions): Promise<void>;
}

/** What a use case sees inside one transaction: state changes and events commit or roll back together. */
export interface StationIntakeUnitOfWork {
  intakes: IntakeRepository;
  scans: ScanRepository;
  shipmentLegs: ShipmentLegStore;
  events: StationIntakeEventPublisher;
}

/**
 * Runs a use case's work in one database transaction; events published through the unit of work
 * are written to the outbox in that transaction. A rejection rolls everything back.
 */
export abstract class StationIntakeTransactionRunner {
  abstract run<R>(work: (uow: StationIntakeUnitOfWork) => Promise<R>): Promise<R>;
}

/** A station API key as stored: only the hash of the key, never the key. */
export interface StoredApiKey {
  keyId: string;
  stationCode: string;
  keyHash: string;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** After this instant the key is refused; null: it does not expire. */
  expiresAt: Date | null;
  replacedBy: string | null;
}

export type ApiKeyAuditAction = 'ISSUED' | 'ROTATED' | 'REVOKED';

/** One audit entry: the subject of the verified credential that changed a key. */
export interface ApiKeyAuditEntry {
  keyId: string;
  stationCode: string;
  action: ApiKeyAuditAction;
  actor: string;
  at: Date;
  detail: string | null;
}

export interface NewApiKey {
  keyId: string;
  stationCode: string;
  keyHash: string;
  label: string | null;
  expiresAt: Date | null;
}

/**
 * Station API keys and their audit trail. Invariant: every change writes its audit entry in the
 * same transaction, so no key changes without a record of who changed it.
 */
export abstract class ApiKeyStore {
  /** Stores a new, unrevoked key with its ISSUED entry; returns it as stored. */
  abstract add(key: NewApiKey, audit: Omit<ApiKeyAuditEntry, 'keyId' | 'stationCode' | 'action'>): Promise<StoredApiKey>;
  /**
   * The unrevoked key with that id, or undefined (expiry is the caller's to check). May be served
   * from memory, but never after a revocation or rotation of that key has committed on any replica
   * and reached this one.
   */
  abstract findActive(keyId: string): Promise<StoredApiKey | undefined>;
  /** Every key of a station, newest first. */
  abstract list(stationCode: string): Promise<StoredApiKey[]>;
  /** Revokes an unrevoked key of the station with its REVOKED entry; false when there is none. */
  abstract revoke(stationCode: string, keyId: string, audit: Omit<ApiKeyAuditEntry, 'keyId' | 'stationCode' | 'action'>): Promise<boolean>;
  /**
   * Replaces an unrevoked key of the station: the new key is stored, the old one revoked and marked
   * replaced, with ROTATED and ISSUED entries. Undefined when the old key is not active.
   */
  abstract rotate(stationCode: string, oldKeyId: string, next: NewApiKey, audit: Omit<ApiKeyAuditEntry, 'keyId' | 'stationCode' | 'action'>): Promise<StoredApiKey | undefined>;
  /** A station's audit trail, oldest first. */
  abstract auditTrail(stationCode: string): Promise<ApiKeyAuditEntry[]>;
}

export interface IntakeListFilter {
  /** Only intakes received in [from, before). */
  received?: { from: Date; before: Date };
  status?: string;
  /** Rows to skip and to return, in the order newest received first, then AWB. */
  offset: number;
  limit: number;
}

/** Read side of the station API (committed data, no locks). */
export abstract class IntakeQueries {
  /** The intake of an AWB at that station, or undefined (also when it was received elsewhere). */
  abstract findIntake(stationCode: string, awb: string): Promise<IntakeRecord | undefined>;
  /** A page of a station's intakes and the total matching the filter. */
  abstract listIntakes(stationCode: string, filter: IntakeListFilter): Promise<{ rows: IntakeRecord[]; total: number }>;
  /**
   * The station's shipments currently on a leg from `airport`, each with its intake's pieces and
   * weight and the times of its latest LOT and TDP scans (null when absent).
   */
  abstract dispatchEntries(stationCode: string, airport: HomeHub): Promise<DispatchEntry[]>;
  /** The audited corrections and cancellation of an intake of that station, oldest first. */
  abstract changesOf(stationCode: string, awb: string): Promise<IntakeChangeEntry[]>;
}
