import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule } from './app.module';
import { CustomsHoldConfig } from './config/customs-hold.config';

export const CustomsHoldService: ServiceDefinition<CustomsHoldConfig> = {
  name: 'customs-hold',
  title: 'Customs hold API',
  description: 'Customs and security holds, releases and the work plan control rules.',
  configClass: CustomsHoldConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
};
