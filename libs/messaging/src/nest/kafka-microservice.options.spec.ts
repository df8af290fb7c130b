import { Transport } from '@nestjs/microservices';
import { BatchServerKafka } from './batch-server-kafka';
import { kafkaMicroserviceOptions } from './kafka-microservice.options';
import { must } from '../testing/must';

describe('kafkaMicroserviceOptions', () => {
  const config = { brokers: ['127.0.0.1:9092'], clientId: 'customs-hold', groupId: 'customs-hold' };

  it('configures the Nest Kafka transport for raw values, explicit topics and new groups from the beginning', () => {
    const options = kafkaMicroserviceOptions(config);
    expect(options.transport).toBe(Transport.KAFKA);
    expect(options.options?.parser).toEqual({ keepBinary: true });
    expect(options.options?.consumer).toMatchObject({ groupId: 'customs-hold', allowAutoTopicCreation: false });
    expect(options.options?.producer).toMatchObject({ allowAutoTopicCreation: false });
    expect(options.options?.subscribe).toEqual({ fromBeginning: true });
    expect(options.options?.run).toMatchObject({ autoCommit: true });
  });

  it('consumes in batches (BatchServerKafka on the same options) unless batchMaxRecords is 0', () => {
    expect(kafkaMicroserviceOptions(config).strategy).toBeInstanceOf(BatchServerKafka);
    expect(kafkaMicroserviceOptions({ ...config, batchMaxRecords: 0 }).strategy).toBeUndefined();
  });

  it('returns fresh objects each call (ServerKafka appends -server to the group id in place)', () => {
    const first = kafkaMicroserviceOptions(config);
    must(must(first.options).consumer).groupId += '-server';
    expect(kafkaMicroserviceOptions(config).options?.consumer?.groupId).toBe('customs-hold');
  });
});
