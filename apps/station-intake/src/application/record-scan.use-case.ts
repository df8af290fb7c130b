import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HandlingScannedEvent, validatePayload, type FieldError, type HandlingScannedPayload } from '@cargo/contracts';
import { StationIntakeConfig } from '../config/station-intake.config';
import { checkScanRules, scanUpdatesStatus, statusAfterScan, STATION_SCAN_CODES, type StationScanCode } from '../domain/scan.rules';
import { CANCELLED_STATUS, cancelled } from '../domain/intake-change.rules';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { Clock } from '@cargo/service-runtime';
import { intakeLimitsFrom } from './intake-rule-context.factory';
import { StationIntakeTransactionRunner, type ScanRecord } from './station-intake.ports';

export interface ScanView {
  eventId: string;
  awb: string;
  stationCode: string;
  code: string;
  happenedAt: string;
  recordedAt: string;
  truckId: string | null;
  pieces: number | null;
  remarks: string | null;
  /** The shipment's station status after this scan. */
  intakeStatus: string;
}

type RecordScanResult = { outcome: 'CREATED' | 'REPLAYED'; scan: ScanView };

/** Fields a station scan may carry (the rest of HandlingScanned is for airports and flights). */
const SCAN_FIELDS = ['awb', 'code', 'happenedAt', 'recordedAt', 'truckId', 'airport', 'pieces', 'remarks'] as const;

/**
 * Records a handling scan posted by a station terminal for a shipment received at that station.
 *
 * Invariants:
 * - The scan row, its `HandlingScanned` event and the intake's status change commit together.
 * - A scan is identified by (AWB, code, happenedAt): a re-post with the same details is `REPLAYED`
 *   (no second event); different details under the same identity are `INTAKE.SCAN_CONFLICT`.
 * - The status follows the latest scan by `happenedAt`, not by arrival (see scanUpdatesStatus).
 * - A cancelled intake takes no more scans (`INTAKE.CANCELLED`, 409).
 */
@Injectable()
export class RecordScanUseCase {
  constructor(
    @Inject(StationIntakeTransactionRunner) private readonly transactions: StationIntakeTransactionRunner,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(stationCode: string, raw: unknown, options: { correlationId?: string } = {}): Promise<RecordScanResult> {
    const now = this.clock.now();
    const payload = await this.shape(stationCode, raw, now);
    const code = payload.code as StationScanCode;
    return this.transactions.run(async (uow) => {
      const intake = await uow.intakes.findByAwb(payload.awb);
      if (!intake || intake.stationCode !== stationCode) {
        throw new StationIntakeError(
          StationIntakeErrorCodes.ScanShipmentNotReceived,
          `AWB ${payload.awb} has not been received at ${stationCode}: post the intake first.`,
          [{ field: 'awb', message: `no intake of ${payload.awb} at ${stationCode}` }],
        );
      }
      if (intake.status === CANCELLED_STATUS) throw cancelled(intake.awb);
      const ruleErrors = checkScanRules(
        { code, airport: airportOf(raw), happenedAt: payload.happenedAt, recordedAt: payload.recordedAt, truckId: payload.truckId, pieces: payload.pieces },
        { now, limits: { clockSkewToleranceMs: intakeLimitsFrom(this.config).clockSkewToleranceMs }, intake: { receivedAt: intake.receivedAt, pieces: intake.pieces } },
      );
      if (ruleErrors.length > 0) throw new StationIntakeError(StationIntakeErrorCodes.ScanInvalid, 'The scan is not valid; nothing was recorded.', ruleErrors);

      const eventId = randomUUID();
      const happenedAt = new Date(payload.happenedAt);
      const row: ScanRecord = {
        eventId,
        awb: payload.awb,
        stationCode,
        code,
        happenedAt,
        recordedAt: new Date(payload.recordedAt),
        truckId: payload.truckId ?? null,
        pieces: payload.pieces ?? null,
        remarks: payload.remarks ?? null,
      };
      if (!(await uow.scans.insertIfAbsent(row))) {
        const existing = await uow.scans.getByIdentity(payload.awb, code, happenedAt);
        const differing: FieldError[] = (['truckId', 'pieces', 'remarks'] as const)
          .filter((field) => existing[field] !== row[field])
          .map((field) => ({ field, message: `on record: ${JSON.stringify(existing[field])}; submitted: ${JSON.stringify(row[field])}` }));
        if (differing.length > 0) {
          throw new StationIntakeError(StationIntakeErrorCodes.ScanConflict, `A ${code} scan of ${payload.awb} at ${payload.happenedAt} is already recorded with other details.`, differing);
        }
        return { outcome: 'REPLAYED', scan: toScanView(existing, intake.status) };
      }
      await uow.events.handlingScanned(payload, { id: eventId, correlationId: options.correlationId });
      let status = intake.status;
      if (scanUpdatesStatus(happenedAt, intake.statusAt)) {
        status = statusAfterScan(code);
        await uow.intakes.updateStatus(intake.awb, status, happenedAt);
      }
      return { outcome: 'CREATED', scan: toScanView(row, status) };
    });
  }

  /** Shape and vocabulary checks; the payload is the HandlingScanned contract with place = the station (the airport for TAR). */
  private async shape(stationCode: string, raw: unknown, now: Date): Promise<HandlingScannedPayload> {
    const invalid = (fields: FieldError[]) => new StationIntakeError(StationIntakeErrorCodes.ScanInvalid, 'The scan is not valid; nothing was recorded.', fields);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid([{ field: '', message: 'a scan must be a JSON object' }]);
    const input = raw as Record<string, unknown>;
    const unknown = Object.keys(input).filter((key) => !(SCAN_FIELDS as readonly string[]).includes(key));
    if (unknown.length > 0) throw invalid(unknown.map((field) => ({ field, message: `${field} is not a field of a station scan (allowed: ${SCAN_FIELDS.join(', ')})` })));
    if (!(STATION_SCAN_CODES as readonly unknown[]).includes(input['code'])) {
      throw invalid([{ field: 'code', message: `code must be one of ${STATION_SCAN_CODES.join(', ')} (scans a station terminal posts)` }]);
    }
    // A TAR happens at the airport the truck reached; every other station scan at the station.
    const { airport, ...scan } = input;
    const place = scan['code'] === 'TAR' && typeof airport === 'string' ? airport : stationCode;
    const shaped = await validatePayload(HandlingScannedEvent, { ...scan, stationCode, place, recordedAt: input['recordedAt'] ?? now.toISOString() });
    if (!shaped.ok) throw invalid(shaped.errors);
    const payload = shaped.value;
    payload.happenedAt = new Date(payload.happenedAt).toISOString();
    payload.recordedAt = new Date(payload.recordedAt).toISOString();
    return payload;
  }
}

/** The `airport` a TAR names, as posted (checked by the scan rules). */
function airportOf(raw: unknown): string | undefined {
  const airport = (raw as Record<string, unknown>)['airport'];
  return airport === undefined ? undefined : String(airport);
}

function toScanView(row: ScanRecord, intakeStatus: string): ScanView {
  return {
    eventId: row.eventId,
    awb: row.awb,
    stationCode: row.stationCode,
    code: row.code,
    happenedAt: row.happenedAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    truckId: row.truckId,
    pieces: row.pieces,
    remarks: row.remarks,
    intakeStatus,
  };
}
