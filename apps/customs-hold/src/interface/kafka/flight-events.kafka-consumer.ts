import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { EventCatalog, Topics, type AssignmentFailedPayload, type EventEnvelope, type FlightAssignedPayload, type FlightManifestClosedPayload } from '@cargo/contracts';
import { KafkaEventConsumer, type ConsumeOutcome, type MessagingTransaction } from '@cargo/messaging';
import { RecordTransportUseCase } from '../../application/record-transport.use-case';
import { TypeOrmTransportReferenceStore } from '../../infrastructure/typeorm-transport-reference.store';

/**
 * Kafka consumer of `flight.assignment.v1` and `flight.manifest.v1`: where each shipment is booked
 * and which manifest it closed on, for the transport reference of customs decisions. Validated,
 * applied once, retried and dead-lettered by messaging's idempotent consumer like every consumer.
 */
@Controller()
export class FlightEventsKafkaConsumer {
  constructor(
    private readonly events: KafkaEventConsumer,
    private readonly transport: RecordTransportUseCase,
  ) {}

  @EventPattern(Topics.FlightAssignment)
  onAssignment(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.events.consume(ctx, {
      [EventCatalog.FlightAssigned.type]: (envelope: EventEnvelope<FlightAssignedPayload>, tx: MessagingTransaction) =>
        this.transport.onAssigned(envelope.data, new TypeOrmTransportReferenceStore(tx.manager)),
      [EventCatalog.AssignmentFailed.type]: (envelope: EventEnvelope<AssignmentFailedPayload>, tx: MessagingTransaction) =>
        this.transport.onFailed(envelope.data, new TypeOrmTransportReferenceStore(tx.manager)),
    });
  }

  @EventPattern(Topics.FlightManifest)
  onManifest(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.events.consume(ctx, {
      [EventCatalog.FlightManifestClosed.type]: (envelope: EventEnvelope<FlightManifestClosedPayload>, tx: MessagingTransaction) =>
        this.transport.onManifest(envelope.id, envelope.data, new TypeOrmTransportReferenceStore(tx.manager)),
    });
  }
}
