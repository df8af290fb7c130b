import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HandlingScannedEvent, type CargoReceivedPayload, type HandlingScannedPayload } from '@cargo/contracts';
import { StationIntakeConfig } from '../config/station-intake.config';
import { diffIntakeContent, differencesAsFieldErrors } from '../domain/intake-content.comparator';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { Clock } from '@cargo/service-runtime';
import { validateIntakeInput } from './intake-input.validator';
import { intakeLimitsFrom } from './intake-rule-context.factory';
import { toIntakeView, type IntakeView } from './intake.view';
import { StationIntakeTransactionRunner } from './station-intake.ports';

type RegisterIntakeResult = { outcome: 'CREATED' | 'REPLAYED'; intake: IntakeView };

/**
 * Registers one shipment received at a station.
 *
 * Invariants:
 * - Validation happens before any write; a rejected intake writes nothing.
 * - The intake row, its `CargoReceived` event and the implied `RCS` scan (row + `HandlingScanned`
 *   event, happenedAt = receivedAt) are written in one transaction through the outbox: the two rows
 *   (and, on a re-post, the read of the intake on record) in one statement, then the two events.
 * - One intake per AWB: a re-post with the same content (ignoring `recordedAt`) returns the intake
 *   on record (`REPLAYED`, nothing written, no second event); different content is a
 *   `INTAKE.CONFLICT` listing the differing fields. Concurrent posts of one AWB serialise on the
 *   primary key, so exactly one of them creates it.
 */
@Injectable()
export class RegisterIntakeUseCase {
  constructor(
    @Inject(StationIntakeTransactionRunner) private readonly transactions: StationIntakeTransactionRunner,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(stationCode: string, raw: unknown, options: { correlationId?: string } = {}): Promise<RegisterIntakeResult> {
    const now = this.clock.now();
    const checked = await validateIntakeInput(raw, stationCode, intakeLimitsFrom(this.config), now);
    if (!checked.ok) throw new StationIntakeError(StationIntakeErrorCodes.IntakeInvalid, 'The intake is not valid; nothing was recorded.', checked.errors);
    return this.register(checked.payload, options.correlationId);
  }

  private register(payload: CargoReceivedPayload, correlationId?: string): Promise<RegisterIntakeResult> {
    const content = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    return this.transactions.run(async (uow) => {
      const eventId = randomUUID();
      const scanEventId = randomUUID();
      const receivedAt = new Date(payload.receivedAt);
      const recordedAt = new Date(payload.recordedAt);
      const { created, intake } = await uow.intakes.insertWithReceiptIfAbsent(
        {
          awb: payload.awb,
          stationCode: payload.stationCode,
          status: 'RECEIVED',
          statusAt: receivedAt,
          receivedAt,
          recordedAt,
          pieces: payload.pieces,
          grossWeightKg: payload.grossWeightKg,
          content,
          eventId,
          intakeVersion: 1,
          lastEventId: null,
          cancelledAt: null,
        },
        { eventId: scanEventId, awb: payload.awb, stationCode: payload.stationCode, code: 'RCS', happenedAt: receivedAt, recordedAt, truckId: null, pieces: payload.pieces, remarks: null },
      );
      if (!created) {
        if (intake.stationCode !== payload.stationCode) {
          // Another station's record is not this station's to read: no fields, no station named.
          throw new StationIntakeError(StationIntakeErrorCodes.IntakeConflict, `AWB ${payload.awb} was already received at another station; nothing was changed.`);
        }
        const differences = diffIntakeContent(intake.content, content);
        if (differences.length > 0) {
          throw new StationIntakeError(
            StationIntakeErrorCodes.IntakeConflict,
            `AWB ${payload.awb} was already received with different content; nothing was changed.`,
            differencesAsFieldErrors(differences),
          );
        }
        return { outcome: 'REPLAYED', intake: toIntakeView(intake) };
      }
      await uow.events.cargoReceived(payload, { id: eventId, correlationId });
      const scan: HandlingScannedPayload = Object.assign(new (HandlingScannedEvent.payload)(), {
        awb: payload.awb,
        stationCode: payload.stationCode,
        code: 'RCS' as const,
        place: payload.stationCode,
        pieces: payload.pieces,
        happenedAt: payload.receivedAt,
        recordedAt: payload.recordedAt,
      });
      await uow.events.handlingScanned(scan, { id: scanEventId, causation: { id: eventId, correlationid: correlationId ?? eventId } });
      return { outcome: 'CREATED', intake: toIntakeView(intake) };
    });
  }
}
