import type { TimetableLeg } from '@cargo/contracts';

/**
 * A recurring service: `count` departures a day (a [min, max] range is resolved once per seed),
 * spread over a local departure window, on the ISO weekdays listed (1 = Monday; all when absent).
 */
export interface RouteTemplate {
  carrier: string;
  /** First flight number; further departures of the route use the following even numbers. */
  firstNumber: number;
  origin: string;
  destination: string;
  /** Scheduled block time, minutes. */
  blockMinutes: number;
  /** Aircraft types flown (see AIRCRAFT); one is chosen per departure. */
  aircraft: readonly string[];
  count: number | readonly [number, number];
  /** Local departure window (minutes after midnight, origin time; all origins here are UTC+8). */
  window: readonly [number, number];
  days?: readonly number[];
  leg: TimetableLeg;
  /** For onward flights: the share of the aircraft's capacity allotted to Wuhan transfer cargo. */
  allotment?: number;
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const NARROW = ['A320', 'A321', 'B737-800'] as const;
const DAY: readonly [number, number] = [h(7), h(22, 30)];
const NIGHT: readonly [number, number] = [h(19), h(23, 55)];

const from = (
  origin: 'WUH' | 'EHU',
  destination: string,
  carrier: string,
  firstNumber: number,
  blockMinutes: number,
  aircraft: readonly string[],
  count: RouteTemplate['count'],
  window: readonly [number, number],
  days?: readonly number[],
): RouteTemplate => ({ carrier, firstNumber, origin, destination, blockMinutes, aircraft, count, window, leg: 'FROM_WUHAN', ...(days ? { days } : {}) });

const onward = (
  origin: 'PVG' | 'HKG',
  destination: string,
  carrier: string,
  firstNumber: number,
  blockMinutes: number,
  aircraft: readonly string[],
  count: RouteTemplate['count'] = 1,
): RouteTemplate => ({
  carrier, firstNumber, origin, destination, blockMinutes, aircraft, count, window: [h(11), h(23, 55)], leg: 'ONWARD', allotment: 0.15,
});

const roadFeeder = (origin: 'WUH' | 'EHU', destination: string, carrier: string, firstNumber: number, blockMinutes: number, aircraft: readonly string[], count: number): RouteTemplate => ({
  carrier, firstNumber, origin, destination, blockMinutes, aircraft, count, window: [h(8), h(22)], leg: 'ROAD_FEEDER',
});

/**
 * The network from Wuhan (DOMAIN.md, "Routes and service levels"): "belly + freighter" — passenger
 * flights mostly from Tianhe (WUH), freighters mostly from Huahu (EHU, SF Airlines' base) in the
 * evening bank. The Wuhan–Shanghai express line runs about 20 a day, Wuhan–Hong Kong 5–6; Asian and
 * intercontinental routes; domestic routes. Onward flights from PVG and HKG are the air-to-air
 * transfer routes (25+); road-feeder trucks are the fallback that counts against self-transport.
 */
export const ROUTES: readonly RouteTemplate[] = [
  // 汉沪快线 Wuhan–Shanghai: ~20 a day
  from('WUH', 'PVG', 'MU', 2501, 100, NARROW, [6, 8], DAY),
  from('WUH', 'PVG', 'FM', 9301, 100, NARROW, 3, DAY),
  from('WUH', 'PVG', 'CZ', 3561, 100, ['A321', 'A330-300'], 2, DAY),
  from('WUH', 'PVG', 'HO', 1251, 100, ['A320', 'A321'], 2, DAY),
  from('WUH', 'PVG', 'MU', 5401, 100, ['A330-300'], 1, [h(12), h(14)]),
  from('EHU', 'PVG', 'O3', 6501, 95, ['B757-200F', 'B767-300F'], [3, 4], NIGHT),
  from('WUH', 'PVG', 'CK', 261, 100, ['B777F'], 1, [h(21), h(23)]),
  // 汉港快线 Wuhan–Hong Kong: 5–6 a day
  from('WUH', 'HKG', 'CX', 953, 125, ['A330-300'], 1, [h(10), h(12)]),
  from('WUH', 'HKG', 'HX', 569, 125, ['A330-300'], 1, [h(14), h(16)]),
  from('WUH', 'HKG', 'CZ', 3073, 125, ['A321'], 1, [h(8), h(9, 30)]),
  from('EHU', 'HKG', 'O3', 6621, 120, ['B757-200F', 'B767-300F'], [2, 3], NIGHT),
  // Asia (2-day circle)
  from('WUH', 'ICN', 'KE', 882, 150, ['A330-300'], 1, [h(13), h(15)]),
  from('EHU', 'ICN', 'O3', 6701, 145, ['B757-200F'], 1, NIGHT),
  from('WUH', 'NRT', 'CZ', 3081, 220, ['A321', 'A330-300'], 1, [h(9), h(11)]),
  from('EHU', 'NRT', 'O3', 6711, 215, ['B767-300F'], 1, NIGHT, [1, 3, 5, 7]),
  from('WUH', 'KIX', 'CZ', 8519, 180, ['A320'], 1, [h(9), h(10, 30)]),
  from('WUH', 'SIN', 'SQ', 887, 290, ['A350-900'], 1, [h(23), h(23, 55)], [2, 4, 6, 7]),
  from('WUH', 'BKK', 'MU', 2551, 230, ['A330-300'], 1, [h(18), h(20)]),
  from('EHU', 'SGN', 'O3', 6731, 240, ['B757-200F'], 1, NIGHT),
  from('EHU', 'HAN', 'O3', 6741, 170, ['B757-200F'], 1, NIGHT, [2, 4, 6]),
  from('EHU', 'KUL', 'O3', 6751, 285, ['B767-300F'], 1, NIGHT, [1, 3, 5, 6]),
  from('EHU', 'DEL', 'O3', 6761, 360, ['B767-300F'], 1, NIGHT, [2, 5, 7]),
  from('EHU', 'DAC', 'O3', 6771, 280, ['B757-200F'], 1, NIGHT, [3, 6]),
  from('EHU', 'TAS', 'O3', 6781, 390, ['B767-300F'], 1, NIGHT, [4]),
  // Intercontinental (3-day circle)
  from('EHU', 'FRA', 'CK', 221, 700, ['B777F'], 1, NIGHT),
  from('EHU', 'LGG', 'O3', 6801, 720, ['B747-400F'], 1, NIGHT, [1, 3, 5, 6]),
  from('EHU', 'AMS', 'CK', 241, 700, ['B777F'], 1, NIGHT, [2, 4, 6]),
  from('EHU', 'BUD', 'O3', 6811, 660, ['B767-300F'], 1, NIGHT, [1, 4, 7]),
  from('EHU', 'CDG', 'O3', 6821, 720, ['A330-200F'], 1, NIGHT, [2, 5]),
  from('EHU', 'DXB', 'O3', 6831, 510, ['A330-200F'], 1, NIGHT, [1, 3, 5]),
  from('EHU', 'ORD', 'CK', 231, 780, ['B777F'], 1, NIGHT, [2, 4, 7]),
  from('EHU', 'LAX', '5Y', 8461, 720, ['B747-400F'], 1, NIGHT, [1, 3, 5, 6]),
  from('EHU', 'JFK', 'CK', 251, 840, ['B777F'], 1, NIGHT, [3, 6]),
  from('WUH', 'FRA', 'CK', 211, 700, ['B777F'], 1, [h(1), h(3)], [2, 6]),
  from('WUH', 'LHR', 'CZ', 693, 760, ['A350-900', 'B787-9'], 1, [h(1), h(2, 30)], [1, 3, 5]),
  from('WUH', 'CDG', 'AF', 131, 750, ['A350-900'], 1, [h(0, 30), h(2)], [2, 4, 7]),
  from('WUH', 'DXB', 'EK', 305, 520, ['B777-300ER'], 1, [h(0, 5), h(1)]),
  // Domestic (1-day circle): belly from WUH by day, SF express freighters from EHU at night
  from('WUH', 'PEK', 'CA', 8201, 130, ['A321', 'A330-300'], 4, DAY),
  from('WUH', 'CAN', 'CZ', 3351, 110, [...NARROW, 'A330-300'], 4, DAY),
  from('WUH', 'SZX', 'ZH', 9741, 115, NARROW, 3, DAY),
  from('WUH', 'CTU', '3U', 8831, 125, NARROW, 3, DAY),
  from('WUH', 'XIY', 'MU', 2161, 100, NARROW, 2, DAY),
  from('WUH', 'KMG', 'MU', 5761, 140, NARROW, 2, DAY),
  from('WUH', 'CKG', 'CZ', 3451, 95, NARROW, 2, DAY),
  from('WUH', 'URC', 'CZ', 6911, 300, ['A321'], 1, [h(8), h(10)]),
  from('WUH', 'HRB', 'CZ', 6321, 190, ['A320'], 1, [h(12), h(14)]),
  from('WUH', 'HAK', 'HU', 7081, 130, ['B737-800', 'B787-9'], 1, [h(15), h(17)]),
  from('EHU', 'PEK', 'O3', 6001, 125, ['B757-200F', 'B767-300F'], 2, NIGHT),
  from('EHU', 'CAN', 'O3', 6011, 110, ['B757-200F'], 2, NIGHT),
  from('EHU', 'SZX', 'O3', 6021, 115, ['B757-200F', 'B767-300F'], 2, NIGHT),
  from('EHU', 'CTU', 'O3', 6031, 130, ['B757-200F'], 1, NIGHT),
  from('EHU', 'XIY', 'O3', 6041, 105, ['B757-200F'], 1, NIGHT),
  from('EHU', 'KMG', 'O3', 6051, 145, ['B757-200F'], 1, NIGHT),
  from('EHU', 'URC', 'O3', 6061, 300, ['B757-200F'], 1, NIGHT),
  from('EHU', 'HRB', 'O3', 6071, 185, ['B757-200F'], 1, NIGHT, [1, 3, 5]),
  from('EHU', 'CKG', 'O3', 6081, 95, ['B757-200F'], 1, NIGHT),
  // Air-to-air transfer: onward from Shanghai Pudong
  onward('PVG', 'FRA', 'CK', 207, 780, ['B777F']),
  onward('PVG', 'FRA', 'MU', 219, 780, ['B777-300ER', 'A350-900']),
  onward('PVG', 'AMS', 'MU', 771, 770, ['A330-300']),
  onward('PVG', 'CDG', 'MU', 553, 780, ['B777-300ER']),
  onward('PVG', 'LHR', 'MU', 551, 790, ['B777-300ER']),
  onward('PVG', 'LGG', 'CK', 245, 790, ['B747-400F']),
  onward('PVG', 'BUD', 'MU', 2709, 720, ['A350-900']),
  onward('PVG', 'LAX', 'MU', 583, 690, ['B777-300ER']),
  onward('PVG', 'LAX', 'CK', 233, 690, ['B777F']),
  onward('PVG', 'ORD', 'CK', 263, 780, ['B777F']),
  onward('PVG', 'JFK', 'MU', 587, 870, ['B777-300ER']),
  onward('PVG', 'ANC', 'CK', 223, 540, ['B747-400F']),
  onward('PVG', 'SYD', 'MU', 561, 600, ['A330-300']),
  onward('PVG', 'DXB', 'EK', 303, 570, ['B777-300ER']),
  onward('PVG', 'GRU', 'CK', 275, 1560, ['B777F']),
  onward('PVG', 'ICN', 'MU', 5041, 120, ['A330-300'], 2),
  onward('PVG', 'NRT', 'MU', 523, 180, ['B787-9'], 2),
  onward('PVG', 'KIX', 'MU', 515, 150, ['A321']),
  onward('PVG', 'SIN', 'MU', 543, 330, ['A330-300']),
  onward('PVG', 'DEL', 'MU', 563, 420, ['B787-9']),
  // Air-to-air transfer: onward from Hong Kong
  onward('HKG', 'FRA', 'CX', 289, 780, ['B777-300ER', 'A350-900']),
  onward('HKG', 'LHR', 'CX', 251, 810, ['B777-300ER']),
  onward('HKG', 'AMS', 'CX', 271, 780, ['A350-900']),
  onward('HKG', 'LAX', 'CX', 880, 780, ['B777-300ER']),
  onward('HKG', 'ORD', 'CX', 806, 900, ['B777-300ER']),
  onward('HKG', 'JFK', 'CX', 840, 960, ['A350-900']),
  onward('HKG', 'ANC', 'CX', 3086, 600, ['B747-400F']),
  onward('HKG', 'DXB', 'EK', 381, 510, ['B777-300ER']),
  onward('HKG', 'SYD', 'CX', 101, 540, ['A350-900']),
  onward('HKG', 'SIN', 'CX', 715, 240, ['A330-300'], 2),
  onward('HKG', 'BKK', 'CX', 703, 180, ['A330-300'], 2),
  onward('HKG', 'DEL', 'CX', 695, 330, ['B777-300ER']),
  onward('HKG', 'MNL', 'CX', 907, 120, ['A330-300']),
  onward('HKG', 'CGK', 'CX', 777, 300, ['A330-300']),
  onward('HKG', 'SGN', 'CX', 767, 165, ['A321']),
  onward('HKG', 'KUL', 'CX', 721, 240, ['A330-300']),
  // Road-feeder trucks: fallback transport, leaves Hubei by road (counts against self-transport)
  roadFeeder('WUH', 'PVG', 'MU', 9801, 600, ['TRUCK-13.6M', 'TRUCK-REEFER'], 2),
  roadFeeder('EHU', 'PVG', 'CK', 9201, 570, ['TRUCK-13.6M'], 1),
  roadFeeder('WUH', 'CAN', 'CZ', 9851, 660, ['TRUCK-13.6M', 'TRUCK-REEFER'], 1),
  roadFeeder('WUH', 'PEK', 'CA', 9631, 780, ['TRUCK-13.6M'], 1),
  roadFeeder('WUH', 'HKG', 'CX', 9931, 840, ['TRUCK-13.6M'], 1),
];
