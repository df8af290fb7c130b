/**
 * The airports the flow is built around (DOMAIN.md, "Places"). The full airport list with names,
 * countries and time zones is reference data in `@cargo/seeds`; this is the part every service's
 * rules depend on.
 */

/** Wuhan's two hubs: Tianhe (passenger + cargo, belly capacity) and Ezhou Huahu (freighter base). */
export const HOME_HUBS = ['WUH', 'EHU'] as const;
export type HomeHub = (typeof HOME_HUBS)[number];

/** Partner hubs of the air-to-air transfer (空空中转) routes and the Wuhan–Shanghai / Wuhan–Hong Kong express lines. */
export const TRANSFER_HUBS = ['PVG', 'HKG'] as const;
export type TransferHub = (typeof TRANSFER_HUBS)[number];

export type AirportKind = 'HOME_HUB' | 'TRANSFER_HUB' | 'DESTINATION';

/** Kind of the airports with a role in the flow; every other airport is a `DESTINATION`. */
export const AirportKinds: Readonly<Record<HomeHub | TransferHub, AirportKind>> = {
  WUH: 'HOME_HUB',
  EHU: 'HOME_HUB',
  PVG: 'TRANSFER_HUB',
  HKG: 'TRANSFER_HUB',
};

export function airportKindOf(code: string): AirportKind {
  return (AirportKinds as Record<string, AirportKind>)[code] ?? 'DESTINATION';
}

export function isHomeHub(code: string): code is HomeHub {
  return (HOME_HUBS as readonly string[]).includes(code);
}

export function isTransferHub(code: string): code is TransferHub {
  return (TRANSFER_HUBS as readonly string[]).includes(code);
}

/** IATA airport code: three upper-case letters. */
export const IATA_AIRPORT_PATTERN = /^[A-Z]{3}$/;

/**
 * Region of a destination for the "Global 1-2-3 fast cargo circle": DOMESTIC (mainland China, 1 day),
 * ASIA (neighbouring Asian economies, incl. Hong Kong as a separate customs territory, 2 days),
 * GLOBAL (the world's main cargo hubs, 3 days).
 */
export type AirportRegion = 'DOMESTIC' | 'ASIA' | 'GLOBAL';
export const AIRPORT_REGIONS: readonly AirportRegion[] = ['DOMESTIC', 'ASIA', 'GLOBAL'];
