/**
 * @cargo/contracts — what crosses Kafka between the services, and the shared vocabulary.
 * Plain TypeScript + class-validator; imports no framework and no other @cargo project.
 */
import 'reflect-metadata';

// Topics
export * from './topics/topics.constants';

// Envelope and catalog
export * from './envelope/event-envelope';
export * from './envelope/event-envelope.dto';
export * from './catalog/event-definition';
export * from './catalog/event-catalog';
export * from './catalog/validate-payload';
export * from './catalog/validate-event';

// Value objects
export * from './awb/awb.value-object';
export * from './awb/invalid-awb.error';
export * from './awb/is-awb.decorator';

// Domain vocabulary and rules
export * from './domain/airports.constants';
export * from './domain/service-level.constants';
export * from './domain/hold-reason.constants';
export * from './domain/assignment-reason.constants';
export * from './domain/commodity-category.constants';
export * from './domain/special-handling.constants';
export * from './domain/dangerous-goods.rules';
export * from './domain/handling-code.constants';
export * from './domain/chargeable-weight';
export * from './domain/flight.constants';
export * from './domain/hub-time.util';
export * from './domain/decision-order.rules';
export * from './validation/common.decorators';

// Event payloads
export * from './events/shared/dangerous-goods-line.dto';
export * from './events/shared/actor.dto';
export * from './events/shared/reason.dto';
export * from './events/shared/waybill-party.dto';
export * from './events/shared/transport-reference.dto';
export * from './events/cargo-received/cargo-received.event';
export * from './events/shared/measured-quantities.dto';
export * from './events/cargo-corrected/cargo-corrected.event';
export * from './events/cargo-cancelled/cargo-cancelled.event';
export * from './events/handling-scanned/handling-scanned.event';
export * from './events/customs-hold-placed/customs-hold-placed.event';
export * from './events/customs-released/customs-released.event';
export * from './events/flight-assigned/flight-assigned.event';
export * from './events/assignment-failed/assignment-failed.event';
export * from './events/flight-manifest-closed/flight-manifest-closed.event';
export * from './events/shipment-status-reported/shipment-status-reported.event';

// Reference-data shapes (the data itself is in @cargo/seeds)
export * from './reference-data/reference-data.types';
export * from './catalog/event-examples';
export * from './errors/domain.error';
