import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  EventCatalog,
  Topics,
  type CargoCancelledPayload,
  type CargoCorrectedPayload,
  type CargoReceivedPayload,
  type CustomsHoldPlacedPayload,
  type CustomsReleasedPayload,
  type EventEnvelope,
} from '@cargo/contracts';
import { KafkaEventConsumer, type ConsumeOutcome, type MessagingTransaction } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { ApplyIntakeChangesUseCase } from '../../application/apply-intake-changes.use-case';
import { ApplyShipmentEventsUseCase } from '../../application/apply-shipment-events.use-case';
import { unitOfWorkOf } from '../../infrastructure/outbox-unit-of-work.runner';

/**
 * Consumes `cargo.intake.v1`, `customs.release.v1` and `customs.hold.v1` through @cargo/messaging:
 * validated against the contracts, applied exactly once in a transaction with the outbox, retried,
 * dead-lettered to `<topic>.dlq` when poison.
 */
@Controller()
export class ShipmentEventsKafkaConsumer {
  constructor(
    @Inject(KafkaEventConsumer) private readonly consumer: KafkaEventConsumer,
    private readonly shipmentEvents: ApplyShipmentEventsUseCase,
    @Inject(Clock) private readonly clock: Clock,
    private readonly intakeChanges: ApplyIntakeChangesUseCase,
  ) {}

  @EventPattern(Topics.CargoIntake)
  onIntake(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.consumer.consume(ctx, {
      [EventCatalog.CargoReceived.type]: (e: EventEnvelope<CargoReceivedPayload>, tx: MessagingTransaction) => this.shipmentEvents.onIntake(unitOfWorkOf(tx, this.clock), e.data),
      [EventCatalog.CargoCorrected.type]: (e: EventEnvelope<CargoCorrectedPayload>, tx: MessagingTransaction) => this.intakeChanges.onCorrected(unitOfWorkOf(tx, this.clock), e.data),
      [EventCatalog.CargoCancelled.type]: (e: EventEnvelope<CargoCancelledPayload>, tx: MessagingTransaction) => this.intakeChanges.onCancelled(unitOfWorkOf(tx, this.clock), e.data),
    });
  }

  @EventPattern(Topics.CustomsRelease)
  onRelease(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.consumer.consume(ctx, {
      [EventCatalog.CustomsReleased.type]: (e: EventEnvelope<CustomsReleasedPayload>, tx: MessagingTransaction) => this.shipmentEvents.onRelease(unitOfWorkOf(tx, this.clock), e.data),
    });
  }

  @EventPattern(Topics.CustomsHold)
  onHold(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.consumer.consume(ctx, {
      [EventCatalog.CustomsHoldPlaced.type]: (e: EventEnvelope<CustomsHoldPlacedPayload>, tx: MessagingTransaction) => this.shipmentEvents.onHold(unitOfWorkOf(tx, this.clock), e.data),
    });
  }
}
