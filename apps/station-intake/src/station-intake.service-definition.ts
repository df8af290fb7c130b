import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule, STATION_INTAKE_SERVICE_NAME } from './app.module';
import { StationIntakeConfig } from './config/station-intake.config';
import { bodyParserErrorMiddleware } from './interface/http/body-parser-error.middleware';

export const StationIntakeService: ServiceDefinition<StationIntakeConfig> = {
  name: STATION_INTAKE_SERVICE_NAME,
  title: 'Station intake API',
  description: 'What forward-station terminals post: intakes, scans, truck dispatch lists.',
  configClass: StationIntakeConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  configure: (app: INestApplication, config: StationIntakeConfig) => {
    const express = app as NestExpressApplication;
    const limit = `${config.BODY_LIMIT_KB}kb`;
    express.useBodyParser('json', { limit });
    express.useBodyParser('text', { type: ['text/csv', 'application/csv', 'text/plain'], limit });
    express.use(bodyParserErrorMiddleware);
    connectKafkaConsumer(app);
  },
};
