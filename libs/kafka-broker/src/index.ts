export { KafkaBroker, startKafkaBroker } from './kafka-broker.server';
export type { KafkaBrokerOptions } from './kafka-broker.server';
