import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { HttpEdgeError } from '../http/http-edge.types';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ACCESS_RULE, type AccessRule } from './auth.decorators';
import type { Identity } from './identity.model';
import { TokenVerifier } from './token.verifier';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  identity?: Identity;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The one access guard of every service (global). Establishes the caller from a verified bearer
 * token or, where a route allows it, an API key; then applies the route's {@link AccessRule}.
 * Closed by default: a route without a rule is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private apiKeys: ApiKeyAuthenticator | null | undefined;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const identity = await this.authenticate(request, rule);
    request.identity = identity;
    if (!rule) throw new HttpEdgeError('FORBIDDEN', 'This route has no access rule; it is closed.');
    if (rule.kind === 'public') return true;
    if (!identity) throw new HttpEdgeError('UNAUTHENTICATED', 'This request needs a credential: Authorization: Bearer <access token>' + (rule.apiKeys ? ' or a station API key in x-api-key.' : '.'));
    const station = rule.stationParam ? request.params?.[rule.stationParam]?.toUpperCase() : undefined;
    const allowed = rule.roles.some((role) => identity.roles.has(role) && (role !== 'station' || rule.stationParam === undefined || identity.station === station));
    if (!allowed) {
      const ownStationOnly = rule.roles.includes('station') && identity.roles.has('station');
      throw new HttpEdgeError('FORBIDDEN', ownStationOnly ? `A station acts only for itself; this credential is for ${identity.station ?? 'no station'}.` : `This needs one of the roles: ${rule.roles.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(request: GuardedRequest, rule: AccessRule | undefined): Promise<Identity | undefined> {
    const authorization = request.headers['authorization'];
    const apiKey = request.headers['x-api-key'];
    if (typeof authorization === 'string' && authorization !== '') {
      const match = BEARER.exec(authorization.trim());
      if (!match?.[1]) throw new HttpEdgeError('UNAUTHENTICATED', 'Authorization must be "Bearer <access token>".');
      return this.verifier.verify(match[1]);
    }
    if (typeof apiKey === 'string' && apiKey !== '') {
      const authenticator = this.apiKeyAuthenticator();
      if (!rule?.apiKeys || !authenticator) throw new HttpEdgeError('UNAUTHENTICATED', 'API keys are accepted only at station endpoints; use a bearer token.');
      return authenticator.authenticate(apiKey);
    }
    return undefined;
  }

  private apiKeyAuthenticator(): ApiKeyAuthenticator | null {
    if (this.apiKeys === undefined) {
      try {
        this.apiKeys = this.moduleRef.get(ApiKeyAuthenticator, { strict: false });
      } catch {
        this.apiKeys = null;
      }
    }
    return this.apiKeys ?? null;
  }
}
