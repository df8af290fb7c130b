import type { OutboxRelay, OutboxRelayMetrics } from '../relay/outbox.relay';
import type { KafkaConsumerStarter, KafkaConsumerStartState } from './kafka-consumer.starter';
import { MessagingHealthIndicator } from './messaging.health-indicator';

function relayWith(metrics: Partial<OutboxRelayMetrics>): OutboxRelay {
  const full: OutboxRelayMetrics = {
    state: 'running',
    published: 10,
    batches: 1,
    failures: 0,
    consecutiveFailures: 0,
    producerConnected: true,
    listening: true,
    ...metrics,
  };
  return { metrics: () => full } as unknown as OutboxRelay;
}

describe('MessagingHealthIndicator', () => {
  it('is up while the relay runs and publishes', () => {
    expect(new MessagingHealthIndicator(relayWith({}), true).isHealthy('messaging')).toEqual({
      messaging: { status: 'up', relay: 'running', published: 10, consecutiveFailures: 0, producerConnected: true, listening: true },
    });
  });

  it('is down when the relay keeps failing (broker or database unreachable) or is not running', () => {
    expect(
      new MessagingHealthIndicator(relayWith({ consecutiveFailures: 3, lastError: 'Connection error' }), true).isHealthy('messaging').messaging
        .status,
    ).toBe('down');
    expect(new MessagingHealthIndicator(relayWith({ state: 'stopped' }), true).isHealthy('messaging').messaging.status).toBe('down');
  });

  it('is up when this process runs no relay', () => {
    expect(new MessagingHealthIndicator(relayWith({ state: 'idle' }), false).isHealthy('messaging').messaging.status).toBe('up');
  });

  describe('consumption (the kafka detail of /health/ready)', () => {
    const starterIn = (startState: KafkaConsumerStartState) => ({ startState }) as unknown as KafkaConsumerStarter;

    it('stays up while the broker is down, saying consumption has not started and why', () => {
      const starter = starterIn({ state: 'starting', topicsProvisioned: false, attempts: 4, lastError: 'Connection error' });
      expect(new MessagingHealthIndicator(relayWith({}), true, 3, starter).consumption('kafka')).toEqual({
        kafka: { status: 'up', consuming: false, start: 'starting', topicsProvisioned: false, attempts: 4, lastError: 'Connection error' },
      });
    });

    it('says consuming once the transport started', () => {
      const starter = starterIn({ state: 'consuming', topicsProvisioned: true, attempts: 5, lastError: 'Connection error' });
      expect(new MessagingHealthIndicator(relayWith({}), true, 3, starter).consumption('kafka')).toEqual({
        kafka: { status: 'up', consuming: true, start: 'consuming', topicsProvisioned: true, attempts: 5 },
      });
    });
  });
});
