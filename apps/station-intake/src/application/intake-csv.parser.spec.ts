import { StationIntakeError } from '../domain/station-intake.error';
import { columnOfPath, parseIntakeCsv } from './intake-csv.parser';

const HEADER =
  'awb,shipper_id,shipper_name,pieces,gross_weight_kg,volume_m3,commodity_description,commodity_category,destination_airport,service_level,received_at,special_handling_codes,ecommerce,temperature_min_c,temperature_max_c,dg1_un_number,dg1_class,dg1_packing_instruction,dg1_proper_shipping_name,dg2_un_number';

describe('parseIntakeCsv', () => {
  it('reads a line into the intake JSON shape, with DG lines, temperature and typed cells', () => {
    const csv = `${HEADER}\n784-12345675,SHP-OV-001,"Photonics, Ltd.",12,340.5,1.8,Modules,CONSUMER_ELECTRONICS,FRA,D3,2026-11-25T09:30:00+08:00,ELI RCL,yes,2,8,UN3481,9,PI967,"Lithium ion batteries contained in equipment",\n`;
    const [row, ...rest] = parseIntakeCsv(csv, 10);
    expect(rest).toHaveLength(0);
    expect(row).toEqual({
      line: 2,
      errors: [],
      raw: {
        awb: '784-12345675',
        shipper: { id: 'SHP-OV-001', name: 'Photonics, Ltd.' },
        pieces: 12,
        grossWeightKg: 340.5,
        volumeM3: 1.8,
        commodity: { description: 'Modules', category: 'CONSUMER_ELECTRONICS' },
        destinationAirport: 'FRA',
        serviceLevel: 'D3',
        receivedAt: '2026-11-25T09:30:00+08:00',
        specialHandlingCodes: ['ELI', 'RCL'],
        ecommerce: true,
        temperatureRange: { minC: 2, maxC: 8 },
        dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', properShippingName: 'Lithium ion batteries contained in equipment' }],
      },
    });
  });

  it('keeps non-numeric numbers as text for validation to reject, and reports ragged lines', () => {
    const csv = `${HEADER}\n784-12345675,S,N,twelve,1,1,D,OTHER,FRA,D3,2026-11-25T09:30:00Z,,,,,,,,,\n784-12345675,S,N\n`;
    const rows = parseIntakeCsv(csv, 10);
    expect(rows[0]?.raw['pieces']).toBe('twelve');
    expect(rows[1]).toMatchObject({ line: 3, errors: [{ field: '', message: 'line has 3 cells, the header has 20' }] });
  });

  it('numbers lines as in the file, skipping blank lines', () => {
    const csv = `${HEADER}\n\n784-12345675,S,N,1,1,1,D,OTHER,FRA,D3,2026-11-25T09:30:00Z,,,,,,,,,\n`;
    expect(parseIntakeCsv(csv, 10).map((r) => r.line)).toEqual([3]);
  });

  it.each([
    ['', /empty/],
    [`${HEADER},colour\n1`, /header does not match/],
    ['awb,pieces\n784-12345675,1', /header does not match/],
    [`${HEADER}\n`, /no shipments/],
    [`${HEADER}\n"unterminated,1\n`, /not valid CSV/],
  ])('rejects the whole file %#', (csv, message) => {
    expect(() => parseIntakeCsv(csv, 10)).toThrow(message);
  });

  it('names unknown and missing columns', () => {
    try {
      parseIntakeCsv('awb,colour\nx,y', 10);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(StationIntakeError);
      const fields = (error as StationIntakeError).fields.map((f) => f.field);
      expect(fields).toContain('colour');
      expect(fields).toContain('shipper_id');
    }
  });

  it('limits the number of lines', () => {
    const line = '784-12345675,S,N,1,1,1,D,OTHER,FRA,D3,2026-11-25T09:30:00Z,,,,,,,,,';
    expect(() => parseIntakeCsv(`${HEADER}\n${line}\n${line}\n${line}\n`, 2)).toThrow(/3 shipments; at most 2/);
  });

  it('reads the consignee and house waybills of a consolidation (hwb<N>_ columns)', () => {
    const header = 'awb,shipper_id,shipper_name,pieces,gross_weight_kg,volume_m3,commodity_description,commodity_category,destination_airport,service_level,received_at,consignee_name,consignee_street,consignee_city,consignee_postal_code,consignee_country,hwb1_number,hwb1_pieces,hwb1_gross_weight_kg,hwb1_description,hwb1_hs_code,hwb1_consignee_name,hwb1_consignee_street,hwb1_consignee_city,hwb1_consignee_postal_code,hwb1_consignee_country,hwb2_number,hwb2_pieces,hwb2_gross_weight_kg,hwb2_description,hwb2_consignee_name,hwb2_consignee_street,hwb2_consignee_city,hwb2_consignee_country';
    const line = '784-12345675,S,N,12,36,0.4,E-commerce parcels,ECOMMERCE_PARCELS,FRA,D3,2026-11-25T09:30:00Z,Rhein-Main Logistik GmbH,Cargo City Sued 555,Frankfurt,60549,DE,HWB0001,7,21,Phone cases,392690,Anna Schmidt,Hauptstr. 5,Mainz,55116,DE,HWB0002,5,15,Earphones,Jan de Vries,Dorpsstraat 1,Utrecht,NL';
    const [row] = parseIntakeCsv(`${header}\n${line}\n`, 10);
    expect(row?.errors).toEqual([]);
    expect(row?.raw).toMatchObject({
      consignee: { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE' },
      houseWaybills: [
        { number: 'HWB0001', pieces: 7, grossWeightKg: 21, description: 'Phone cases', hsCode: '392690', consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', postalCode: '55116', country: 'DE' } },
        { number: 'HWB0002', pieces: 5, grossWeightKg: 15, description: 'Earphones', consignee: { name: 'Jan de Vries', city: 'Utrecht', country: 'NL' } },
      ],
    });
  });

  it('refuses an unknown house waybill column', () => {
    expect(() => parseIntakeCsv(`${HEADER},hwb1_colour\n`, 10)).toThrow(StationIntakeError);
  });

  it('maps intake field paths back to CSV columns', () => {
    expect(columnOfPath('consignee.country')).toBe('consignee_country');
    expect(columnOfPath('houseWaybills.1.consignee.name')).toBe('hwb2_consignee_name');
    expect(columnOfPath('houseWaybills.0.grossWeightKg')).toBe('hwb1_gross_weight_kg');
    expect(columnOfPath('grossWeightKg')).toBe('gross_weight_kg');
    expect(columnOfPath('temperatureRange.maxC')).toBe('temperature_max_c');
    expect(columnOfPath('dangerousGoods.1.packingInstruction')).toBe('dg2_packing_instruction');
    expect(columnOfPath('shipper')).toBe('shipper');
  });
});
