import { parse } from 'csv-parse/sync';
import type { FieldError } from '@cargo/contracts';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';

/**
 * The CSV column set of `POST /v1/stations/{station}/intakes/csv` (documented in the README).
 * Column → path in the intake JSON. Header names are case-insensitive; order is free.
 */
const CSV_COLUMNS: Readonly<Record<string, string>> = {
  awb: 'awb',
  shipper_id: 'shipper.id',
  shipper_name: 'shipper.name',
  shipper_credit_code: 'shipper.creditCode',
  agent_id: 'agentId',
  manufacturer_id: 'manufacturerId',
  pieces: 'pieces',
  gross_weight_kg: 'grossWeightKg',
  volume_m3: 'volumeM3',
  commodity_description: 'commodity.description',
  commodity_category: 'commodity.category',
  hs_code: 'commodity.hsCode',
  declared_value_amount: 'commodity.declaredValue.amount',
  declared_value_currency: 'commodity.declaredValue.currency',
  special_handling_codes: 'specialHandlingCodes',
  ecommerce: 'ecommerce',
  destination_airport: 'destinationAirport',
  service_level: 'serviceLevel',
  temperature_min_c: 'temperatureRange.minC',
  temperature_max_c: 'temperatureRange.maxC',
  received_at: 'receivedAt',
  recorded_at: 'recordedAt',
  consignee_name: 'consignee.name',
  consignee_street: 'consignee.street',
  consignee_city: 'consignee.city',
  consignee_state_province: 'consignee.stateProvince',
  consignee_postal_code: 'consignee.postalCode',
  consignee_country: 'consignee.country',
  consignee_phone: 'consignee.phone',
  consignee_customs_id: 'consignee.customsId',
};

/** House waybill N (1–99) of a consolidation: `hwb<N>_<field>`. */
const CSV_HWB_FIELDS: Readonly<Record<string, string>> = {
  number: 'number',
  pieces: 'pieces',
  gross_weight_kg: 'grossWeightKg',
  description: 'description',
  hs_code: 'hsCode',
  shipper_name: 'shipper.name',
  shipper_street: 'shipper.street',
  shipper_city: 'shipper.city',
  shipper_postal_code: 'shipper.postalCode',
  shipper_country: 'shipper.country',
  consignee_name: 'consignee.name',
  consignee_street: 'consignee.street',
  consignee_city: 'consignee.city',
  consignee_state_province: 'consignee.stateProvince',
  consignee_postal_code: 'consignee.postalCode',
  consignee_country: 'consignee.country',
  consignee_phone: 'consignee.phone',
  consignee_customs_id: 'consignee.customsId',
};

/** Dangerous-goods line N (1–9): `dg<N>_<field>`. */
const CSV_DG_FIELDS: Readonly<Record<string, string>> = {
  un_number: 'unNumber',
  class: 'class',
  packing_instruction: 'packingInstruction',
  proper_shipping_name: 'properShippingName',
  net_quantity_kg: 'netQuantityKg',
  cargo_aircraft_only: 'cargoAircraftOnly',
};

const CSV_REQUIRED_COLUMNS: readonly string[] = [
  'awb', 'shipper_id', 'shipper_name', 'pieces', 'gross_weight_kg', 'volume_m3', 'commodity_description',
  'commodity_category', 'destination_airport', 'service_level', 'received_at',
];

const NUMERIC = new Set(['pieces', 'grossWeightKg', 'volumeM3', 'commodity.declaredValue.amount', 'temperatureRange.minC', 'temperatureRange.maxC', 'netQuantityKg']);
const BOOLEAN = new Set(['ecommerce', 'cargoAircraftOnly']);
const DG_COLUMN = /^dg([1-9])_([a-z_]+)$/;
const HWB_COLUMN = /^hwb([1-9]\d?)_([a-z_]+)$/;

interface CsvIntakeRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  raw: Record<string, unknown>;
  /** Problems found while reading the line itself (e.g. wrong number of cells). */
  errors: FieldError[];
}

/**
 * Reads a CSV of intakes into one raw intake object per data line (validated later like JSON
 * intakes). File-level problems (not CSV, unknown or missing columns, too many rows) reject the whole
 * upload with `INTAKE.CSV_INVALID`; line-level problems come back on the line.
 */
