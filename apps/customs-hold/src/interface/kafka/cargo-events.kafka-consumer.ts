import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  EventCatalog,
  Topics,
  type CargoCancelledPayload,
  type CargoCorrectedPayload,
  type CargoReceivedPayload,
  type EventEnvelope,
  type HandlingScannedPayload,
} from '@cargo/contracts';
import { KafkaEventConsumer, type ConsumeOutcome, type MessagingTransaction } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { ApplyIntakeChangesUseCase } from '../../application/apply-intake-changes.use-case';
import { RecordDepartureUseCase } from '../../application/record-departure.use-case';
import { RegisterIntakeUseCase } from '../../application/register-intake.use-case';
import { unitOfWorkOf } from '../../infrastructure/outbox-customs-transaction.runner';

/**
 * Kafka consumer of `cargo.intake.v1` and `cargo.handling.v1`. Messaging's idempotent consumer
 * validates each record against its contract, applies it once (processed_events) in one transaction
 * with the outbox, retries and dead-letters.
 */
@Controller()
export class CargoEventsKafkaConsumer {
  constructor(
    private readonly events: KafkaEventConsumer,
    private readonly registerIntake: RegisterIntakeUseCase,
    private readonly recordDeparture: RecordDepartureUseCase,
    private readonly intakeChanges: ApplyIntakeChangesUseCase,
    private readonly clock: Clock,
  ) {}

  /**
   * cargo.intake.v1 → open the AWB's case, emit customs.hold.v1 or customs.release.v1; a station's
   * correction re-evaluates the case, a cancellation closes it.
   */
  @EventPattern(Topics.CargoIntake)
  onIntake(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.events.consume(ctx, {
      [EventCatalog.CargoReceived.type]: (envelope: EventEnvelope<CargoReceivedPayload>, tx: MessagingTransaction) =>
        this.registerIntake.execute(envelope.data, envelope.id, unitOfWorkOf(tx, this.clock)),
      [EventCatalog.CargoCorrected.type]: (envelope: EventEnvelope<CargoCorrectedPayload>, tx: MessagingTransaction) =>
        this.intakeChanges.onCorrected(envelope.data, unitOfWorkOf(tx, this.clock)),
      [EventCatalog.CargoCancelled.type]: (envelope: EventEnvelope<CargoCancelledPayload>, tx: MessagingTransaction) =>
        this.intakeChanges.onCancelled(envelope.data, unitOfWorkOf(tx, this.clock)),
    });
  }

  /** cargo.handling.v1 DEP scans → the case is departed (no more manual holds). */
  @EventPattern(Topics.CargoHandling)
  onHandling(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.events.consume(ctx, {
      [EventCatalog.HandlingScanned.type]: (envelope: EventEnvelope<HandlingScannedPayload>, tx: MessagingTransaction) =>
        this.recordDeparture.execute(envelope.data, unitOfWorkOf(tx, this.clock)),
    });
  }
}
