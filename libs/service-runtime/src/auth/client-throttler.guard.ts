import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Identity } from './identity.model';

/**
 * The per-client rate limit (`RATE_LIMIT_PER_MINUTE`): a verified caller is counted by its subject
 * (so one client behind a shared proxy address is not throttled for its neighbours), an anonymous
 * one by its address. Runs after the access guard, which sets the identity.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const identity = request['identity'] as Identity | undefined;
    return identity ? `subject:${identity.subject}` : `address:${String(request['ip'] ?? 'unknown')}`;
  }
}
