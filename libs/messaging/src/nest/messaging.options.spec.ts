import type { DataSource } from 'typeorm';
import { MessagingError } from '../errors/messaging.error';
import { resolveMessagingOptions } from './messaging.options';

const dataSource = { options: { schema: 'customs_hold' } } as unknown as DataSource;

describe('resolveMessagingOptions', () => {
  it('derives names from the service name and fills defaults', () => {
    const o = resolveMessagingOptions({ serviceName: 'customs-hold', dataSource, brokers: ['k:9092'], topics: ['cargo.intake.v1'] });
    expect(o).toMatchObject({
      source: '/services/customs-hold',
      schema: 'customs_hold',
      clientId: 'customs-hold',
      groupId: 'customs-hold',
      partitions: 3,
      replicationFactor: 1,
      provisionTopics: true,
      relay: { enabled: true, batchSize: 200 },
      consumer: { consumerName: 'customs-hold', maxAttempts: 5 },
    });
    expect(o.events.length).toBeGreaterThan(0);
  });

  it('rejects a data source without a schema and an empty broker list', () => {
    expect(() =>
      resolveMessagingOptions({ serviceName: 'x', dataSource: { options: {} } as unknown as DataSource, brokers: [], topics: [] }),
    ).toThrow(MessagingError);
  });
});
