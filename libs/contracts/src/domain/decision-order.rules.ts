import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/**
 * The ordering rule for decisions that travel as events (issue #15: "decisions applied in order
 * whatever the topic order").
 *
 * A customs case's holds travel on `customs.hold.v1` and its releases on `customs.release.v1`;
 * Kafka orders records only within one partition of one topic, so a consumer that catches up after
 * downtime may read a newer release before an older hold. Assignment decisions share
 * `flight.assignment.v1`, but they are taken by concurrent units of work, and what orders them is
 * the order in which those commit, not a clock. So every such decision carries:
 *
 * - `decisionVersion`: a number that increases with every decision about the shipment, from one
 *   sequence per producer: the customs case's version for holds and releases (one sequence for both
 *   topics), flight-assignment's per-AWB decision sequence for `FlightAssigned`/`AssignmentFailed`.
 *   Always written; read as optional, because events written before versions existed have none.
 * - `supersedes`: the event id of the decision of the same sequence it replaces, when there is one.
 *
 * **The rule for every consumer**: keep, per AWB and per sequence (customs; assignment), the version
 * of the last decision applied, for holds and releases alike; apply a decision only if
 * {@link isNewerDecision}. An older decision is not an error: it is acknowledged (and may be kept
 * as history) without changing state. A decision without a version counts as version 0, and between
 * two version-0 decisions arrival order decides (the behaviour before versions).
 */
export const UNVERSIONED_DECISION = 0;

/** The version of a decision as read: a missing version (an event from before versions) is 0. */
export function decisionVersionOf(decision: { decisionVersion?: number | null }): number {
  return decision.decisionVersion ?? UNVERSIONED_DECISION;
}

/**
 * Whether a decision with version `incoming` is to be applied when the last decision applied for the
 * same AWB and sequence had version `applied` (undefined or null: none applied yet).
 *
 * Invariants: true when nothing was applied; otherwise true exactly when `incoming` is greater, or
 * when both are unversioned (0). So applying every delivered decision through this check leaves the
 * state of the highest version delivered, in any delivery order.
 */
export function isNewerDecision(incoming: number | undefined | null, applied: number | undefined | null): boolean {
  if (applied === undefined || applied === null) return true;
  const version = incoming ?? UNVERSIONED_DECISION;
  return version > applied || (version === UNVERSIONED_DECISION && applied === UNVERSIONED_DECISION);
}

/** `decisionVersion` of a decision payload: a whole number ≥ 1 (see {@link isNewerDecision}). */
export function IsDecisionVersion(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    IsOptional()(target, propertyName);
    IsInt({ message: '$property must be a whole number (the decision sequence of the AWB)' })(target, propertyName);
    Min(1, { message: '$property must be at least 1' })(target, propertyName);
  };
}

/** `supersedes`: the id (a UUID, like every event id) of the decision this one replaces. */
export function IsSupersededEventId(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    IsOptional()(target, propertyName);
    IsUUID(undefined, { message: '$property must be the event id (UUID) of the decision this one replaces' })(target, propertyName);
  };
}
