import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Awb, type HomeHub } from '@cargo/contracts';
import { findStation } from '@cargo/seeds';
import type { DataSource } from 'typeorm';
import { buildDispatchList, type DispatchEntry, type DispatchList, type ShipmentLegState } from '../domain/dispatch';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { IntakeOrmEntity } from '../infrastructure/intake.orm-entity';
import { ShipmentLegOrmEntity } from '../infrastructure/shipment-leg.orm-entity';
import { toIntakeView, type IntakeView } from './intake.view';

export interface IntakePage {
  items: IntakeView[];
  page: number;
  pageSize: number;
  total: number;
}

/** Stations are in China: a "date" of intakes is a local (UTC+8) calendar day. */
export const STATION_UTC_OFFSET = '+08:00';

/** Read side of the station API: one intake, pages of intakes, truck dispatch lists. */
@Injectable()
export class IntakeQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getIntake(stationCode: string, awbText: string): Promise<IntakeView> {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new StationIntakeError(StationIntakeErrorCodes.QueryInvalid, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    const row = await this.dataSource.getRepository(IntakeOrmEntity).findOneBy({ awb: parsed.value.toString(), stationCode });
    if (!row) throw new StationIntakeError(StationIntakeErrorCodes.IntakeNotFound, `No intake of ${parsed.value.toString()} at ${stationCode}.`);
    return toIntakeView(row);
  }

  async listIntakes(stationCode: string, query: { date?: string; status?: string; page: number; pageSize: number }): Promise<IntakePage> {
    const qb = this.dataSource.getRepository(IntakeOrmEntity).createQueryBuilder('i').where('i.station_code = :stationCode', { stationCode });
    if (query.date) {
      const from = new Date(`${query.date}T00:00:00${STATION_UTC_OFFSET}`);
      const to = new Date(from.getTime() + 24 * 60 * 60 * 1000);
      qb.andWhere('i.received_at >= :from AND i.received_at < :to', { from, to });
    }
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('i.received_at', 'DESC')
      .addOrderBy('i.awb', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(toIntakeView), page: query.page, pageSize: query.pageSize, total };
  }

  async dispatchList(stationCode: string, airport: HomeHub): Promise<DispatchList> {
    const station = findStation(stationCode);
    if (!station) throw new StationIntakeError(StationIntakeErrorCodes.StationUnknown, `Station ${stationCode} is not a station of the network.`);
    const legs = await this.dataSource.getRepository(ShipmentLegOrmEntity).findBy({ stationCode, origin: airport, onLeg: true });
    const awbs = legs.map((leg) => leg.awb);
    const intakes = awbs.length === 0 ? [] : await this.dataSource.getRepository(IntakeOrmEntity).createQueryBuilder('i').where('i.awb IN (:...awbs)', { awbs }).getMany();
    const scans: { awb: string; code: string; happened_at: Date }[] =
      awbs.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT DISTINCT ON ("awb", "code") "awb", "code", "happened_at" FROM "${this.schema}"."handling_scan"
              WHERE "awb" = ANY($1) AND "code" IN ('LOT', 'TDP') ORDER BY "awb", "code", "happened_at" DESC`,
            [awbs],
          );
    const intakeByAwb = new Map(intakes.map((i) => [i.awb, i]));
    const entries: DispatchEntry[] = legs.map((leg) => {
      const intake = intakeByAwb.get(leg.awb);
      const scanAt = (code: string) => scans.find((s) => s.awb === leg.awb && s.code === code)?.happened_at.toISOString() ?? null;
      return {
        leg: toLegState(leg),
        shipment: { pieces: intake?.pieces ?? null, grossWeightKg: intake?.grossWeightKg ?? null, loadedAt: scanAt('LOT'), truckDepartedAt: scanAt('TDP') },
      };
    });
    return buildDispatchList({ stationCode, airport, truckMinutes: station.truckMinutes[airport], entries });
  }

  private get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }
}

export function toLegState(row: ShipmentLegOrmEntity): ShipmentLegState {
  return {
    awb: row.awb,
    stationCode: row.stationCode,
    onLeg: row.onLeg,
    outcome: row.outcome,
    flightId: row.flightId,
    flightNumber: row.flightNumber,
    origin: row.origin as HomeHub | null,
    destination: row.destination,
    departureAt: row.departureAt,
    cutoffAt: row.cutoffAt,
    aircraftKind: row.aircraftKind,
    chargeableWeightKg: row.chargeableWeightKg,
    decidedAt: row.decidedAt,
  };
}
