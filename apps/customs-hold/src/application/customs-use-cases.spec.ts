import { exampleEventPayload, type CargoCancelledPayload, type CargoCorrectedPayload, type CargoReceivedPayload, type CreditGrade, type CustomsHoldPlacedPayload, type CustomsReleasedPayload, type DgQualification } from '@cargo/contracts';
import { DG_REGISTRY, SHIPPERS } from '@cargo/seeds';
import { CustomsCase, type CaseSnapshot } from '../domain/customs-case.aggregate';
import { DEFAULT_CUSTOMS_RULES_CONFIG } from '../domain/customs-rules.config';
import { CustomsErrorCode } from '../domain/customs.error';
import { ALWAYS_SELECTED_AWB, UNSELECTED_AWB } from '../domain/customs-rules.spec-helper';
import { Clock } from '@cargo/service-runtime';
import { CaseQueries, CaseRepository, CustomsEventPublisher, CustomsTransactionRunner, ReferenceDataPort, type CaseView, type CustomsUnitOfWork } from './customs.ports';
import { ApplyIntakeChangesUseCase } from './apply-intake-changes.use-case';
import { OfficerActionsUseCase } from './officer-actions.use-case';
import { RecordDepartureUseCase } from './record-departure.use-case';
import { RegisterIntakeUseCase, caseIdFor } from './register-intake.use-case';

/** In-memory fakes of the ports: a committed store, and a unit of work that commits only on success. */
class InMemoryStore {
  cases = new Map<string, CaseSnapshot>();
  audit = new Map<string, string[]>();
  events: { type: 'hold' | 'release'; payload: CustomsHoldPlacedPayload | CustomsReleasedPayload }[] = [];
}

class FakeRepository extends CaseRepository {
  constructor(private readonly staged: InMemoryStore) {
    super();
  }
  async findByAwb(awb: string): Promise<CustomsCase | undefined> {
    const s = this.staged.cases.get(awb);
    return s ? CustomsCase.restore(s) : undefined;
  }
  async insert(c: CustomsCase): Promise<void> {
    if (this.staged.cases.has(c.awb)) throw new Error('duplicate awb');
    await this.update(c);
  }
  async update(c: CustomsCase): Promise<void> {
    // As the TypeORM repository does: every save bumps the version by one.
    this.staged.cases.set(c.awb, { ...c.snapshot(), version: c.snapshot().version + 1 });
    this.staged.audit.set(c.caseId, [...(this.staged.audit.get(c.caseId) ?? []), ...c.pendingAudit().map((a) => `${a.action}:${a.actor.role}:${a.reason}`)]);
  }
}

/** A deterministic event id per published event (the n-th event of the store). */
const eventIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

class FakePublisher extends CustomsEventPublisher {
  constructor(private readonly staged: InMemoryStore) {
    super();
  }
  async holdPlaced(payload: CustomsHoldPlacedPayload): Promise<string> {
    this.staged.events.push({ type: 'hold', payload });
    return eventIdOf(this.staged.events.length);
  }
  async released(payload: CustomsReleasedPayload): Promise<string> {
    this.staged.events.push({ type: 'release', payload });
    return eventIdOf(this.staged.events.length);
  }
}

class FakeRunner extends CustomsTransactionRunner {
  constructor(readonly store: InMemoryStore) {
    super();
  }
  uow(store: InMemoryStore): CustomsUnitOfWork {
    return { cases: new FakeRepository(store), events: new FakePublisher(store) };
  }
  async run<R>(work: (uow: CustomsUnitOfWork) => Promise<R>): Promise<R> {
    const staged = structuredClone(this.store);
    const result = await work(this.uow(staged));
    Object.assign(this.store, staged);
    return result;
  }
}

class FakeQueries extends CaseQueries {
  constructor(private readonly store: InMemoryStore) {
    super();
  }
  async listOpenHolds(): Promise<CaseSnapshot[]> {
    return [...this.store.cases.values()].filter((c) => c.state === 'HELD');
  }
  async getByAwb(awb: string): Promise<CaseView | undefined> {
    const c = this.store.cases.get(awb);
    return c ? { ...c, audit: [] } : undefined;
  }
  async countByState() {
    return { HELD: 0, CONDITIONALLY_RELEASED: 0, RELEASED: 0, CLOSED: 0 };
  }
}

