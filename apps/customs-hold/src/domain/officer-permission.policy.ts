import { ActorRole } from '@cargo/contracts';
import { CustomsError, CustomsErrorCode } from './customs.error';

/** Someone who acts on a case: the rules engine (`SYSTEM`) or a named officer. */
export interface Actor {
  role: ActorRole;
  id: string;
}

export type OfficerRole = typeof ActorRole.CUSTOMS_OFFICER | typeof ActorRole.SECURITY_SCREENER | typeof ActorRole.CUSTOMS_SYSTEM;
export const OFFICER_ROLES: readonly OfficerRole[] = [ActorRole.CUSTOMS_OFFICER, ActorRole.SECURITY_SCREENER, ActorRole.CUSTOMS_SYSTEM];

export type OfficerAction = 'VIEW' | 'RELEASE' | 'MANUAL_HOLD' | 'SCREENING_RESULT' | 'LAB_RESULT';

/**
 * Who may do what. Customs decides releases, manual holds and lab results (two-stage access); a
 * customs authority's system may place and lift holds as a machine; security screening results
 * come from security screeners only; all three may read.
 */
export const OFFICER_PERMISSIONS: Readonly<Record<OfficerAction, readonly OfficerRole[]>> = {
  VIEW: [ActorRole.CUSTOMS_OFFICER, ActorRole.SECURITY_SCREENER, ActorRole.CUSTOMS_SYSTEM],
  RELEASE: [ActorRole.CUSTOMS_OFFICER, ActorRole.CUSTOMS_SYSTEM],
  MANUAL_HOLD: [ActorRole.CUSTOMS_OFFICER, ActorRole.CUSTOMS_SYSTEM],
  SCREENING_RESULT: [ActorRole.SECURITY_SCREENER],
  LAB_RESULT: [ActorRole.CUSTOMS_OFFICER],
};

/** @throws CustomsError `CUSTOMS.FORBIDDEN_ROLE` when the actor's role may not do `action`. */
export function assertMayAct(actor: Actor, action: OfficerAction): void {
  if (!(OFFICER_PERMISSIONS[action] as readonly string[]).includes(actor.role)) {
    throw new CustomsError(
      CustomsErrorCode.FORBIDDEN_ROLE,
      `${actor.role} ${actor.id} may not ${action.toLowerCase().replace('_', ' ')}; allowed: ${OFFICER_PERMISSIONS[action].join(', ')}`,
    );
  }
}
