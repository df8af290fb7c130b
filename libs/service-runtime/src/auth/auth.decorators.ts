import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Identity, Role } from './identity.model';

export const ACCESS_RULE = 'cargo:access-rule';

/** Who may call a route. The guard refuses a route without a rule (closed by default). */
export interface AccessRule {
  /** `public`: anyone, a credential only enriches what is shown; `roles`: one of these roles. */
  kind: 'public' | 'roles';
  roles: readonly Role[];
  /** For the `station` role: the route parameter that must equal the caller's station. */
  stationParam?: string;
  /** Station API keys are accepted too (devices without a browser). */
  apiKeys?: boolean;
}

/** Open to anyone; a credential, when sent, is verified and available as `@CurrentIdentity()`. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_RULE, { kind: 'public', roles: [] } satisfies AccessRule);
}

/**
 * Only callers with one of `roles`. With `stationParam`, a `station` caller acts only for the
 * station named by that route parameter; with `apiKeys`, station or admin API keys (`x-api-key`)
 * are accepted besides bearer tokens.
 */
export function Authorize(roles: Role | readonly Role[], options: { stationParam?: string; apiKeys?: boolean } = {}): MethodDecorator & ClassDecorator {
  const list = typeof roles === 'string' ? [roles] : [...roles];
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'roles', roles: list, ...options } satisfies AccessRule),
    ApiBearerAuth('bearer'),
    ...(options.apiKeys ? [ApiSecurity('api-key')] : []),
    ApiUnauthorizedResponse({ description: 'No, expired or untrusted credential (`<P>.UNAUTHENTICATED`)' }),
    ApiForbiddenResponse({ description: `Not one of: ${list.join(', ')}${options.stationParam ? ' (stations: only their own)' : ''} (\`<P>.FORBIDDEN\`)` }),
  );
}

/** The verified identity of the caller (undefined on a public route called without a credential). */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity | undefined => {
  return context.switchToHttp().getRequest<{ identity?: Identity }>().identity;
});
