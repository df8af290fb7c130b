import type { OutboxRelay, OutboxRelayMetrics } from '../relay/outbox.relay';
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
});
