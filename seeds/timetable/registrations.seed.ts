/**
 * Aircraft registrations of the carriers' fleets, by carrier and aircraft type: what the FFM flight
 * line names (`1/CX953/01DEC/WUH/B-LAD`; the registration, never the type). Plausible marks in each
 * carrier's national register (B- China and Hong Kong, HL Korea, 9V- Singapore, A6- UAE, F- France,
 * N United States), invented for the simulation.
 *
 * Trucks have no registration here (a road feeder's FFM flight line leaves it out).
 */
export const AIRCRAFT_REGISTRATIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '3U': { A320: ['B-6448', 'B-1833'], A321: ['B-8597', 'B-1837'], 'B737-800': ['B-5195', 'B-1547'] },
  '5Y': { 'B747-400F': ['N415MC', 'N418MC', 'N429MC'] },
  AF: { 'A350-900': ['F-HTYA', 'F-HTYB', 'F-HTYE'] },
  CA: { A321: ['B-6361', 'B-1885'], 'A330-300': ['B-5976', 'B-8386'] },
  CK: { B777F: ['B-2076', 'B-2077', 'B-2078', 'B-2082', 'B-222W'], 'B747-400F': ['B-2426', 'B-2428'] },
  CX: {
    A321: ['B-HTD', 'B-HTE'],
    'A330-300': ['B-LAD', 'B-LAJ', 'B-LBE', 'B-LBH', 'B-LRA'],
    'A350-900': ['B-LQA', 'B-LQC', 'B-LRJ'],
    'B777-300ER': ['B-KPB', 'B-KPF', 'B-KQA'],
    'B747-400F': ['B-LIB', 'B-LID'],
  },
  CZ: {
    A320: ['B-6812', 'B-6815', 'B-1856'],
    A321: ['B-6631', 'B-6638', 'B-8366', 'B-1820'],
    'A330-300': ['B-5945', 'B-6058', 'B-8363'],
    'A350-900': ['B-30A8', 'B-32CJ'],
    'B737-800': ['B-5473', 'B-6569', 'B-1711'],
    'B787-9': ['B-1242', 'B-20D1'],
  },
  EK: { 'B777-300ER': ['A6-EGO', 'A6-ENB', 'A6-EQI'] },
  FM: { A320: ['B-1966', 'B-6019'], A321: ['B-1973', 'B-1875'], 'B737-800': ['B-5496', 'B-1318'] },
  HO: { A320: ['B-8236', 'B-8681'], A321: ['B-1808', 'B-8647'] },
  HU: { 'B737-800': ['B-5637', 'B-1555'], 'B787-9': ['B-1343', 'B-7302'] },
  HX: { 'A330-300': ['B-LNJ', 'B-LNK', 'B-LNL'] },
  KE: { 'A330-300': ['HL7525', 'HL7540'] },
  MU: {
    A320: ['B-1018', 'B-8232'],
    A321: ['B-8632', 'B-1045'],
    'B737-800': ['B-5473', 'B-1316'],
    'A330-300': ['B-6121', 'B-5941', 'B-1049'],
    'A350-900': ['B-304U', 'B-304V'],
    'B777-300ER': ['B-2002', 'B-2023', 'B-7368'],
    'B787-9': ['B-1112', 'B-209Q'],
  },
  O3: {
    'B757-200F': ['B-2808', 'B-2826', 'B-2855', 'B-2815'],
    'B767-300F': ['B-221N', 'B-222P', 'B-223G', 'B-7591'],
    'A330-200F': ['B-221Z', 'B-223K'],
    'B747-400F': ['B-2409', 'B-2422'],
  },
  SQ: { 'A350-900': ['9V-SMA', '9V-SMF'] },
  ZH: { A320: ['B-6735', 'B-9945'], A321: ['B-1926', 'B-8587'], 'B737-800': ['B-5670', 'B-7975'] },
};

/**
 * The registration a departure flies with: one of the carrier's aircraft of the type, chosen from
 * the flight number (so a flight keeps its aircraft from day to day and the timetable's seeded random
 * sequence is not disturbed). Undefined for trucks and for fleets not listed.
 */
export function registrationFor(carrier: string, aircraftType: string, flightNumber: string): string | undefined {
  const fleet = AIRCRAFT_REGISTRATIONS[carrier]?.[aircraftType];
  if (!fleet || fleet.length === 0) return undefined;
  const hash = [...flightNumber].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return fleet[hash % fleet.length];
}
