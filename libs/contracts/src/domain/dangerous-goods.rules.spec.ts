import { isCargoAircraftOnly, requiresCargoAircraft } from './dangerous-goods.rules';

describe('isCargoAircraftOnly (DOMAIN.md, Control rules)', () => {
  it.each([
    ['UN3480', 'PI965', undefined, true, 'lithium ion batteries shipped alone'],
    ['UN3090', 'PI968', undefined, true, 'lithium metal batteries shipped alone'],
    ['UN3481', 'PI966', undefined, false, 'lithium ion packed with equipment'],
    ['UN3481', 'PI967', undefined, false, 'lithium ion contained in equipment'],
    ['UN3091', 'PI969', undefined, false, 'lithium metal packed with equipment'],
    ['UN3091', 'PI970', undefined, false, 'lithium metal contained in equipment'],
    ['UN1845', 'PI954', undefined, false, 'dry ice'],
    ['UN1845', 'PI954', true, true, 'explicitly declared CAO'],
    ['UN3480', 'PI966', undefined, false, 'the rule needs UN number and packing instruction together'],
  ])('%s/%s (cao flag %p) → %p: %s', (unNumber, packingInstruction, cargoAircraftOnly, expected, _why) => {
    expect(isCargoAircraftOnly({ unNumber, packingInstruction, cargoAircraftOnly })).toBe(expected);
  });

  it('makes a whole shipment CAO when any line is, or when it carries the CAO code', () => {
    const passengerOk = { unNumber: 'UN3481', packingInstruction: 'PI967' };
    const cao = { unNumber: 'UN3480', packingInstruction: 'PI965' };
    expect(requiresCargoAircraft({ dangerousGoods: [passengerOk], specialHandlingCodes: ['ELI'] })).toBe(false);
    expect(requiresCargoAircraft({ dangerousGoods: [passengerOk, cao], specialHandlingCodes: [] })).toBe(true);
    expect(requiresCargoAircraft({ dangerousGoods: [], specialHandlingCodes: ['CAO'] })).toBe(true);
    expect(requiresCargoAircraft({})).toBe(false);
  });
});
