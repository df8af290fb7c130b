import { describePayload } from '../payload-cases.spec-helper';
import { CargoReceivedEvent } from './cargo-received.event';
import { validatePayload } from '../../catalog/validate-payload';
import { exampleEventPayload } from '../../catalog/event-examples';

const CONSIGNEE = { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE', customsId: 'DE123456789012345' };

function house(number: string, pieces: number) {
  return {
    number,
    pieces,
    grossWeightKg: pieces * 2.5,
    description: 'Phone cases',
    hsCode: '392690',
    shipper: { name: 'Wuhan Xingchen E-commerce Co.', street: '77 Guanshan Ave', city: 'Wuhan', country: 'CN' },
    consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', postalCode: '55116', country: 'DE', phone: '+49 6131 123456' },
  };
}

/** Makes the example (12 pieces) a consolidation of these house waybills. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test tables mutate arbitrary JSON
function consolidate(p: Record<string, any>, houses: unknown[], withConsignee = true): void {
  if (withConsignee) p.consignee = CONSIGNEE;
  p.houseWaybills = houses;
}

describePayload(
  'CargoReceived',
  [
    ['the plain AWB form', (p) => (p.awb = '78412345675')],
    ['no optional parties, no HS code (customs holds it for DOCUMENTS)', (p) => {
      delete p.agentId;
      delete p.manufacturerId;
      delete p.shipper.creditCode;
      delete p.commodity.hsCode;
      delete p.commodity.declaredValue;
    }],
    ['chilled seafood at 0–4 °C with no DG', (p) => {
      p.commodity = { description: 'Chilled salmon', category: 'CHILLED_AQUATIC', hsCode: '0302140000' };
      p.specialHandlingCodes = ['PES', 'PER', 'COL'];
      p.dangerousGoods = [];
      p.temperatureRange = { minC: 0, maxC: 4 };
      p.destinationAirport = 'ICN';
      p.serviceLevel = 'D2';
    }],
    ['a single-temperature range (min = max)', (p) => (p.temperatureRange = { minC: 5, maxC: 5 })],
    ['a limited-quantity Y packing instruction and a division class', (p) => {
      p.dangerousGoods = [{ unNumber: 'UN1950', class: '2.1', packingInstruction: 'Y203', properShippingName: 'Aerosols, flammable' }];
    }],
    ['a consignee', (p) => (p.consignee = CONSIGNEE)],
    ['a cross-border e-commerce consolidation: consignee and house waybills, each with its consignee', (p) => consolidate(p, [house('HWB0001', 7), house('HWB0002', 5)])],
    ['an e-commerce parcel with a CNY value', (p) => {
      p.ecommerce = true;
      p.commodity = { description: 'Phone cases', category: 'ECOMMERCE_PARCELS', hsCode: '392690', declaredValue: { amount: 1200.5, currency: 'CNY' } };
      p.specialHandlingCodes = [];
      p.dangerousGoods = [];
    }],
  ],
  [
    ['a wrong AWB check digit', (p) => (p.awb = '784-12345674'), 'awb', 'check digit 4 does not match serial 1234567 (expected 5)'],
    ['a malformed AWB', (p) => (p.awb = '784-1234'), 'awb', 'has 7 digits, an AWB has 11'],
    ['a missing AWB', (p) => delete p.awb, 'awb', 'AWB must be a string'],
    ['a lower-case station code', (p) => (p.stationCode = 'ovs'), 'stationCode', 'station code'],
    ['a missing shipper', (p) => delete p.shipper, 'shipper', 'must identify the shipper'],
    ['a shipper given as a string', (p) => (p.shipper = 'Acme'), 'shipper', 'must be a JSON object'],
    ['a shipper without a name', (p) => (p.shipper.name = ''), 'shipper.name', "shipper's name"],
    ['a shipper id with spaces', (p) => (p.shipper.id = 'SHP 001'), 'shipper.id', 'party id'],
    ['a bad credit code', (p) => (p.shipper.creditCode = '1234'), 'shipper.creditCode', 'unified social credit code'],
    ['an agent id with a slash', (p) => (p.agentId = 'AGT/1'), 'agentId', 'party id'],
    ['zero pieces', (p) => (p.pieces = 0), 'pieces', 'at least 1'],
    ['fractional pieces', (p) => (p.pieces = 1.5), 'pieces', 'whole number'],
    ['pieces as a string', (p) => (p.pieces = '12'), 'pieces', 'whole number'],
    ['zero gross weight', (p) => (p.grossWeightKg = 0), 'grossWeightKg', 'greater than 0 kg'],
    ['negative volume', (p) => (p.volumeM3 = -1), 'volumeM3', 'greater than 0 m³'],
    ['volume as text', (p) => (p.volumeM3 = 'big'), 'volumeM3', 'number of m³'],
    ['a missing commodity', (p) => delete p.commodity, 'commodity', 'must describe the goods'],
    ['an unknown commodity category', (p) => (p.commodity.category = 'TOYS'), 'commodity.category', 'must be one of CONSUMER_ELECTRONICS'],
    ['an HS code with dots', (p) => (p.commodity.hsCode = '8517.62'), 'commodity.hsCode', '6 to 10 digits'],
    ['a 5-digit HS code', (p) => (p.commodity.hsCode = '85176'), 'commodity.hsCode', '6 to 10 digits'],
    ['an unknown currency', (p) => (p.commodity.declaredValue.currency = 'XYZ'), 'commodity.declaredValue.currency', 'ISO 4217'],
    ['a negative declared value', (p) => (p.commodity.declaredValue.amount = -5), 'commodity.declaredValue.amount', 'greater than 0'],
    ['an unknown special handling code', (p) => (p.specialHandlingCodes = ['PER', 'XXX']), 'specialHandlingCodes', 'known IATA special handling codes'],
    ['a repeated special handling code', (p) => (p.specialHandlingCodes = ['PER', 'PER']), 'specialHandlingCodes', 'must not repeat'],
    ['special handling codes as a string', (p) => (p.specialHandlingCodes = 'PER'), 'specialHandlingCodes', 'array of IATA special handling codes'],
    ['a bad UN number', (p) => (p.dangerousGoods[0].unNumber = '3480'), 'dangerousGoods.0.unNumber', '"UN" followed by 4 digits'],
    ['an unknown DG class', (p) => (p.dangerousGoods[0].class = '10'), 'dangerousGoods.0.class', 'hazard class or division'],
    ['class 2 without its division', (p) => (p.dangerousGoods[0].class = '2'), 'dangerousGoods.0.class', 'hazard class or division'],
    ['a bad packing instruction', (p) => (p.dangerousGoods[0].packingInstruction = '965'), 'dangerousGoods.0.packingInstruction', 'PI965 or Y963'],
    ['a DG line without its proper shipping name', (p) => (p.dangerousGoods[0].properShippingName = ''), 'dangerousGoods.0.properShippingName', 'must name the goods'],
    ['a zero DG net quantity', (p) => (p.dangerousGoods[0].netQuantityKg = 0), 'dangerousGoods.0.netQuantityKg', 'greater than 0 kg'],
    ['a CAO flag as text', (p) => (p.dangerousGoods[0].cargoAircraftOnly = 'yes'), 'dangerousGoods.0.cargoAircraftOnly', 'true or false'],
    ['a DG line that is not an object', (p) => (p.dangerousGoods = ['UN3480']), 'dangerousGoods.0', 'must be a JSON object'],
    ['an unknown field in a DG line', (p) => (p.dangerousGoods[0].packingGroup = 'II'), 'dangerousGoods.0.packingGroup', 'not a field of this message'],
    ['min above max temperature', (p) => (p.temperatureRange = { minC: 8, maxC: 2 }), 'temperatureRange.maxC', 'maxC (2) must not be below minC (8)'],
    ['an implausible temperature', (p) => (p.temperatureRange = { minC: -200, maxC: 2 }), 'temperatureRange.minC', 'at least -90 °C'],
    ['a missing e-commerce flag', (p) => delete p.ecommerce, 'ecommerce', 'true or false'],
    ['a lower-case destination', (p) => (p.destinationAirport = 'fra'), 'destinationAirport', 'IATA airport code'],
    ['a Wuhan hub as destination', (p) => (p.destinationAirport = 'EHU'), 'destinationAirport', 'not a Wuhan hub'],
    ['an unknown service level', (p) => (p.serviceLevel = 'D4'), 'serviceLevel', 'D1 (domestic, 1 day)'],
    ['a receipt time without offset', (p) => (p.receivedAt = '2026-11-25 09:12'), 'receivedAt', 'RFC 3339'],
    ['a missing record time', (p) => delete p.recordedAt, 'recordedAt', 'RFC 3339'],
    ['an unknown top-level field', (p) => (p.notifyParty = 'X'), 'notifyParty', 'notifyParty is not a field of this message'],
    ['a consignee given as text', (p) => (p.consignee = 'X'), 'consignee', 'must be a JSON object'],
    ['a consignee without a city', (p) => (p.consignee = { ...CONSIGNEE, city: '' }), 'consignee.city', 'must give the city'],
    ['a consignee country that is not ISO', (p) => (p.consignee = { ...CONSIGNEE, country: 'GER' }), 'consignee.country', 'ISO 3166-1 alpha-2'],
    ['a consignee name longer than two Cargo-IMP lines', (p) => (p.consignee = { ...CONSIGNEE, name: 'N'.repeat(71) }), 'consignee.name', 'shorter than or equal to 70'],
    ['an empty list of house waybills', (p) => ((p.consignee = CONSIGNEE), (p.houseWaybills = [])), 'houseWaybills', 'at least one house waybill'],
    ['a house waybill number with a dash', (p) => consolidate(p, [{ ...house('HWB-1', 12) }]), 'houseWaybills.0.number', '1 to 12 capital letters or digits'],
    ['a house waybill without its consignee', (p) => consolidate(p, [{ ...house('HWB1', 12), consignee: undefined }]), 'houseWaybills.0.consignee', 'must name the consignee of the house waybill'],
    ['a repeated house waybill number', (p) => consolidate(p, [house('HWB1', 6), house('HWB1', 6)]), 'houseWaybills', 'HWB1 appears more than once'],
    ["house waybills whose pieces do not add up to the master's", (p) => consolidate(p, [house('HWB1', 5), house('HWB2', 5)]), 'houseWaybills', "pieces add up to 10, the shipment has 12"],
    ['house waybills without the master consignee', (p) => consolidate(p, [house('HWB1', 12)], false), 'houseWaybills', 'a consolidation names its consignee'],
  ],
);

describe('CargoReceivedEvent', () => {
  it('travels on cargo.intake.v1 keyed by the canonical AWB', async () => {
    const plain = exampleEventPayload('CargoReceived');
    plain['awb'] = ' 78412345675 ';
    const result = await validatePayload(CargoReceivedEvent, plain);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.awb).toBe('784-12345675');
    expect(CargoReceivedEvent.topic).toBe('cargo.intake.v1');
    expect(CargoReceivedEvent.keyOf(result.value)).toBe('784-12345675');
  });
});
