import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule } from './app.module';
import { TrackingConfig } from './config/tracking.config';

export const TrackingService: ServiceDefinition<TrackingConfig> = {
  name: 'tracking',
  title: 'Tracking API',
  description: 'Where is my cargo, and how is the hub doing: shipment timelines, KPIs, dashboard.',
  configClass: TrackingConfig,
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  // The six topics on the NestJS Kafka transport (group TRACKING_CONSUMER_GROUP), started in the
  // background after boot: the read model is served while the broker is unreachable.
  configure: (app, config) => {
    if (config.TRACKING_CONSUME === 'true') connectKafkaConsumer(app);
  },
};
