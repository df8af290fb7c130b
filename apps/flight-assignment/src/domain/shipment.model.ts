import {
  chargeableWeightKg,
  requiresCargoAircraft,
  serviceLevelDeadline,
  TEMPERATURE_CONTROLLED_CODES,
  type CargoReceivedPayload,
  type CommodityCategory,
  type ServiceLevel,
} from '@cargo/contracts';

/** A dangerous-goods line as the manifest carries it. */
export interface DgLine {
  unNumber: string;
  class: string;
  packingInstruction: string;
  properShippingName: string;
  netQuantityKg?: number;
  cargoAircraftOnly?: boolean;
}

/**
 * This service's own copy of the facts of a shipment (from `cargo.intake.v1`, completed by
 * `customs.release.v1`). Only what assignment and manifests need.
 *
 * Invariants: `chargeableWeightKg` = max(gross, volume weight) rounded up to 0.5 kg (what capacity
 * is booked in); `deadlineAt` = `receivedAt` + the service level's days; `cargoAircraftOnly` when any
 * DG line or the CAO code (or customs) says so; `temperatureControlled` when a cold-chain code or a
 * temperature range is given.
 */
export interface ShipmentFacts {
  awb: string;
  stationCode: string;
  pieces: number;
  grossWeightKg: number;
  volumeM3: number;
  chargeableWeightKg: number;
  destination: string;
  serviceLevel: ServiceLevel;
  commodityCategory: CommodityCategory;
  /** When the cargo was received at the station (epoch ms). */
  receivedAt: number;
  deadlineAt: number;
  cargoAircraftOnly: boolean;
  temperatureControlled: boolean;
  specialHandlingCodes: string[];
  dangerousGoods: DgLine[];
  /** The goods as the intake described them (facts stored before this field existed have none). */
  goodsDescription?: string;
  /** Consignee of the air waybill, when the intake named one. */
  consignee?: WaybillParty;
  /** House waybills of a consolidation, each with its consignee. */
  houseWaybills?: HouseWaybill[];
}

/** A party named on a waybill (see `WaybillPartyDto` in @cargo/contracts). */
export interface WaybillParty {
  name: string;
  street: string;
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
  phone?: string;
  customsId?: string;
}

/** A house waybill of a consolidation (see `HouseWaybillDto` in @cargo/contracts). */
export interface HouseWaybill {
  number: string;
  pieces: number;
  grossWeightKg: number;
  description: string;
  hsCode?: string;
  shipper?: WaybillParty;
  consignee: WaybillParty;
}

/** A plain copy of a party (no class instance travels into stored facts or manifests). */
function partyOf(p: WaybillParty): WaybillParty {
  return { ...p };
}

export function isTemperatureControlled(codes: readonly string[], hasTemperatureRange: boolean): boolean {
  return hasTemperatureRange || codes.some((c) => (TEMPERATURE_CONTROLLED_CODES as readonly string[]).includes(c));
}

/** Facts of a received shipment, from the intake event. */
export function shipmentFactsFromIntake(p: CargoReceivedPayload): ShipmentFacts {
  const receivedAt = Date.parse(p.receivedAt);
  return {
    awb: p.awb,
    stationCode: p.stationCode,
    pieces: p.pieces,
    grossWeightKg: p.grossWeightKg,
    volumeM3: p.volumeM3,
    chargeableWeightKg: chargeableWeightKg(p.grossWeightKg, p.volumeM3),
    destination: p.destinationAirport,
    serviceLevel: p.serviceLevel,
    commodityCategory: p.commodity.category,
    receivedAt,
    deadlineAt: serviceLevelDeadline(new Date(receivedAt), p.serviceLevel).getTime(),
    cargoAircraftOnly: requiresCargoAircraft(p),
    temperatureControlled: isTemperatureControlled(p.specialHandlingCodes, p.temperatureRange !== undefined),
    specialHandlingCodes: [...p.specialHandlingCodes],
    dangerousGoods: p.dangerousGoods.map((d) => ({ ...d })),
    goodsDescription: p.commodity.description,
    ...(p.consignee ? { consignee: partyOf(p.consignee) } : {}),
    ...(p.houseWaybills
      ? { houseWaybills: p.houseWaybills.map((h) => ({ ...h, consignee: partyOf(h.consignee), ...(h.shipper ? { shipper: partyOf(h.shipper) } : {}) })) }
      : {}),
  };
}

/** Customs may add what it derived (CAO, handling codes); the release never removes a restriction. */
export function withReleaseFacts(facts: ShipmentFacts, release: { cargoAircraftOnly: boolean; specialHandlingCodes: readonly string[] }): ShipmentFacts {
  const codes = [...new Set([...facts.specialHandlingCodes, ...release.specialHandlingCodes])];
  return {
    ...facts,
    specialHandlingCodes: codes,
    cargoAircraftOnly: facts.cargoAircraftOnly || release.cargoAircraftOnly || codes.includes('CAO'),
    temperatureControlled: facts.temperatureControlled || isTemperatureControlled(codes, false),
  };
}
