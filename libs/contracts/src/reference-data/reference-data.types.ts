import type { AirportKind, AirportRegion, HomeHub } from '../domain/airports.constants';
import type { CommodityCategory } from '../domain/commodity-category.constants';
import type { DgClass } from '../domain/dangerous-goods.rules';
import type { AircraftKind } from '../domain/flight.constants';

/**
 * Shapes of the reference data in `@cargo/seeds`. They live here so services can type what they load
 * (and their own tables) without depending on the seed files.
 */

export type StationKind = 'FORWARD_HUB' | 'BONDED_ZONE' | 'METRO_CITY' | 'REMOTE';

/** A forward cargo station (DOMAIN.md, "Places"): cargo is received, screened and cleared here, then trucked to WUH or EHU. */
export interface Station {
  /** Station code, 3–6 upper-case letters/digits; never equal to an airport code in the seeds. */
  code: string;
  nameZh: string;
  nameEn: string;
  kind: StationKind;
  /** Province (English), e.g. `Hubei`, `Jiangsu`. */
  province: string;
  city: string;
  /**
   * In the Wuhan metropolitan area (Wuhan and the eight co-built cities). The air self-transport KPI
   * counts the export cargo of these stations only.
   */
  metroArea: boolean;
  /** Customs clearance at the station (the Optics Valley model): cargo leaves ready to fly. */
  clearsCustoms: boolean;
  /** Scheduled truck driving time to each hub, in minutes, door to cargo terminal. */
  truckMinutes: Readonly<Record<HomeHub, number>>;
  location: { lat: number; lon: number };
}

export interface Airport {
  code: string;
  nameZh: string;
  nameEn: string;
  city: string;
  /** ISO 3166-1 alpha-2 (HK for Hong Kong). */
  country: string;
  /** Region for the 1-2-3 circle; gives the service level (see `serviceLevelForRegion`). */
  region: AirportRegion;
  kind: AirportKind;
  /** Partner hub of the air-to-air transfer routes (PVG, HKG). */
  transferHub: boolean;
  /** Minimum connection time for air-to-air transfer, minutes (transfer hubs only). */
  minConnectionMinutes?: number;
  /** IANA time zone; use it for local times (it knows daylight saving). */
  timeZone: string;
  /** Standard-time UTC offset in minutes (no daylight saving), for display. */
  utcOffsetMinutes: number;
}

/** Where a timetable entry sits in an itinerary. */
export type TimetableLeg = 'FROM_WUHAN' | 'ONWARD' | 'ROAD_FEEDER';

/** One scheduled departure: a flight (belly or freighter) or a road-feeder truck under a flight number. */
export interface ScheduledFlight {
  /** `<flightNumber>-<local departure date>`, e.g. `CZ3481-2026-11-25`. */
  flightId: string;
  flightNumber: string;
  /** Operating carrier designator, e.g. `CZ`, `O3`. */
  carrier: string;
  origin: string;
  destination: string;
  /** UTC, RFC 3339 (`…Z`). */
  departureAt: string;
  arrivalAt: string;
  /** Cargo acceptance closes this long before departure. */
  cutoffMinutes: number;
  cutoffAt: string;
  aircraftKind: AircraftKind;
  /** e.g. `A320`, `B787-9`, `B767-300F`, `TRUCK-13.6M`. */
  aircraftType: string;
  /**
   * Registration of the aircraft flying it, e.g. `B-LAD` (what the FFM flight line names); absent
   * for trucks and where the fleet is not known.
   */
  aircraftRegistration?: string;
  /**
   * Cargo capacity offered on this departure. For onward flights from PVG/HKG it is the allotment
   * for Wuhan transfer cargo, not the aircraft's whole capacity.
   */
  capacity: { kg: number; m3: number };
  /** Temperature-controlled cargo (COL/CRT/FRO/PIL…) may go on it. */
  coldChain: boolean;
  leg: TimetableLeg;
}

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
/** Air-cargo integrity credit grade (诚信积分制): A best … D worst; sets the deep-screening share. */
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** Lowest credit score of each grade (scores are 0..100). */
export const CREDIT_GRADE_MIN_SCORE: Readonly<Record<CreditGrade, number>> = { A: 90, B: 75, C: 60, D: 0 };

export function creditGradeForScore(score: number): CreditGrade {
  if (score >= CREDIT_GRADE_MIN_SCORE.A) return 'A';
  if (score >= CREDIT_GRADE_MIN_SCORE.B) return 'B';
  if (score >= CREDIT_GRADE_MIN_SCORE.C) return 'C';
  return 'D';
}

export type PartyRole = 'SHIPPER' | 'AGENT' | 'MANUFACTURER';

export interface Party {
  id: string;
  role: PartyRole;
  nameZh: string;
  nameEn: string;
  /** Unified social credit code (统一社会信用代码). */
  creditCode: string;
}

export interface Shipper extends Party {
  role: 'SHIPPER';
  /** Station where the shipper usually hands over cargo. */
  stationCode: string;
  commodityCategories: readonly CommodityCategory[];
  creditGrade: CreditGrade;
  /** 0..100; `creditGrade === creditGradeForScore(creditScore)`. */
  creditScore: number;
  /** Cross-border e-commerce seller or platform. */
  ecommerce: boolean;
}

/**
 * A dangerous-goods qualification (DOMAIN.md: parties that pass a full qualification assessment get
 * an access mechanism). A party absent from the registry is unqualified.
 */
export interface DgQualification {
  certificateNo: string;
  partyId: string;
  role: PartyRole;
  /** Hazard classes/divisions covered. */
  classes: readonly DgClass[];
  /** UN numbers covered; empty means every UN number of the listed classes. */
  unNumbers: readonly string[];
  /** Inclusive local dates, `YYYY-MM-DD`. */
  validFrom: string;
  validTo: string;
  issuer: string;
}
