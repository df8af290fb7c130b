import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule } from './app.module';
import { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FLIGHT_ASSIGNMENT_HTTP_ERRORS } from './interface/http/flight-assignment.http-errors';

export const FlightAssignmentService: ServiceDefinition<FlightAssignmentConfig> = {
  name: 'flight-assignment',
  title: 'Flight assignment API',
  description: 'Timetable, capacity and assignment of released cargo to Tianhe and Huahu flights; manifests.',
  configClass: FlightAssignmentConfig,
  // text/plain: airlines post FSU/15 messages (POST /v1/status/fsu).
  errors: { prefix: 'ASSIGNMENT', statuses: FLIGHT_ASSIGNMENT_HTTP_ERRORS, textTypes: ['text/plain'] },
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  // Topics first, then subscribe; in the background so the service comes up without a broker.
  configure: (app) => {
    connectKafkaConsumer(app);
  },
};
