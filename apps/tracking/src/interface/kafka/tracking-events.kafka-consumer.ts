import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { KafkaEventConsumer, type ConsumeOutcome } from '@cargo/messaging';
import { TRACKED_TOPICS, TrackingRecordProcessor } from '../../infrastructure/kafka/tracking-record.processor';

/**
 * The live consumer of the six topics, on the NestJS Kafka transport (group
 * `TRACKING_CONSUMER_GROUP`, started in the background by messaging's `KafkaConsumerStarter`, so the
 * service boots and serves the read model while the broker is unreachable). Every record goes
 * through messaging's idempotent consumer into the projection: the records of a fetched batch in one
 * transaction, projected together by the set-based hook (`TrackingRecordProcessor.projectMany`),
 * one by one only when the hook fails (a poison record is then isolated); its offset is committed
 * only after it was applied or dead-lettered.
 */
@Controller()
export class TrackingEventsKafkaConsumer {
  constructor(
    @Inject(KafkaEventConsumer) private readonly events: KafkaEventConsumer,
    @Inject(TrackingRecordProcessor) private readonly processor: TrackingRecordProcessor,
  ) {}

  @EventPattern([...TRACKED_TOPICS])
  onEvent(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    const record = { topic: ctx.getTopic(), partition: ctx.getPartition(), offset: ctx.getMessage().offset };
    return this.processor.apply(record, (handlers) => this.events.consume(ctx, handlers, { batch: this.processor.projectMany }));
  }
}
