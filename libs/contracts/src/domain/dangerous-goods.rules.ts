/**
 * Dangerous-goods vocabulary and the cargo-aircraft-only rule (DOMAIN.md, "Control rules").
 */

/** UN number: `UN` followed by four digits, e.g. `UN3480`. */
export const UN_NUMBER_PATTERN = /^UN\d{4}$/;

/**
 * IATA packing instruction: `PI` + 3 digits for a full packing instruction (`PI965`), `Y` + 3 digits
 * for the limited-quantity variant (`Y963`).
 */
export const PACKING_INSTRUCTION_PATTERN = /^(PI|Y)\d{3}$/;

/**
 * Hazard classes and divisions as they appear on a DG line: explosives and classes 2, 4, 5, 6 are
 * always declared with their division; 3, 7, 8, 9 have none.
 */
export const DG_CLASSES = [
  '1.1', '1.2', '1.3', '1.4', '1.5', '1.6',
  '2.1', '2.2', '2.3',
  '3',
  '4.1', '4.2', '4.3',
  '5.1', '5.2',
  '6.1', '6.2',
  '7', '8', '9',
] as const;
export type DgClass = (typeof DG_CLASSES)[number];

/** The part of a dangerous-goods line the CAO rule reads. */
export interface DgLineLike {
  unNumber: string;
  packingInstruction: string;
  cargoAircraftOnly?: boolean;
}

/**
 * Lithium batteries shipped on their own, which IATA forbids in passenger aircraft: UN3480 (lithium
 * ion) under PI965 and UN3090 (lithium metal) under PI968. Batteries packed with or contained in
 * equipment (UN3481/UN3091, PI966/967/969/970) may fly in a passenger belly.
 */
export const CARGO_AIRCRAFT_ONLY_LITHIUM: ReadonlyArray<{ unNumber: string; packingInstruction: string }> = [
  { unNumber: 'UN3480', packingInstruction: 'PI965' },
  { unNumber: 'UN3090', packingInstruction: 'PI968' },
];

/** Lithium battery UN numbers (the DG registry qualifies parties for these). */
export const LITHIUM_BATTERY_UN_NUMBERS: readonly string[] = ['UN3480', 'UN3481', 'UN3090', 'UN3091'];

/**
 * Whether a dangerous-goods line may only go on a freighter (DOMAIN.md, "Control rules": UN3480/PI965
 * and UN3090/PI968 are cargo-aircraft-only), or the shipper declared it CAO explicitly.
 */
export function isCargoAircraftOnly(line: DgLineLike): boolean {
  if (line.cargoAircraftOnly === true) return true;
  return CARGO_AIRCRAFT_ONLY_LITHIUM.some((r) => r.unNumber === line.unNumber && r.packingInstruction === line.packingInstruction);
}

/** Whether a shipment must fly on a freighter: any CAO dangerous-goods line, or the `CAO` special handling code. */
export function requiresCargoAircraft(shipment: { dangerousGoods?: readonly DgLineLike[]; specialHandlingCodes?: readonly string[] }): boolean {
  return (shipment.specialHandlingCodes ?? []).includes('CAO') || (shipment.dangerousGoods ?? []).some(isCargoAircraftOnly);
}
