import { CustomsErrorCode, type CustomsError } from '../../domain/customs.error';
import { CUSTOMS_HOLD_HTTP_ERRORS } from './customs-hold.http-errors';
import { actorFromHeaders } from './officer-identity.decorator';

describe('officer API edge', () => {
  it('maps every error code to a 4xx status', () => {
    const httpStatusOf = (code: CustomsErrorCode) => CUSTOMS_HOLD_HTTP_ERRORS[code];
    for (const code of Object.values(CustomsErrorCode)) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(httpStatusOf(CustomsErrorCode.UNAUTHENTICATED)).toBe(401);
    expect(httpStatusOf(CustomsErrorCode.FORBIDDEN_ROLE)).toBe(403);
    expect(httpStatusOf(CustomsErrorCode.CASE_NOT_FOUND)).toBe(404);
    expect(httpStatusOf(CustomsErrorCode.INVALID_REQUEST)).toBe(400);
  });

  it('reads the officer from the headers', () => {
    expect(actorFromHeaders({ 'x-officer-id': 'CUS-0001', 'x-officer-role': 'CUSTOMS_OFFICER' })).toEqual({ role: 'CUSTOMS_OFFICER', id: 'CUS-0001' });
    expect(actorFromHeaders({ 'x-officer-id': ['SEC-1', 'SEC-2'], 'x-officer-role': 'SECURITY_SCREENER' })).toEqual({ role: 'SECURITY_SCREENER', id: 'SEC-1' });
  });

  it.each([
    [{}, ['x-officer-id', 'x-officer-role']],
    [{ 'x-officer-id': 'CUS-0001' }, ['x-officer-role']],
    [{ 'x-officer-id': 'CUS-0001', 'x-officer-role': 'SYSTEM' }, ['x-officer-role']],
    [{ 'x-officer-id': 'has spaces', 'x-officer-role': 'CUSTOMS_OFFICER' }, ['x-officer-id']],
  ])('rejects %j as unauthenticated', (headers, fields) => {
    let error: CustomsError | undefined;
    try {
      actorFromHeaders(headers);
    } catch (e) {
      error = e as CustomsError;
    }
    expect(error?.code).toBe(CustomsErrorCode.UNAUTHENTICATED);
    expect(error?.fields.map((f) => f.field)).toEqual(fields);
  });
});
