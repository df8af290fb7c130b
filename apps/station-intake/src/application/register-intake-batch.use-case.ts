import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '@cargo/contracts';
import { StationIntakeError } from '../domain/station-intake.error';
import { RegisterIntakeUseCase } from './register-intake.use-case';
import type { IntakeView } from './intake.view';

export type BatchItemStatus = 'CREATED' | 'REPLAYED' | 'REJECTED' | 'CONFLICT';

export interface BatchItemResult {
  /** Position in the request (0-based for `items`, the CSV line number for uploads). */
  index: number;
  awb?: string;
  status: BatchItemStatus;
  /** HTTP status this item would have had on its own (201, 200, 400, 409). */
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
  constructor(@Inject(RegisterIntakeUseCase) private readonly registerIntake: RegisterIntakeUseCase) {}

  async execute(stationCode: string, items: readonly { index: number; raw: unknown; errors?: FieldError[] }[], options: { correlationId?: string } = {}): Promise<BatchResult> {
    const results: BatchItemResult[] = [];
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
        if (!(error instanceof StationIntakeError)) throw error;
        const conflict = error.code === 'INTAKE.CONFLICT';
        results.push({
          index: item.index,
          awb,
          status: conflict ? 'CONFLICT' : 'REJECTED',
          httpStatus: conflict ? 409 : 400,
          error: { code: error.code, message: error.message, fields: error.fields },
        });
      }
    }
    const summary = { total: results.length, CREATED: 0, REPLAYED: 0, REJECTED: 0, CONFLICT: 0 };
    for (const r of results) summary[r.status] += 1;
    return { summary, results };
  }
}

function awbOf(raw: unknown): string | undefined {
  const awb = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['awb'] : undefined;
  return typeof awb === 'string' ? awb : undefined;
}
