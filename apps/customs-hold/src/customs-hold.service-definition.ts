import { kafkaMicroserviceOptions } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { logLevel } from 'kafkajs';
import { AppModule, CUSTOMS_HOLD_SERVICE_NAME } from './app.module';
import { CustomsHoldConfig } from './config/customs-hold.config';
import { KafkaConsumerStarter } from './infrastructure/kafka-consumer.starter';

export const CustomsHoldService: ServiceDefinition<CustomsHoldConfig> = {
  name: CUSTOMS_HOLD_SERVICE_NAME,
  title: 'Customs hold API',
  description:
    'Customs and security holds, releases and the work plan control rules. Officers identify with x-officer-id / x-officer-role (set by the auth proxy in front).',
  configClass: CustomsHoldConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  configure: async (app, config) => {
    app.connectMicroservice(
      kafkaMicroserviceOptions({
        brokers: config.KAFKA_BROKERS.split(','),
        clientId: CUSTOMS_HOLD_SERVICE_NAME,
        groupId: CUSTOMS_HOLD_SERVICE_NAME,
        logLevel: logLevel.WARN,
      }),
      { inheritAppConfig: true },
    );
    await app.init();
    app.get(KafkaConsumerStarter).start(() => app.startAllMicroservices());
  },
};
