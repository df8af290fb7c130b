import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { OutboxRelay } from '../relay/outbox.relay';
import type { KafkaConsumerStarter } from './kafka-consumer.starter';

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
    private readonly starter?: KafkaConsumerStarter,
  ) {}

  /**
   * Whether Kafka consumption started (`consuming`), and the background start-up's state. Always
   * `up`: a service whose broker is down still serves, and its writes wait in the outbox. Part of
   * `/health/ready` as `kafka` (through `READINESS_CHECKS`).
   */
  consumption<const Key extends string>(key: Key): HealthIndicatorResult<Key> {
    const session = this.indicators.check(key);
    const start = this.starter?.startState;
    if (!start) return session.up({ consuming: false });
    return session.up({
      consuming: start.state === 'consuming',
      start: start.state,
      topicsProvisioned: start.topicsProvisioned,
      attempts: start.attempts,
      ...(start.lastError && start.state !== 'consuming' ? { lastError: start.lastError } : {}),
    });
  }

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
