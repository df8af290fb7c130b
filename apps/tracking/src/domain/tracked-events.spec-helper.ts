import {
  exampleEventPayload,
  type CargoCancelledPayload,
  type CargoCorrectedPayload,
  type AssignmentFailedPayload,
  type CargoReceivedPayload,
  type CustomsHoldPlacedPayload,
  type CustomsReleasedPayload,
  type FlightAssignedPayload,
  type FlightManifestClosedPayload,
  type HandlingScannedPayload,
} from '@cargo/contracts';
import { manifestEntries, trackedEventOf, type TrackedEvent } from './tracked-event.model';

/** Builders of tracked events for one AWB (the contracts' example shipment, EHU→FRA on O36921). */
export const AWB = '784-12345675';
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(4, '0')}`;
/**
 * Decisions get increasing `decisionVersion`s in the order they are built (one sequence for holds and
 * releases, one for assignment outcomes), as their producers number them; `over` may set another.
 */
let customsVersion = 0;
let assignmentVersion = 0;

export function received(over: Partial<CargoReceivedPayload> = {}, id = nextId('rcv')): TrackedEvent {
  const data = { ...(exampleEventPayload('CargoReceived') as unknown as CargoReceivedPayload), ...over };
  return trackedEventOf(id, data.recordedAt, { kind: 'CargoReceived', data });
}
/** The station corrects the example intake (12 pcs, 486.5 kg, 2.4 m³) to `to` at `correctedAt`. */
export function corrected(correctedAt: string, to: Partial<Pick<CargoReceivedPayload, 'pieces' | 'grossWeightKg' | 'volumeM3'>>, over: Partial<CargoCorrectedPayload> = {}, id = nextId('cor')): TrackedEvent {
  const base = exampleEventPayload('CargoCorrected') as unknown as CargoCorrectedPayload;
  const data = { ...base, previous: { pieces: 12, grossWeightKg: 486.5, volumeM3: 2.4 }, intake: { ...base.intake, grossWeightKg: 486.5, ...to }, correctedAt, recordedAt: correctedAt, ...over };
  return trackedEventOf(id, correctedAt, { kind: 'CargoCorrected', data });
}
export function cancelledAtStation(cancelledAt: string, over: Partial<CargoCancelledPayload> = {}, id = nextId('cxl')): TrackedEvent {
  const data = { ...(exampleEventPayload('CargoCancelled') as unknown as CargoCancelledPayload), cancelledAt, recordedAt: cancelledAt, ...over };
  return trackedEventOf(id, cancelledAt, { kind: 'CargoCancelled', data });
}
export function scan(code: HandlingScannedPayload['code'], happenedAt: string, over: Partial<HandlingScannedPayload> = {}, id = nextId(`scan-${code}`)): TrackedEvent {
  const data = { ...(exampleEventPayload('HandlingScanned') as unknown as HandlingScannedPayload), code, happenedAt, recordedAt: happenedAt, ...over };
  if (code !== 'TDP' && code !== 'LOT' && code !== 'TAR') delete data.truckId;
  return trackedEventOf(id, data.recordedAt, { kind: 'HandlingScanned', data });
}
export function hold(placedAt: string, over: Partial<CustomsHoldPlacedPayload> = {}, id = nextId('hold')): TrackedEvent {
  const data = { ...(exampleEventPayload('CustomsHoldPlaced') as unknown as CustomsHoldPlacedPayload), placedAt, decisionVersion: ++customsVersion, ...over };
  return trackedEventOf(id, placedAt, { kind: 'CustomsHoldPlaced', data });
}
export function release(releasedAt: string, over: Partial<CustomsReleasedPayload> = {}, id = nextId('rel')): TrackedEvent {
  const data = { ...(exampleEventPayload('CustomsReleased') as unknown as CustomsReleasedPayload), releasedAt, decisionVersion: ++customsVersion, ...over };
  return trackedEventOf(id, releasedAt, { kind: 'CustomsReleased', data });
}
export function assigned(over: Partial<FlightAssignedPayload> = {}, id = nextId('asg')): TrackedEvent {
  const data = { ...(exampleEventPayload('FlightAssigned') as unknown as FlightAssignedPayload), decisionVersion: ++assignmentVersion, ...over };
  return trackedEventOf(id, data.decidedAt, { kind: 'FlightAssigned', data });
}
export function failed(over: Partial<AssignmentFailedPayload> = {}, id = nextId('fail')): TrackedEvent {
  const data = { ...(exampleEventPayload('AssignmentFailed') as unknown as AssignmentFailedPayload), decisionVersion: ++assignmentVersion, ...over };
  return trackedEventOf(id, data.decidedAt, { kind: 'AssignmentFailed', data });
}
function manifestPayload(over: Partial<FlightManifestClosedPayload> = {}): FlightManifestClosedPayload {
  return { ...(exampleEventPayload('FlightManifestClosed') as unknown as FlightManifestClosedPayload), ...over };
}
export function manifest(over: Partial<FlightManifestClosedPayload> = {}, id = nextId('man')): TrackedEvent {
  const p = manifestPayload(over);
  return manifestEntries(id, p.closedAt, p).find((e) => e.awb === AWB) as TrackedEvent;
}

/**
 * The example shipment's happy path (times in UTC): received 01:12, hold 01:14, released 03:40,
 * assigned 03:41 on O36921 EHU→FRA (truck by 10:30, cut-off 11:30, departs 14:30, arrives 02:20 next day),
 * truck departs 06:05, arrives EHU 07:10, manifest 11:30, DEP 14:35, ARR FRA 02:25, DLV 09:00.
 */
export function happyPath(): TrackedEvent[] {
  return [
    received(),
    hold('2026-11-25T01:14:33Z'),
    release('2026-11-25T03:40:00Z'),
    assigned(),
    scan('TDP', '2026-11-25T06:05:00Z', { place: 'OVS' }),
    scan('TAR', '2026-11-25T07:10:00Z', { place: 'EHU' }),
    manifest(),
    scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921' }),
    scan('ARR', '2026-11-26T02:25:00Z', { place: 'FRA', flightNumber: 'O36921' }),
    scan('DLV', '2026-11-26T09:00:00Z', { place: 'FRA' }),
  ];
}
