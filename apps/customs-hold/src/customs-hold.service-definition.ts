import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule, CUSTOMS_HOLD_SERVICE_NAME } from './app.module';
import { CustomsHoldConfig } from './config/customs-hold.config';
import { CUSTOMS_HOLD_HTTP_ERRORS } from './interface/http/customs-hold.http-errors';

export const CustomsHoldService: ServiceDefinition<CustomsHoldConfig> = {
  name: CUSTOMS_HOLD_SERVICE_NAME,
  title: 'Customs hold API',
  description:
    'Customs and security holds, releases and the work plan control rules. Officers, screeners and customs systems call it with bearer tokens of the trusted issuer.',
  configClass: CustomsHoldConfig,
  errors: { prefix: 'CUSTOMS', statuses: CUSTOMS_HOLD_HTTP_ERRORS },
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  // Topics, then the Kafka consumer, in the background after boot (see KafkaConsumerStarter).
  configure: (app) => {
    connectKafkaConsumer(app);
  },
};