class FixedClock extends Clock {
  constructor(public at = new Date('2026-11-25T02:00:00Z')) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

class SeedReferenceData extends ReferenceDataPort {
  creditGradeOf(id: string): CreditGrade | undefined {
    return SHIPPERS.find((s) => s.id === id)?.creditGrade;
  }
  dgRegistry(): readonly DgQualification[] {
    return DG_REGISTRY;
  }
}

const OFFICER = { role: 'CUSTOMS_OFFICER' as const, id: 'CUS-0001' };
const SCREENER = { role: 'SECURITY_SCREENER' as const, id: 'SEC-0317' };

function setup() {
  const store = new InMemoryStore();
  const runner = new FakeRunner(store);
  const clock = new FixedClock();
  const intake = new RegisterIntakeUseCase(new SeedReferenceData(), clock, DEFAULT_CUSTOMS_RULES_CONFIG);
  const officers = new OfficerActionsUseCase(runner, new FakeQueries(store), clock);
  const departure = new RecordDepartureUseCase(clock);
  const changes = new ApplyIntakeChangesUseCase(new SeedReferenceData(), clock, DEFAULT_CUSTOMS_RULES_CONFIG);
  const receive = (awb: string, eventId = `evt-${awb}`) =>
    runner.run((uow) => intake.execute({ ...(exampleEventPayload('CargoReceived') as unknown as CargoReceivedPayload), awb }, eventId, uow));
  const receivePayload = (payload: CargoReceivedPayload) => runner.run((uow) => intake.execute(payload, `evt-${payload.awb}`, uow));
  return { store, runner, officers, departure, changes, receive, receivePayload };
}

describe('customs use cases (in-memory ports)', () => {
  it('opens one case per AWB; a repeated intake adds an audit entry and no event', async () => {
    const { store, receive } = setup();
    await receive(UNSELECTED_AWB, 'e1');
    await receive(UNSELECTED_AWB, 'e2');
    expect(store.cases.size).toBe(1);
    expect(store.events.map((e) => e.type)).toEqual(['release']);
    const caseId = caseIdFor(UNSELECTED_AWB, 'OVS', '2026-11-25T09:12:00+08:00');
    expect(store.cases.get(UNSELECTED_AWB)?.caseId).toBe(caseId);
    expect(store.audit.get(caseId)?.map((a) => a.split(':')[0])).toEqual(['CASE_OPENED', 'RELEASED', 'INTAKE_REPEATED']);
  });

  it('role checks come before anything is read or written', async () => {
    const { store, officers, receive } = setup();
    await receive(ALWAYS_SELECTED_AWB);
    await expect(officers.release(SCREENER, ALWAYS_SELECTED_AWB, 'FULL', 'x')).rejects.toMatchObject({ code: CustomsErrorCode.FORBIDDEN_ROLE });
    await expect(officers.recordScreeningResult(OFFICER, ALWAYS_SELECTED_AWB, 'PASS', undefined, 'x')).rejects.toMatchObject({ code: CustomsErrorCode.FORBIDDEN_ROLE });
    await expect(officers.recordLabResult(SCREENER, ALWAYS_SELECTED_AWB, 'PASS', undefined, 'x')).rejects.toMatchObject({ code: CustomsErrorCode.FORBIDDEN_ROLE });
    await expect(officers.placeManualHold(SCREENER, ALWAYS_SELECTED_AWB, 'x')).rejects.toMatchObject({ code: CustomsErrorCode.FORBIDDEN_ROLE });
    expect(store.events).toHaveLength(1);
  });

  it('a refused action leaves no trace (transaction rolled back)', async () => {
    const { store, officers, receive } = setup();
    await receive(UNSELECTED_AWB);
    const before = structuredClone(store);
    await expect(officers.release(OFFICER, UNSELECTED_AWB, 'FULL', 'x')).rejects.toMatchObject({ code: CustomsErrorCode.NOT_HELD });
    expect(store).toEqual(before);
  });

  it('accepts the 11-digit AWB form and rejects a wrong check digit as a validation error', async () => {
    const { store, officers, receive } = setup();
    await receive(UNSELECTED_AWB);
    const result = await officers.placeManualHold(OFFICER, UNSELECTED_AWB.replace('-', ''), 'Risk tip');
    expect(result.emitted).toEqual({ type: 'HOLD_PLACED', kind: undefined });
    expect(store.events.at(-1)).toMatchObject({ type: 'hold', payload: { awb: UNSELECTED_AWB, reasons: [{ code: 'MANUAL' }] } });
    await expect(officers.placeManualHold(OFFICER, '784-12345670', 'x')).rejects.toMatchObject({ code: CustomsErrorCode.INVALID_REQUEST });
    await expect(officers.getCase(OFFICER, '784-00000000')).rejects.toMatchObject({ code: CustomsErrorCode.CASE_NOT_FOUND });
  });

  it('DEP scans mark the case departed; other scans and unknown AWBs are ignored', async () => {
    const { store, runner, departure, officers, receive } = setup();
    await receive(UNSELECTED_AWB);
    const scan = exampleEventPayload('HandlingScanned') as never as Parameters<RecordDepartureUseCase['execute']>[0];
    await runner.run((uow) => departure.execute({ ...scan, awb: UNSELECTED_AWB }, uow));
    expect(store.cases.get(UNSELECTED_AWB)?.departedAt).toBeUndefined();
    await runner.run((uow) => departure.execute({ ...scan, awb: '784-00000000', code: 'DEP', flightNumber: 'O36921' }, uow));
    await runner.run((uow) => departure.execute({ ...scan, awb: UNSELECTED_AWB, code: 'DEP', flightNumber: 'O36921', happenedAt: '2026-11-25T14:30:00Z' }, uow));
    expect(store.cases.get(UNSELECTED_AWB)?.departedAt).toBe('2026-11-25T14:30:00.000Z');
    await expect(officers.placeManualHold(OFFICER, UNSELECTED_AWB, 'late')).rejects.toMatchObject({ code: CustomsErrorCode.ALREADY_DEPARTED });
  });

  it('publishes every hold and release with the case version and the id of the decision it supersedes', async () => {
    const { store, officers, receive } = setup();
    await receive(ALWAYS_SELECTED_AWB, 'e1');
    await receive(ALWAYS_SELECTED_AWB, 'e2'); // a save without a decision: the version moves on
    await officers.recordScreeningResult(SCREENER, ALWAYS_SELECTED_AWB, 'PASS', undefined, 'X-ray and ETD clear');
    await officers.placeManualHold(OFFICER, ALWAYS_SELECTED_AWB, 'Risk tip');
    await officers.release(OFFICER, ALWAYS_SELECTED_AWB, 'FULL', 'Risk cleared');
    expect(store.events.map((e) => [e.type, e.payload.decisionVersion, e.payload.supersedes])).toEqual([
      ['hold', 1, undefined],
      ['release', 3, eventIdOf(1)],
      ['hold', 4, eventIdOf(2)],
      ['release', 5, eventIdOf(3)],
    ]);
    expect(store.cases.get(ALWAYS_SELECTED_AWB)).toMatchObject({ version: 5, lastDecisionVersion: 5, lastDecisionEventId: eventIdOf(4) });
  });

  describe('station corrections and cancellations', () => {
    // An e-commerce parcel declared at 30,000 CNY: 2,500 CNY/kg at 12 kg, 3,750 CNY/kg (over the limit) at 8 kg.
    const parcel = (grossWeightKg: number): CargoReceivedPayload => ({
      ...(exampleEventPayload('CargoReceived') as unknown as CargoReceivedPayload),
      awb: UNSELECTED_AWB,
      ecommerce: true,
      grossWeightKg,
      specialHandlingCodes: [],
      dangerousGoods: [],
      commodity: { description: 'Phone cases', category: 'ECOMMERCE_PARCELS', hsCode: '39269090', declaredValue: { amount: 30000, currency: 'CNY' } },
    });
    const corrected = (from: number, to: number) =>
      ({
        ...(exampleEventPayload('CargoCorrected') as unknown as CargoCorrectedPayload),
        awb: UNSELECTED_AWB,
        previous: { pieces: 12, grossWeightKg: from, volumeM3: 2.4 },
        intake: parcel(to),
      }) as CargoCorrectedPayload;

    it('a correction re-evaluates the case with the corrected figures and publishes the new hold as the next decision', async () => {
      const { store, runner, changes, receivePayload } = setup();
      await receivePayload(parcel(12));
      expect(store.events.map((e) => e.type)).toEqual(['release']);
      await runner.run((uow) => changes.onCorrected(corrected(12, 8), uow));
      expect(store.events.at(-1)).toMatchObject({ type: 'hold', payload: { reasons: [{ code: 'ECOMMERCE_RISK' }], decisionVersion: 2, supersedes: eventIdOf(1) } });
      expect(store.cases.get(UNSELECTED_AWB)?.state).toBe('HELD');
      expect(store.audit.get(store.cases.get(UNSELECTED_AWB)?.caseId ?? '')?.at(-2)).toMatch(/^CARGO_CORRECTED:SYSTEM:/);
    });

    it('a cancellation closes the case and publishes nothing; an AWB without a case is left alone', async () => {
      const { store, runner, changes, officers, receive } = setup();
      await receive(ALWAYS_SELECTED_AWB);
      const cancelled = { ...(exampleEventPayload('CargoCancelled') as unknown as CargoCancelledPayload), awb: ALWAYS_SELECTED_AWB };
      await runner.run((uow) => changes.onCancelled(cancelled, uow));
      expect(store.cases.get(ALWAYS_SELECTED_AWB)).toMatchObject({ state: 'CLOSED', holds: [] });
      expect(store.events).toHaveLength(1);
      await expect(officers.placeManualHold(OFFICER, ALWAYS_SELECTED_AWB, 'x')).rejects.toMatchObject({ code: CustomsErrorCode.CASE_CLOSED });
      await runner.run((uow) => changes.onCancelled({ ...cancelled, awb: '784-00000000' }, uow));
      expect(store.cases.size).toBe(1);
    });
  });
});