export function parseIntakeCsv(text: string, maxRows: number): CsvIntakeRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw csvInvalid(`The file is not valid CSV: ${(error as Error).message}`, []);
  }
  const [header, ...rows] = records;
  if (!header) throw csvInvalid('The file is empty: expected a header line and at least one shipment.', []);
  const columns = header.record.map((name) => name.toLowerCase());
  const problems: FieldError[] = [];
  columns.forEach((column, i) => {
    if (!pathOfColumn(column)) problems.push({ field: column || `column ${i + 1}`, message: `unknown column "${header.record[i]}"` });
    if (columns.indexOf(column) !== i) problems.push({ field: column, message: `column "${column}" appears twice` });
  });
  for (const required of CSV_REQUIRED_COLUMNS) if (!columns.includes(required)) problems.push({ field: required, message: `required column "${required}" is missing` });
  if (problems.length > 0) throw csvInvalid('The CSV header does not match the documented column set.', problems);
  if (rows.length === 0) throw csvInvalid('The file has a header but no shipments.', []);
  if (rows.length > maxRows) throw csvInvalid(`The file has ${rows.length} shipments; at most ${maxRows} per upload.`, [{ field: '', message: `at most ${maxRows} data lines` }]);

  return rows.map(({ record, info }) => {
    const errors: FieldError[] = [];
    if (record.length !== columns.length) errors.push({ field: '', message: `line has ${record.length} cells, the header has ${columns.length}` });
    const raw: Record<string, unknown> = {};
    const dg: Record<string, unknown>[] = [];
    const hwb: Record<string, unknown>[] = [];
    columns.forEach((column, i) => {
      const cell = record[i];
      if (cell === undefined || cell === '') return;
      const hwbMatch = HWB_COLUMN.exec(column);
      if (hwbMatch) {
        const field = CSV_HWB_FIELDS[hwbMatch[2] as string] as string;
        setPath((hwb[Number(hwbMatch[1]) - 1] ??= {}), field, convert(field, cell));
        return;
      }
      const dgMatch = DG_COLUMN.exec(column);
      if (dgMatch) {
        const n = Number(dgMatch[1]) - 1;
        const field = CSV_DG_FIELDS[dgMatch[2] as string] as string;
        (dg[n] ??= {})[field] = convert(field, cell);
        return;
      }
      const path = CSV_COLUMNS[column] as string;
      if (path === 'specialHandlingCodes') raw[path] = cell.split(/[\s;]+/).filter((code) => code !== '');
      else setPath(raw, path, convert(path, cell));
    });
    const lines = dg.filter((line): line is Record<string, unknown> => line !== undefined);
    if (lines.length > 0) raw['dangerousGoods'] = lines;
    const houses = hwb.filter((house): house is Record<string, unknown> => house !== undefined);
    if (houses.length > 0) raw['houseWaybills'] = houses;
    return { line: info.lines, raw, errors };
  });
}

/** The CSV column of an intake field path (for per-line errors a clerk can find in the file). */
export function columnOfPath(path: string): string {
  const hwb = /^houseWaybills\.(\d+)\.(.+)$/.exec(path);
  if (hwb) {
    const column = Object.entries(CSV_HWB_FIELDS).find(([, field]) => field === hwb[2])?.[0];
    if (column) return `hwb${Number(hwb[1]) + 1}_${column}`;
  }
  const dg = /^dangerousGoods\.(\d+)\.(\w+)$/.exec(path);
  if (dg) {
    const column = Object.entries(CSV_DG_FIELDS).find(([, field]) => field === dg[2])?.[0];
    if (column) return `dg${Number(dg[1]) + 1}_${column}`;
  }
  return Object.entries(CSV_COLUMNS).find(([, p]) => p === path)?.[0] ?? path;
}

function pathOfColumn(column: string): string | undefined {
  const hwb = HWB_COLUMN.exec(column);
  if (hwb) return CSV_HWB_FIELDS[hwb[2] as string];
  const dg = DG_COLUMN.exec(column);
  if (dg) return CSV_DG_FIELDS[dg[2] as string];
  return CSV_COLUMNS[column];
}

function convert(path: string, cell: string): unknown {
  if (NUMERIC.has(path)) return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  if (BOOLEAN.has(path)) {
    const lower = cell.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(lower)) return true;
    if (['false', 'no', 'n', '0'].includes(lower)) return false;
    return cell;
  }
  return cell;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1] as string] = value;
}

function csvInvalid(message: string, fields: FieldError[]): StationIntakeError {
  return new StationIntakeError(StationIntakeErrorCodes.CsvInvalid, message, fields);
}
