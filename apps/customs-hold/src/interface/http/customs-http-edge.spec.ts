import { CustomsErrorCode } from '../../domain/customs.error';
import { CUSTOMS_HOLD_HTTP_ERRORS } from './customs-hold.http-errors';
import type { Identity, Role } from '@cargo/service-runtime';
import { actorOf } from './officer-identity.decorator';

describe('officer API edge', () => {
  it('maps every error code to a 4xx status', () => {
    const httpStatusOf = (code: CustomsErrorCode) => CUSTOMS_HOLD_HTTP_ERRORS[code];
    for (const code of Object.values(CustomsErrorCode)) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(httpStatusOf(CustomsErrorCode.FORBIDDEN_ROLE)).toBe(403);
    expect(httpStatusOf(CustomsErrorCode.CASE_NOT_FOUND)).toBe(404);
    expect(httpStatusOf(CustomsErrorCode.INVALID_REQUEST)).toBe(400);
  });

  it('takes the acting officer from the verified identity: role by platform role, id = token subject', () => {
    const identity = (roles: Role[]): Identity => ({ subject: 'kc-user-42', roles: new Set(roles), carriers: [], via: 'token' });
    expect(actorOf(identity(['customs-officer']))).toEqual({ role: 'CUSTOMS_OFFICER', id: 'kc-user-42' });
    expect(actorOf(identity(['screener']))).toEqual({ role: 'SECURITY_SCREENER', id: 'kc-user-42' });
    expect(actorOf(identity(['customs-system']))).toEqual({ role: 'CUSTOMS_SYSTEM', id: 'kc-user-42' });
    expect(() => actorOf(identity(['ops']))).toThrow(/officer API needs/);
    expect(() => actorOf(undefined)).toThrow(/officer API needs/);
  });
});
