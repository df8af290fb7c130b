import { AssignmentFailedEvent } from '../events/assignment-failed/assignment-failed.event';
import { CargoCancelledEvent } from '../events/cargo-cancelled/cargo-cancelled.event';
import { CargoCorrectedEvent } from '../events/cargo-corrected/cargo-corrected.event';
import { CargoReceivedEvent } from '../events/cargo-received/cargo-received.event';
import { CustomsHoldPlacedEvent } from '../events/customs-hold-placed/customs-hold-placed.event';
import { CustomsReleasedEvent } from '../events/customs-released/customs-released.event';
import { FlightAssignedEvent } from '../events/flight-assigned/flight-assigned.event';
import { FlightManifestClosedEvent } from '../events/flight-manifest-closed/flight-manifest-closed.event';
import { HandlingScannedEvent } from '../events/handling-scanned/handling-scanned.event';
import { ShipmentStatusReportedEvent } from '../events/shipment-status-reported/shipment-status-reported.event';
import type { Topic } from '../topics/topics.constants';
import type { EventDefinition } from './event-definition';

/**
 * Every event that crosses Kafka, by name. Infrastructure validates any record generically:
 * `findEventDefinition(envelope.type)` → `validatePayload(def, envelope.data)`.
 *
 * `flight.assignment.v1` carries two types: `FlightAssigned` (ASSIGNED / REASSIGNED / ROAD_FEEDER)
 * and `AssignmentFailed` (WAITLISTED / OFFLOADED). `cargo.intake.v1` carries the intake and the
 * station's changes to it: `CargoReceived`, then `CargoCorrected` or `CargoCancelled`.
 */
export const EventCatalog = {
  CargoReceived: CargoReceivedEvent,
  CargoCorrected: CargoCorrectedEvent,
  CargoCancelled: CargoCancelledEvent,
  HandlingScanned: HandlingScannedEvent,
  CustomsHoldPlaced: CustomsHoldPlacedEvent,
  CustomsReleased: CustomsReleasedEvent,
  FlightAssigned: FlightAssignedEvent,
  AssignmentFailed: AssignmentFailedEvent,
  FlightManifestClosed: FlightManifestClosedEvent,
  ShipmentStatusReported: ShipmentStatusReportedEvent,
} as const;

export type EventName = keyof typeof EventCatalog;

/** Payload type of a catalog entry, e.g. `PayloadOf<'CargoReceived'>`. */
export type PayloadOf<N extends EventName> = (typeof EventCatalog)[N] extends EventDefinition<infer T> ? T : never;

/** All definitions; the order is the flow order. */
export const ALL_EVENT_DEFINITIONS: readonly EventDefinition[] = Object.freeze(Object.values(EventCatalog) as EventDefinition[]);

const BY_TYPE = new Map<string, EventDefinition>(ALL_EVENT_DEFINITIONS.map((d) => [d.type, d]));

/** The definition of a CloudEvents `type`, or undefined for a type this platform does not know. */
export function findEventDefinition(type: string): EventDefinition | undefined {
  return BY_TYPE.get(type);
}

/** The definitions whose events travel on `topic` (a consumer of the topic must handle each). */
export function eventsOnTopic(topic: Topic): EventDefinition[] {
  return ALL_EVENT_DEFINITIONS.filter((d) => d.topic === topic);
}
