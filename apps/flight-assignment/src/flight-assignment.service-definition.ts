import { kafkaMicroserviceOptions } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { logLevel } from 'kafkajs';
import { AppModule } from './app.module';
import { FlightAssignmentConfig } from './config/flight-assignment.config';
import { KafkaConsumerStarter } from './infrastructure/kafka-consumer.starter';

export const FlightAssignmentService: ServiceDefinition<FlightAssignmentConfig> = {
  name: 'flight-assignment',
  title: 'Flight assignment API',
  description: 'Timetable, capacity and assignment of released cargo to Tianhe and Huahu flights; manifests.',
  configClass: FlightAssignmentConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  configure: async (app, config) => {
    app.connectMicroservice(
      kafkaMicroserviceOptions({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'flight-assignment', groupId: 'flight-assignment', logLevel: logLevel.WARN }),
      { inheritAppConfig: true },
    );
    await app.init();
    // Topics first, then subscribe; in the background so the service comes up without a broker.
    app.get(KafkaConsumerStarter).start(() => app.startAllMicroservices());
  },
};
