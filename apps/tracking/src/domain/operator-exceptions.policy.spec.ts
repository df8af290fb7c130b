import { exceptionsOf } from './operator-exceptions.policy';
import { OPERATOR_MESSAGES, renderMessage } from './operator-messages.catalog';
import { projectShipment } from './shipment.projection';
import { AWB, assigned, failed, hold, received, release, scan } from './tracked-events.spec-helper';

const thresholds = { customsHoldMinutes: 120 };
const at = (iso: string) => new Date(iso);

describe('exceptionsOf: what operators must act on, as of the clock', () => {
  it('a customs hold becomes overdue by time alone, once it is as old as the threshold', () => {
    const view = projectShipment(AWB, [received(), hold('2026-11-25T01:20:00Z')]);
    const since = Date.parse(view.openHold?.since as string);
    expect(exceptionsOf(view, new Date(since + 119 * 60_000), thresholds)).toEqual([]);
    const [overdue] = exceptionsOf(view, new Date(since + 120 * 60_000), thresholds);
    expect(overdue).toMatchObject({ id: `CUSTOMS_HOLD_OVERDUE:${AWB}`, ageMinutes: 120, action: { actor: 'screener', path: `/v1/cases/${AWB}/screening-results` } });
  });

  it('a booked shipment whose truck has not left by truckDepartBy is late, then not once the view says it left', () => {
    const view = projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), assigned()]);
    const departBy = view.booking?.truckDepartBy as string;
    expect(exceptionsOf(view, at(departBy), thresholds)).toEqual([]);
    expect(exceptionsOf(view, new Date(Date.parse(departBy) + 60_000), thresholds)).toEqual([
      expect.objectContaining({ kind: 'TRUCK_LATE', since: departBy, reason: expect.objectContaining({ key: 'exception.truckLate.notDeparted.reason' }) }),
    ]);
    const left = projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), assigned(), scan('TDP', '2026-11-25T10:00:00Z')]);
    expect(exceptionsOf(left, new Date(Date.parse(departBy) + 60_000), thresholds)).toEqual([]);
  });

  it('an open assignment exception is NO_FLIGHT (not also a promise at risk); a wait-listing is WAITLISTED with its reason code', () => {
    const exception = projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), failed({ outcome: 'EXCEPTION', reason: { code: 'NO_ROUTE', explanation: 'none' }, retryUntil: undefined })]);
    expect(exceptionsOf(exception, at('2026-11-25T06:00:00Z'), thresholds).map((e) => e.kind)).toEqual(['NO_FLIGHT']);
    const waiting = exceptionsOf(projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), failed()]), at('2026-11-25T06:00:00Z'), thresholds);
    expect(waiting).toEqual([expect.objectContaining({ kind: 'WAITLISTED', reason: expect.objectContaining({ params: { assignmentReason: 'CAO_NO_FREIGHTER', retryUntil: '2026-11-26T14:00:00Z' } }) })]);
    expect(renderMessage(waiting[0].reason, 'zh')).toBe('候补中：仅限货机但无货机，重试截至 2026-11-26T14:00:00Z');
  });
});

describe('operator messages catalog', () => {
  it('has every key in both languages, and a Chinese template names no parameter the English one lacks', () => {
    expect(Object.keys(OPERATOR_MESSAGES.zh).sort()).toEqual(Object.keys(OPERATOR_MESSAGES.en).sort());
    // A code shown as written in English may be shown translated in Chinese: the same value under its translated name.
    const sameValue: Record<string, string> = { holdReasons: 'codes', assignmentReason: 'code' };
    const params = (t: string) => [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => sameValue[m[1]] ?? m[1]))].sort();
    for (const key of Object.keys(OPERATOR_MESSAGES.en)) {
      const unknown = params(OPERATOR_MESSAGES.zh[key]).filter((p) => !params(OPERATOR_MESSAGES.en[key]).includes(p));
      expect({ key, unknown }).toEqual({ key, unknown: [] });
    }
  });

  it('falls back to the English text for a key it does not know', () => {
    expect(renderMessage({ key: 'no.such.key', params: {}, text: 'As sent' }, 'zh')).toBe('As sent');
  });

  it('writes an optional part only when its parameters are given, and translates hold reason codes', () => {
    expect(renderMessage({ key: 'timeline.scan', params: { code: 'RCF', place: 'FRA', pieces: 0 } }, 'en')).toBe('RCF at FRA, 0 pcs');
    expect(renderMessage({ key: 'timeline.scan', params: { code: 'DEP', place: 'EHU', flightNumber: 'O36921' } }, 'zh')).toBe('DEP，EHU，航班 O36921');
    expect(renderMessage({ key: 'timeline.TGC', params: { codes: 'DOCUMENTS, SCREENING', holdReasons: 'DOCUMENTS,SCREENING', explanation: 'HS code missing' } }, 'zh')).toBe('扣留（单证不全、待深度安检）：HS code missing');
  });
});
