import { Inject, Injectable } from '@nestjs/common';
import type { HomeHub } from '@cargo/contracts';
import { findStation } from '@cargo/seeds';
import { buildDispatchList, type DispatchList } from '../domain/dispatch-list.builder';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { IntakeQueries } from './station-intake.ports';

/** A station's truck dispatch list to one airport (see buildDispatchList). */
@Injectable()
export class GetDispatchListUseCase {
  constructor(@Inject(IntakeQueries) private readonly queries: IntakeQueries) {}

  async execute(stationCode: string, airport: HomeHub): Promise<DispatchList> {
    const station = findStation(stationCode);
    if (!station) throw new StationIntakeError(StationIntakeErrorCodes.StationUnknown, `Station ${stationCode} is not a station of the network.`);
    const entries = await this.queries.dispatchEntries(stationCode, airport);
    return buildDispatchList({ stationCode, airport, truckMinutes: station.truckMinutes[airport], entries });
  }
}
