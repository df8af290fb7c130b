/**
 * Known reason codes of flight-assignment decisions. Like release reasons they are validated as
 * UPPER_SNAKE, not against this list, so flight-assignment can add one without a contracts change;
 * consumers show the explanation and tolerate unknown codes.
 */
export const AssignmentReason = {
  /** No flight with enough remaining weight or volume (chargeable weight). */
  NO_CAPACITY: 'NO_CAPACITY',
  /** The truck from the station cannot reach the airport before the cut-off. */
  CUTOFF_UNREACHABLE: 'CUTOFF_UNREACHABLE',
  /** Cargo-aircraft-only shipment and no freighter fits. */
  CAO_NO_FREIGHTER: 'CAO_NO_FREIGHTER',
  /** Temperature-controlled shipment and no cold-chain capable flight fits. */
  NO_COLD_CHAIN: 'NO_COLD_CHAIN',
  /** No flight from Wuhan (direct or one connection) arrives within the service level. */
  SERVICE_LEVEL_UNREACHABLE: 'SERVICE_LEVEL_UNREACHABLE',
  /** Customs or security hold placed after assignment. */
  CUSTOMS_HOLD: 'CUSTOMS_HOLD',
  FLIGHT_CANCELLED: 'FLIGHT_CANCELLED',
  FLIGHT_DELAYED: 'FLIGHT_DELAYED',
  /** The batch optimiser moved the shipment to fit more shipments on time. */
  BATCH_REPLAN: 'BATCH_REPLAN',
  /** Trucked to another region's airport because the promise can no longer be met by air from Wuhan. */
  ROAD_FEEDER_FALLBACK: 'ROAD_FEEDER_FALLBACK',
  /**
   * No flight can keep the 1-2-3 promise any more: booked on the best later flight instead; the
   * decision carries the new promised arrival (`revisedPromise`).
   */
  LATER_FLIGHT: 'LATER_FLIGHT',
  /**
   * Wait-listed on standby for a later flight: no flight keeps the promise, and the later flight's
   * room is taken only shortly before its cut-off, so that shipments which can still keep their
   * promise come first.
   */
  LATER_FLIGHT_STANDBY: 'LATER_FLIGHT_STANDBY',
  /** Nothing in the timetable (no flight, connection or road feeder) carries the shipment from its station to its destination. */
  NO_ROUTE: 'NO_ROUTE',
  /** An operator resolved the shipment's assignment exception; this is the decision that followed. */
  EXCEPTION_RESOLVED: 'EXCEPTION_RESOLVED',
  /** The station corrected pieces, weight or volume: the booking was re-planned with the new figures. */
  CARGO_CORRECTED: 'CARGO_CORRECTED',
  /** The station cancelled the intake: the booking was released. */
  CARGO_CANCELLED: 'CARGO_CANCELLED',
} as const;
export type AssignmentReason = (typeof AssignmentReason)[keyof typeof AssignmentReason];
