import type { AircraftKind } from '@cargo/contracts';

export interface AircraftSpec {
  type: string;
  kind: AircraftKind;
  /** Cargo capacity offered per departure. For belly it is what passengers' bags leave free. */
  capacityKg: number;
  capacityM3: number;
  /** Can carry temperature-controlled ULDs / has a reefer box. */
  coldChain: boolean;
  /** Acceptance cut-off before departure, minutes. */
  cutoffMinutes: number;
}

/** Cut-off before departure by kind: belly 120 min, freighter 180 min (build-up of main-deck ULDs), truck 60 min. */
export const CUTOFF_MINUTES: Readonly<Record<AircraftKind, number>> = { BELLY: 120, FREIGHTER: 180, TRUCK: 60 };

const belly = (type: string, capacityKg: number, capacityM3: number, coldChain: boolean): AircraftSpec => ({
  type, kind: 'BELLY', capacityKg, capacityM3, coldChain, cutoffMinutes: CUTOFF_MINUTES.BELLY,
});
const freighter = (type: string, capacityKg: number, capacityM3: number): AircraftSpec => ({
  type, kind: 'FREIGHTER', capacityKg, capacityM3, coldChain: true, cutoffMinutes: CUTOFF_MINUTES.FREIGHTER,
});
const truck = (type: string, capacityKg: number, capacityM3: number, coldChain: boolean): AircraftSpec => ({
  type, kind: 'TRUCK', capacityKg, capacityM3, coldChain, cutoffMinutes: CUTOFF_MINUTES.TRUCK,
});

/**
 * Cargo capacity by aircraft type (typical planning figures). Narrow-body belly ≈ 3 t / 15 m³ with no
 * temperature control; wide-body belly 12–20 t / 60–90 m³ with cool-container positions; freighters
 * from the B757F (≈ 28 t / 190 m³) to the B747-400F (≈ 110 t / 700 m³).
 */
export const AIRCRAFT: Readonly<Record<string, AircraftSpec>> = {
  A320: belly('A320', 3000, 15, false),
  A321: belly('A321', 3500, 18, false),
  'B737-800': belly('B737-800', 2800, 14, false),
  'A330-300': belly('A330-300', 14000, 65, true),
  'B787-9': belly('B787-9', 12000, 60, true),
  'A350-900': belly('A350-900', 15000, 70, true),
  'B777-300ER': belly('B777-300ER', 20000, 90, true),
  'B757-200F': freighter('B757-200F', 28000, 190),
  'B767-300F': freighter('B767-300F', 50000, 400),
  'A330-200F': freighter('A330-200F', 60000, 470),
  'B777F': freighter('B777F', 102000, 650),
  'B747-400F': freighter('B747-400F', 110000, 700),
  'TRUCK-13.6M': truck('TRUCK-13.6M', 22000, 85, false),
  'TRUCK-REEFER': truck('TRUCK-REEFER', 18000, 70, true),
};
