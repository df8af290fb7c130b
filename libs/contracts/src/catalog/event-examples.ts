import type { AssignmentFailedPayload } from '../events/assignment-failed/assignment-failed.event';
import type { CargoCancelledPayload } from '../events/cargo-cancelled/cargo-cancelled.event';
import type { CargoCorrectedPayload } from '../events/cargo-corrected/cargo-corrected.event';
import type { CargoReceivedPayload } from '../events/cargo-received/cargo-received.event';
import type { CustomsHoldPlacedPayload } from '../events/customs-hold-placed/customs-hold-placed.event';
import type { CustomsReleasedPayload } from '../events/customs-released/customs-released.event';
import type { FlightAssignedPayload } from '../events/flight-assigned/flight-assigned.event';
import type { FlightManifestClosedPayload } from '../events/flight-manifest-closed/flight-manifest-closed.event';
import type { HandlingScannedPayload } from '../events/handling-scanned/handling-scanned.event';
import type { ShipmentStatusReportedPayload } from '../events/shipment-status-reported/shipment-status-reported.event';
import type { EventName } from './event-catalog';

type Plain<T> = { [K in keyof T]: T[K] extends object ? Plain<T[K]> : T[K] };

/**
 * One realistic, valid payload per event, as plain JSON: a lithium-battery shipment of an Optics
 * Valley optoelectronics maker, received 25 Nov 2026, cleared at the station and flown from Ezhou
 * Huahu to Frankfurt on a freighter. Used by the contract tests and as examples in the AsyncAPI
 * document. Each call returns a fresh deep copy, safe to mutate.
 */
