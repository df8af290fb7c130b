import { Inject, Injectable } from '@nestjs/common';
import { Awb, hubDayStart } from '@cargo/contracts';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { toIntakeView, type IntakeView } from './intake.view';
import { IntakeQueries } from './station-intake.ports';

export interface IntakePage {
  items: IntakeView[];
  page: number;
  pageSize: number;
  total: number;
}

/** Read side of the station API: one intake, pages of intakes. */
@Injectable()
export class QueryIntakesUseCase {
  constructor(@Inject(IntakeQueries) private readonly queries: IntakeQueries) {}

  async getIntake(stationCode: string, awbText: string): Promise<IntakeView> {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new StationIntakeError(StationIntakeErrorCodes.QueryInvalid, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    const row = await this.queries.findIntake(stationCode, parsed.value.toString());
    if (!row) throw new StationIntakeError(StationIntakeErrorCodes.IntakeNotFound, `No intake of ${parsed.value.toString()} at ${stationCode}.`);
    return toIntakeView(row);
  }

  async listIntakes(stationCode: string, query: { date?: string; status?: string; page: number; pageSize: number }): Promise<IntakePage> {
    let received: { from: Date; before: Date } | undefined;
    if (query.date) {
      const from = hubDayStart(query.date);
      received = { from, before: new Date(from.getTime() + 24 * 60 * 60 * 1000) };
    }
    const { rows, total } = await this.queries.listIntakes(stationCode, {
      received,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map(toIntakeView), page: query.page, pageSize: query.pageSize, total };
  }
}
