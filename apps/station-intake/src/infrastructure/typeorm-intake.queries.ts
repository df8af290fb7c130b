import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HomeHub } from '@cargo/contracts';
import type { DataSource } from 'typeorm';
import { IntakeQueries, type IntakeChangeEntry, type IntakeListFilter, type IntakeRecord } from '../application/station-intake.ports';
import { CANCELLED_STATUS } from '../domain/intake-change.rules';
import type { DispatchEntry, ShipmentLegState } from '../domain/dispatch-list.builder';
import { IntakeOrmEntity } from './intake.orm-entity';
import { ShipmentLegOrmEntity } from './shipment-leg.orm-entity';

/** Read side of the station API, straight from the service's tables. */
@Injectable()
export class TypeOrmIntakeQueries extends IntakeQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async findIntake(stationCode: string, awb: string): Promise<IntakeRecord | undefined> {
    return (await this.dataSource.getRepository(IntakeOrmEntity).findOneBy({ awb, stationCode })) ?? undefined;
  }

  async listIntakes(stationCode: string, filter: IntakeListFilter): Promise<{ rows: IntakeRecord[]; total: number }> {
    const qb = this.dataSource.getRepository(IntakeOrmEntity).createQueryBuilder('i').where('i.station_code = :stationCode', { stationCode });
    if (filter.received) qb.andWhere('i.received_at >= :from AND i.received_at < :to', { from: filter.received.from, to: filter.received.before });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    const [rows, total] = await qb.orderBy('i.received_at', 'DESC').addOrderBy('i.awb', 'ASC').skip(filter.offset).take(filter.limit).getManyAndCount();
    return { rows, total };
  }

  async dispatchEntries(stationCode: string, airport: HomeHub): Promise<DispatchEntry[]> {
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
    // A cancelled intake leaves the trucks at once, before flight-assignment's offload arrives.
    return legs.filter((leg) => intakeByAwb.get(leg.awb)?.status !== CANCELLED_STATUS).map((leg) => {
      const intake = intakeByAwb.get(leg.awb);
      const scanAt = (code: string) => scans.find((s) => s.awb === leg.awb && s.code === code)?.happened_at.toISOString() ?? null;
      return {
        leg: toLegState(leg),
        shipment: { pieces: intake?.pieces ?? null, grossWeightKg: intake?.grossWeightKg ?? null, loadedAt: scanAt('LOT'), truckDepartedAt: scanAt('TDP') },
      };
    });
  }

  async changesOf(stationCode: string, awb: string): Promise<IntakeChangeEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT "awb", "station_code", "action", "actor", "at", "reason", "before", "after", "event_id", "intake_version"
         FROM "${this.schema}"."intake_change_audit" WHERE "awb" = $1 AND "station_code" = $2 ORDER BY "seq"`,
      [awb, stationCode],
    )) as Array<{
      awb: string;
      station_code: string;
      action: IntakeChangeEntry['action'];
      actor: string;
      at: Date;
      reason: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      event_id: string;
      intake_version: number;
    }>;
    return rows.map((r) => ({
      awb: r.awb,
      stationCode: r.station_code,
      action: r.action,
      actor: r.actor,
      at: r.at,
      reason: r.reason,
      before: r.before,
      after: r.after,
      eventId: r.event_id,
      intakeVersion: r.intake_version,
    }));
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
    decisionVersion: row.decisionVersion,
  };
}
