import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CustomsError, CustomsErrorCode } from '../../domain/customs.error';
import { OFFICER_ROLES, type Actor } from '../../domain/officer-permission.policy';

type Headers = Record<string, string | string[] | undefined>;

export const OFFICER_ID_HEADER = 'x-officer-id';
export const OFFICER_ROLE_HEADER = 'x-officer-role';
const OFFICER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The acting officer from the `x-officer-id` / `x-officer-role` headers.
 *
 * Trust model: this service does not authenticate anyone itself. A real deployment puts an
 * authenticating proxy (customs SSO) in front that strips these headers from the client request
 * and sets them from the verified identity; the service must not be reachable around that proxy.
 *
 * @throws CustomsError `CUSTOMS.UNAUTHENTICATED` when a header is missing or malformed, or the
 * role is not CUSTOMS_OFFICER or SECURITY_SCREENER.
 */
export function actorFromHeaders(headers: Headers): Actor {
  const id = single(headers[OFFICER_ID_HEADER]);
  const role = single(headers[OFFICER_ROLE_HEADER]);
  const fields: { field: string; message: string }[] = [];
  if (!id || !OFFICER_ID_PATTERN.test(id)) fields.push({ field: OFFICER_ID_HEADER, message: `${OFFICER_ID_HEADER} must identify the officer (1-64 letters, digits, ".", "_" or "-")` });
  if (!role || !(OFFICER_ROLES as readonly string[]).includes(role)) fields.push({ field: OFFICER_ROLE_HEADER, message: `${OFFICER_ROLE_HEADER} must be one of ${OFFICER_ROLES.join(', ')}` });
  if (fields.length > 0 || !id) throw new CustomsError(CustomsErrorCode.UNAUTHENTICATED, 'Missing or invalid officer identity', fields);
  return { role: role as Actor['role'], id };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Controller parameter: the acting officer (see {@link actorFromHeaders}). */
export const OfficerIdentity = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorFromHeaders(ctx.switchToHttp().getRequest<{ headers: Headers }>().headers),
);
