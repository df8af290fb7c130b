import type { CreditGrade, CustomsHoldPlacedPayload, CustomsReleasedPayload, DgQualification } from '@cargo/contracts';
import type { AuditEntry, CaseSnapshot, CaseState, CustomsCase } from '../domain/customs-case.aggregate';

/**
 * Ports of the customs-hold use cases. Abstract classes so they double as Nest injection tokens;
 * the infrastructure layer implements them (TypeORM + the messaging outbox).
 */

/** Cases inside one transaction. */
export abstract class CaseRepository {
  /** The case of an AWB (canonical form); `forUpdate` locks its row until the transaction ends. */
  abstract findByAwb(awb: string, options?: { forUpdate?: boolean }): Promise<CustomsCase | undefined>;
  /** Persists a new case (version 1) and its pending audit entries. */
  abstract insert(customsCase: CustomsCase): Promise<void>;
  /**
   * Persists a changed case (optimistic version check) and its pending audit entries. Bumps the
   * version by exactly one: a decision taken in the change carries that version (`decisionVersion`).
   */
  abstract update(customsCase: CustomsCase): Promise<void>;
}

/** Events to the outbox of the same transaction; each returns the id of the event written. */
export abstract class CustomsEventPublisher {
  abstract holdPlaced(payload: CustomsHoldPlacedPayload): Promise<string>;
  abstract released(payload: CustomsReleasedPayload): Promise<string>;
}

/** What a use case sees inside one transaction: state changes and events commit together. */
export interface CustomsUnitOfWork {
  cases: CaseRepository;
  events: CustomsEventPublisher;
}

export abstract class CustomsTransactionRunner {
  abstract run<R>(work: (uow: CustomsUnitOfWork) => Promise<R>): Promise<R>;
}

/** The reference data the rules read (credit registry and DG registry). */
export abstract class ReferenceDataPort {
  /** Undefined when the shipper is not in the credit registry. */
  abstract creditGradeOf(shipperId: string): CreditGrade | undefined;
  abstract dgRegistry(): readonly DgQualification[];
}

export interface OpenHoldsFilter {
  reason?: string;
  station?: string;
  /** Only cases held at least this many minutes (since they last became held). */
  minAgeMinutes?: number;
  limit: number;
}

export interface CaseView extends CaseSnapshot {
  audit: AuditEntry[];
}

/** Read side for the officer API (no locks). */
export abstract class CaseQueries {
  abstract listOpenHolds(filter: OpenHoldsFilter, now: Date): Promise<CaseSnapshot[]>;
  abstract getByAwb(awb: string): Promise<CaseView | undefined>;
  abstract countByState(): Promise<Record<CaseState, number>>;
}
