import type { INestApplication } from '@nestjs/common';
import type { logLevel } from 'kafkajs';
import { KafkaConsumerStarter } from './kafka-consumer.starter';
import { kafkaMicroserviceOptions, type KafkaMicroserviceConfig } from './kafka-microservice.options';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/**
 * Connects the service's Kafka consumer (the NestJS Kafka transport, set up by
 * {@link kafkaMicroserviceOptions} with the module's brokers, client id and group id) and hands its
 * start to the {@link KafkaConsumerStarter}, which starts it in the background after bootstrap (topics
 * first when `provisionTopics: 'background'`), retrying while the broker is down. Call it in the
 * service definition's `configure`, before `app.init()`/`listen()`:
 *
 * ```ts
 * configure: (app) => connectKafkaConsumer(app),
 * ```
 */
export function connectKafkaConsumer(
  app: INestApplication,
  overrides: Partial<Omit<KafkaMicroserviceConfig, 'brokers' | 'clientId' | 'groupId'>> & { logLevel?: logLevel } = {},
): KafkaConsumerStarter {
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  app.connectMicroservice(
    kafkaMicroserviceOptions({
      brokers: options.brokers,
      security: options.security,
      clientId: options.clientId,
      groupId: options.groupId,
      logLevel: options.kafkaLogLevel,
      partitionsConsumedConcurrently: options.consumer.concurrency,
      sessionTimeoutMs: options.consumer.sessionTimeoutMs,
      batchMaxRecords: options.consumer.batchMaxRecords,
      ...overrides,
    }),
    { inheritAppConfig: true },
  );
  const starter = app.get(KafkaConsumerStarter);
  starter.attach(() => app.startAllMicroservices());
  return starter;
}
