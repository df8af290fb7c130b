import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { OutboxRelay } from '../relay/outbox.relay';

/**
 * Terminus health indicator: `down` when the relay is not running or has failed `failureThreshold`
 * times in a row (broker or database unreachable: rows are piling up in the outbox).
 *
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.messaging.isHealthy('messaging')]); }
 * ```
 */
export class MessagingHealthIndicator {
  private readonly indicators = new HealthIndicatorService();

  constructor(
    private readonly relay: OutboxRelay,
    private readonly relayEnabled: boolean,
    private readonly failureThreshold = 3,
  ) {}

  isHealthy<const Key extends string>(key: Key): HealthIndicatorResult<Key> {
    const session = this.indicators.check(key);
    if (!this.relayEnabled) return session.up({ relay: 'disabled' });
    const m = this.relay.metrics();
    const details = {
      relay: m.state,
      published: m.published,
      consecutiveFailures: m.consecutiveFailures,
      producerConnected: m.producerConnected,
      listening: m.listening,
      ...(m.lastError ? { lastError: m.lastError } : {}),
    };
    const healthy = m.state === 'running' && m.consecutiveFailures < this.failureThreshold;
    return healthy ? session.up(details) : session.down(details);
  }
}
