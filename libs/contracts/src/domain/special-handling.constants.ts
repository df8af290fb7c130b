/**
 * IATA special handling codes (SHC) accepted on shipments. Three letters each; the list covers what
 * Wuhan's cargo mix needs (cold chain, pharma, lithium batteries, valuables, express, e-commerce).
 * An unknown code is rejected so a typo does not silently lose a handling instruction.
 */
export const SpecialHandlingCodes = {
  AVI: 'Live animals',
  BIG: 'Outsized',
  BUP: 'Bulk unitisation programme (shipper-built ULD)',
  CAO: 'Cargo aircraft only',
  COL: 'Cool goods (2 to 8 °C)',
  CRT: 'Controlled room temperature (15 to 25 °C)',
  DGR: 'Dangerous goods',
  EAT: 'Foodstuffs',
  ECC: 'Electronic consignment, paper documents not required',
  ELI: 'Lithium ion batteries, section II (PI966/967)',
  ELM: 'Lithium metal batteries, section II (PI969/970)',
  EXP: 'Express',
  FRO: 'Frozen goods',
  HEA: 'Heavy cargo (over 150 kg per piece)',
  ICE: 'Dry ice',
  MAG: 'Magnetised material',
  PEF: 'Flowers',
  PEM: 'Meat',
  PEP: 'Fruit and vegetables',
  PER: 'Perishable cargo',
  PES: 'Fish and seafood',
  PIL: 'Pharmaceuticals',
  RCM: 'Corrosive',
  RFL: 'Flammable liquid',
  RLI: 'Fully regulated lithium ion batteries (PI965 section I/IA, PI966/967 section I)',
  RLM: 'Fully regulated lithium metal batteries (PI968 section I/IA, PI969/970 section I)',
  RMD: 'Miscellaneous dangerous goods',
  SPX: 'Cargo secured for passenger and all-cargo aircraft',
  VAL: 'Valuable cargo',
  VUN: 'Vulnerable cargo',
  XPS: 'Priority small package',
} as const;
export type SpecialHandlingCode = keyof typeof SpecialHandlingCodes;
export const SPECIAL_HANDLING_CODES = Object.freeze(Object.keys(SpecialHandlingCodes)) as readonly SpecialHandlingCode[];

export function isSpecialHandlingCode(code: string): code is SpecialHandlingCode {
  return Object.prototype.hasOwnProperty.call(SpecialHandlingCodes, code);
}

/** Codes that need temperature-controlled (cold-chain) capacity. */
export const TEMPERATURE_CONTROLLED_CODES: readonly SpecialHandlingCode[] = ['COL', 'CRT', 'FRO', 'PIL', 'PES', 'PEM'];
