import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ActorRole } from '@cargo/contracts';
import { HttpEdgeError, type Identity, type Role } from '@cargo/service-runtime';
import type { Actor, OfficerRole } from '../../domain/officer-permission.policy';

/** The platform role of a verified credential → the customs actor role recorded in the audit trail. */
const ACTOR_ROLE_OF: ReadonlyArray<[Role, OfficerRole]> = [
  ['customs-officer', ActorRole.CUSTOMS_OFFICER],
  ['screener', ActorRole.SECURITY_SCREENER],
  ['customs-system', ActorRole.CUSTOMS_SYSTEM],
];

/** The platform roles that may use the officer API at all (the route rule); each action checks its own. */
export const CUSTOMS_API_ROLES: readonly Role[] = ACTOR_ROLE_OF.map(([role]) => role);

/**
 * The acting officer or system, from the verified identity (token subject → audit actor id).
 * A credential with several customs roles acts in the first of officer, screener, system; the
 * domain policy then decides whether that role may take the action (403 otherwise).
 */
export function actorOf(identity: Identity | undefined): Actor {
  const role = ACTOR_ROLE_OF.find(([platformRole]) => identity?.roles.has(platformRole))?.[1];
  if (!identity || !role) throw new HttpEdgeError('FORBIDDEN', `The officer API needs one of the roles: ${CUSTOMS_API_ROLES.join(', ')}.`);
  return { role, id: identity.subject };
}

/** Controller parameter: the acting officer (see {@link actorOf}). */
export const OfficerIdentity = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => actorOf(ctx.switchToHttp().getRequest<{ identity?: Identity }>().identity));
