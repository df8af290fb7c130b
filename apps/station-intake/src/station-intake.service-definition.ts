import type { INestApplication } from '@nestjs/common';
import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule, STATION_INTAKE_SERVICE_NAME } from './app.module';
import { StationIntakeConfig } from './config/station-intake.config';
import { STATION_INTAKE_HTTP_ERRORS } from './interface/http/station-intake.http-errors';

export const StationIntakeService: ServiceDefinition<StationIntakeConfig> = {
  name: STATION_INTAKE_SERVICE_NAME,
  title: 'Station intake API',
  description: 'What forward-station terminals post: intakes, scans, truck dispatch lists.',
  configClass: StationIntakeConfig,
  errors: { prefix: 'INTAKE', statuses: STATION_INTAKE_HTTP_ERRORS, textTypes: ['text/csv', 'application/csv', 'text/plain'] },
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  configure: (app: INestApplication) => {
    connectKafkaConsumer(app);
  },
};
