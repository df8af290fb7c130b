import type { DecisionSummary } from './assignment.engine';

/**
 * Watches each batch decision (a port, like every one of the service's: an abstract class used as
 * the Nest token). The adapter in infrastructure/ traces the batch (one span linked to the trace of
 * every shipment it decides) and measures its duration and size.
 */
export abstract class AssignmentBatchMonitor {
  abstract observe(batch: () => Promise<DecisionSummary[]>): Promise<DecisionSummary[]>;
}
