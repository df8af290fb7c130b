import { Inject, Injectable, Logger } from '@nestjs/common';
import { isDatabaseInputError, isDependencyUnavailable } from '@cargo/service-runtime';
import type { FieldError } from '@cargo/contracts';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { RegisterIntakeUseCase } from './register-intake.use-case';
import type { IntakeView } from './intake.view';

type BatchItemStatus = 'CREATED' | 'REPLAYED' | 'REJECTED' | 'CONFLICT';

interface BatchItemResult {
  /** Position in the request (0-based for `items`, the CSV line number for uploads). */
  index: number;
  awb?: string;
  status: BatchItemStatus;
  /** HTTP status this item would have had on its own (201, 200, 400, 409; 503 or 500 when it failed unexpectedly). */
  httpStatus: number;
  intake?: IntakeView;
  error?: { code: string; message: string; fields: FieldError[] };
}

export interface BatchResult {
  summary: Record<BatchItemStatus, number> & { total: number };
  results: BatchItemResult[];
}

/**
 * Registers several intakes, each on its own (own validation, own transaction): a bad item never
 * blocks or rolls back a good one. Items run one after another, so two items with the same AWB
 * behave like two posts (the second is REPLAYED or CONFLICT).
 */
@Injectable()
export class RegisterIntakeBatchUseCase {
  private readonly logger = new Logger('RegisterIntakeBatch');

  constructor(@Inject(RegisterIntakeUseCase) private readonly registerIntake: RegisterIntakeUseCase) {}

  /**
   * An item's failure is that item's outcome, never the batch's: earlier items stay committed and
   * later ones still run. A refusal keeps its code; an unreachable database is the item's 503; a
   * value the database refused is the item's 400; anything else is the item's 500 (logged).
   */
  private outcomeOfFailure(error: unknown, index: number): Pick<BatchItemResult, 'status' | 'httpStatus' | 'error'> {
    if (error instanceof StationIntakeError) {
      const conflict = error.code === StationIntakeErrorCodes.IntakeConflict;
      return { status: conflict ? 'CONFLICT' : 'REJECTED', httpStatus: conflict ? 409 : 400, error: { code: error.code, message: error.message, fields: [...error.fields] } };
    }
    if (isDependencyUnavailable(error)) {
      return { status: 'REJECTED', httpStatus: 503, error: { code: 'INTAKE.UNAVAILABLE', message: 'The database is unavailable; this item was not recorded. Retry it.', fields: [] } };
    }
    if (isDatabaseInputError(error)) {
      return { status: 'REJECTED', httpStatus: 400, error: { code: StationIntakeErrorCodes.IntakeInvalid, message: 'A value of this item cannot be stored; it was not recorded.', fields: [] } };
    }
    this.logger.error(`batch item ${index} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { status: 'REJECTED', httpStatus: 500, error: { code: 'INTAKE.INTERNAL', message: 'This item failed unexpectedly and was not recorded; the other items are unaffected.', fields: [] } };
  }

  async execute(stationCode: string, items: readonly { index: number; raw: unknown; errors?: FieldError[] }[], options: { correlationId?: string } = {}): Promise<BatchResult> {
    const results: BatchItemResult[] = [];
    let unavailable: unknown;
    for (const item of items) {
      const awb = awbOf(item.raw);
      if (item.errors && item.errors.length > 0) {
        results.push({ index: item.index, awb, status: 'REJECTED', httpStatus: 400, error: { code: 'INTAKE.INVALID', message: 'The item is not valid; nothing was recorded.', fields: item.errors } });
        continue;
      }
      try {
        const result = await this.registerIntake.execute(stationCode, item.raw, options);
        results.push({ index: item.index, awb: result.intake.awb, status: result.outcome, httpStatus: result.outcome === 'CREATED' ? 201 : 200, intake: result.intake });
      } catch (error) {
        const outcome = this.outcomeOfFailure(error, item.index);
        if (outcome.httpStatus === 503) unavailable = error;
        results.push({ index: item.index, awb, ...outcome });
      }
    }
    // Nothing committed and the database is gone: the whole request is a 503 the client retries.
    if (unavailable !== undefined && results.every((r) => r.httpStatus === 503)) throw unavailable;
    const summary = { total: results.length, CREATED: 0, REPLAYED: 0, REJECTED: 0, CONFLICT: 0 };
    for (const r of results) summary[r.status] += 1;
    return { summary, results };
  }
}

function awbOf(raw: unknown): string | undefined {
  const awb = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['awb'] : undefined;
  return typeof awb === 'string' ? awb : undefined;
}