const EXAMPLES: { [N in EventName]: Plain<unknown> } = {
  CargoReceived: {
    awb: '784-12345675',
    stationCode: 'OVS',
    shipper: { id: 'SHP-OV-001', name: 'Wuhan Guanggu Xinghe Optoelectronics Co., Ltd.', creditCode: '91420100MA4KXXXX1R' },
    agentId: 'AGT-001',
    manufacturerId: 'MFR-001',
    pieces: 12,
    grossWeightKg: 486.5,
    volumeM3: 2.4,
    commodity: {
      description: 'Optical transceiver modules with lithium ion batteries',
      category: 'OPTOELECTRONICS',
      hsCode: '85176299',
      declaredValue: { amount: 186000, currency: 'USD' },
    },
    specialHandlingCodes: ['RLI', 'CAO'],
    dangerousGoods: [
      {
        unNumber: 'UN3480',
        class: '9',
        packingInstruction: 'PI965',
        properShippingName: 'Lithium ion batteries',
        netQuantityKg: 35,
        cargoAircraftOnly: true,
      },
    ],
    ecommerce: false,
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    receivedAt: '2026-11-25T09:12:00+08:00',
    recordedAt: '2026-11-25T09:14:31+08:00',
  } satisfies Plain<CargoReceivedPayload>,
  CargoCorrected: {
    awb: '784-12345675',
    stationCode: 'OVS',
    intakeVersion: 2,
    supersedes: '0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70',
    previous: { pieces: 12, grossWeightKg: 486.5, volumeM3: 2.4 },
    intake: {
      awb: '784-12345675',
      stationCode: 'OVS',
      shipper: { id: 'SHP-OV-001', name: 'Wuhan Guanggu Xinghe Optoelectronics Co., Ltd.', creditCode: '91420100MA4KXXXX1R' },
      agentId: 'AGT-001',
      manufacturerId: 'MFR-001',
      pieces: 12,
      grossWeightKg: 512,
      volumeM3: 2.4,
      commodity: {
        description: 'Optical transceiver modules with lithium ion batteries',
        category: 'OPTOELECTRONICS',
        hsCode: '85176299',
        declaredValue: { amount: 186000, currency: 'USD' },
      },
      specialHandlingCodes: ['RLI', 'CAO'],
      dangerousGoods: [
        {
          unNumber: 'UN3480',
          class: '9',
          packingInstruction: 'PI965',
          properShippingName: 'Lithium ion batteries',
          netQuantityKg: 35,
          cargoAircraftOnly: true,
        },
      ],
      ecommerce: false,
      destinationAirport: 'FRA',
      serviceLevel: 'D3',
      receivedAt: '2026-11-25T09:12:00+08:00',
      recordedAt: '2026-11-25T09:14:31+08:00',
    },
    reason: 'Re-weighed on the calibrated platform scale: 512 kg, not 486.5 kg',
    correctedBy: 'api-key:k-ovs-dock1',
    correctedAt: '2026-11-25T09:40:00+08:00',
    recordedAt: '2026-11-25T09:40:00+08:00',
  } satisfies Plain<CargoCorrectedPayload>,
  CargoCancelled: {
    awb: '784-12345675',
    stationCode: 'OVS',
    intakeVersion: 3,
    supersedes: 'c4a7e1d2-5b3f-4e8a-9c61-7d2f0e3b9a15',
    reason: 'Shipper withdrew the shipment before dispatch',
    cancelledBy: 'api-key:k-ovs-dock1',
    cancelledAt: '2026-11-25T10:05:00+08:00',
    recordedAt: '2026-11-25T10:05:00+08:00',
  } satisfies Plain<CargoCancelledPayload>,
  HandlingScanned: {
    awb: '784-12345675',
    stationCode: 'OVS',
    code: 'TDP',
    place: 'OVS',
    truckId: '鄂A·D12345',
    pieces: 12,
    happenedAt: '2026-11-25T14:05:00+08:00',
    recordedAt: '2026-11-25T14:20:12+08:00',
  } satisfies Plain<HandlingScannedPayload>,
  CustomsHoldPlaced: {
    awb: '784-12345675',
    caseId: 'CASE-OVS-20261125-0042',
    stationCode: 'OVS',
    reasons: [{ code: 'SCREENING', explanation: 'Shipper credit grade C: selected for deep screening (30% share)' }],
    placedBy: { role: 'SYSTEM', id: 'customs-hold' },
    placedAt: '2026-11-25T09:14:33+08:00',
    decisionVersion: 1,
  } satisfies Plain<CustomsHoldPlacedPayload>,
  CustomsReleased: {
    awb: '784-12345675',
    caseId: 'CASE-OVS-20261125-0042',
    stationCode: 'OVS',
    kind: 'FULL',
    reasons: [
      { code: 'DG_QUALIFIED', explanation: 'Shipper, agent and manufacturer qualified for UN3480 until 2027-12-31' },
      { code: 'SCREENING_PASSED', explanation: 'Deep screening passed (X-ray, ETD)' },
    ],
    cargoAircraftOnly: true,
    specialHandlingCodes: ['RLI', 'CAO'],
    priority: 'NORMAL',
    postReleaseCheck: false,
    releasedBy: { role: 'SECURITY_SCREENER', id: 'SEC-0317' },
    releasedAt: '2026-11-25T11:40:00+08:00',
    decisionVersion: 2,
    supersedes: 'c4a7e1d2-5b3f-4e8a-9c61-7d2f0e3b9a15',
  } satisfies Plain<CustomsReleasedPayload>,
  FlightAssigned: {
    awb: '784-12345675',
    stationCode: 'OVS',
    outcome: 'ASSIGNED',
    flightId: 'O36921-2026-11-25',
    flightNumber: 'O36921',
    origin: 'EHU',
    destination: 'FRA',
    departureAt: '2026-11-25T14:30:00Z',
    cutoffAt: '2026-11-25T11:30:00Z',
    arrivalAt: '2026-11-26T02:20:00Z',
    truckDepartBy: '2026-11-25T10:30:00Z',
    aircraftKind: 'FREIGHTER',
    chargeableWeightKg: 486.5,
    decidedAt: '2026-11-25T03:41:02Z',
    decisionVersion: 1,
  } satisfies Plain<FlightAssignedPayload>,
  AssignmentFailed: {
    awb: '784-12345675',
    stationCode: 'OVS',
    outcome: 'WAITLISTED',
    reason: { code: 'CAO_NO_FREIGHTER', explanation: 'Cargo-aircraft-only: no freighter to FRA with 486.5 kg free before the D3 deadline today' },
    destination: 'FRA',
    chargeableWeightKg: 486.5,
    retryUntil: '2026-11-26T14:00:00Z',
    decidedAt: '2026-11-25T03:41:02Z',
    decisionVersion: 1,
  } satisfies Plain<AssignmentFailedPayload>,
  FlightManifestClosed: {
    flightId: 'O36921-2026-11-25',
    flightNumber: 'O36921',
    origin: 'EHU',
    destination: 'FRA',
    departureAt: '2026-11-25T14:30:00Z',
    aircraftKind: 'FREIGHTER',
    aircraftType: 'B767-300F',
    aircraftRegistration: 'B-222P',
    capacity: { kg: 50000, m3: 400 },
    shipments: [
      {
        awb: '784-12345675',
        stationCode: 'OVS',
        pieces: 12,
        grossWeightKg: 486.5,
        volumeM3: 2.4,
        chargeableWeightKg: 486.5,
        specialHandlingCodes: ['RLI', 'CAO'],
        dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', properShippingName: 'Lithium ion batteries', netQuantityKg: 35 }],
        cargoAircraftOnly: true,
        goodsDescription: 'Lithium ion battery packs for optical test equipment',
        consignee: { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE', customsId: 'DE123456789012345' },
      },
      {
        awb: '112-76543213',
        stationCode: 'EZS',
        pieces: 40,
        grossWeightKg: 820,
        volumeM3: 6.1,
        chargeableWeightKg: 1017,
        specialHandlingCodes: ['PIL', 'CRT'],
        dangerousGoods: [],
        cargoAircraftOnly: false,
      },
    ],
    totals: { pieces: 52, grossWeightKg: 1306.5, volumeM3: 8.5, chargeableWeightKg: 1503.5 },
    loadFactor: 0.03,
    closedAt: '2026-11-25T11:30:00Z',
  } satisfies Plain<FlightManifestClosedPayload>,
  ShipmentStatusReported: {
    awb: '784-12345675',
    status: 'DEP',
    place: 'EHU',
    flightNumber: 'O36921',
    pieces: 12,
    happenedAt: '2026-11-25T14:42:00Z',
    sourceEventId: '3f1c2a9e-7b4d-4c8a-9e21-5d6f7a8b9c0d',
    fsu: 'FSU/15\r\n784-12345675EHUFRA/T12K486.5\r\nDEP/O36921/25NOV/EHUFRA/T12K486.5/A2242\r\n',
  } satisfies Plain<ShipmentStatusReportedPayload>,
};

/** A fresh deep copy of the example payload of `name`. */
/**
 * The moment the examples describe: 25 Nov 2026, 09:15 in Wuhan, just after the intake was recorded
 * and before the flight's cut-off. A test that sends example payloads to a service sets the
 * service's clock here (`CLOCK_SIM_ORIGIN`), so rules that depend on "now" (qualification validity,
 * the departures board's window) see the examples' day whatever day the suite runs.
 */
export const EXAMPLE_MOMENT = '2026-11-25T01:15:00Z';

export function exampleEventPayload(name: EventName): Record<string, unknown> {
  return structuredClone(EXAMPLES[name]) as Record<string, unknown>;
}
