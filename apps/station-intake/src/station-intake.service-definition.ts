import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule } from './app.module';
import { StationIntakeConfig } from './config/station-intake.config';

export const StationIntakeService: ServiceDefinition<StationIntakeConfig> = {
  name: 'station-intake',
  title: 'Station intake API',
  description: 'What forward-station terminals post: intakes, scans, truck dispatch lists.',
  configClass: StationIntakeConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
};
