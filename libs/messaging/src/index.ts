/**
 * @cargo/messaging — reliable event plumbing shared by every service: CloudEvents on the wire,
 * transactional outbox + relay, idempotent consumers with retries and dead letters, topic
 * provisioning, and the NestJS wiring. See README.md.
 */
export * from './errors/messaging.error';

export * from './codec/cloud-event.headers';
export * from './codec/cloud-event.codec';
export * from './codec/trace-context';

export * from './outbox/outbox-message.orm-entity';
export * from './outbox/processed-event.orm-entity';
export * from './outbox/create-messaging-tables.migration';
export * from './outbox/add-outbox-trace-context.migration';
export * from './outbox/outbox.writer';
export * from './outbox/messaging-transaction';
export * from './outbox/messaging-schema';

export * from './relay/outbox.relay';
export * from './retention/messaging-retention.purger';
export * from './retention/add-processed-events-retention-index.migration';
export * from './relay/pg-channel.listener';
export * from './relay/pg-client-config';

export * from './consumer/consumed-record';
export * from './consumer/event.registry';
export * from './consumer/failure.classifier';
export * from './consumer/dead-letter.publisher';
export * from './consumer/idempotent-consumer.service';

export * from './kafka/kafka-client.factory';
export * from './kafka/topic-provisioner.service';
export * from './config/messaging.config';

export * from './shared/backoff';
export * from './shared/messaging.logger';
export * from './shared/messaging.observer';
export * from './shared/log-fields';
export * from './telemetry/messaging.metrics';

export * from './nest/messaging.options';
export * from './nest/kafka-microservice.options';
export * from './nest/batch-server-kafka';
export * from './nest/kafka-event.consumer';
export * from './nest/kafka-consumer.starter';
export * from './nest/connect-kafka-consumer';
export * from './nest/messaging.health-indicator';
export * from './nest/messaging.lifecycle';
export * from './nest/messaging.module';
export * from './kafka/kafka-security.config';
