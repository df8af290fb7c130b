import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { AssignmentFailedEvent, FlightAssignedEvent, Topics, type AssignmentFailedPayload, type EventEnvelope, type FlightAssignedPayload } from '@cargo/contracts';
import { KafkaEventConsumer, type ConsumeOutcome } from '@cargo/messaging';
import { Clock } from '@cargo/service-runtime';
import { ApplyFlightAssignmentUseCase } from '../../application/apply-flight-assignment.use-case';
import { unitOfWorkOf } from '../../infrastructure/outbox-station-intake-transaction.runner';

/**
 * Consumes `flight.assignment.v1` (both event types on it) into the stations' dispatch lists,
 * through messaging's idempotent consumer (validation, dedup, retries, dead letters).
 */
@Controller()
export class FlightAssignmentKafkaConsumer {
  constructor(
    @Inject(KafkaEventConsumer) private readonly events: KafkaEventConsumer,
    @Inject(ApplyFlightAssignmentUseCase) private readonly applyAssignment: ApplyFlightAssignmentUseCase,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @EventPattern(Topics.FlightAssignment)
  onAssignment(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<ConsumeOutcome> {
    return this.events.consume(ctx, {
      [FlightAssignedEvent.type]: (envelope, tx) => this.applyAssignment.onAssigned(envelope as EventEnvelope<FlightAssignedPayload>, unitOfWorkOf(tx, this.clock)),
      [AssignmentFailedEvent.type]: (envelope, tx) => this.applyAssignment.onFailed(envelope as EventEnvelope<AssignmentFailedPayload>, unitOfWorkOf(tx, this.clock)),
    });
  }
}
