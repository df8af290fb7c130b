import { connectKafkaConsumer } from '@cargo/messaging';
import { ServiceDefinition } from '@cargo/service-runtime';
import { AppModule } from './app.module';
import { TrackingConfig } from './config/tracking.config';
import { TRACKING_HTTP_ERRORS } from './interface/http/tracking.http-errors';

export const TrackingService: ServiceDefinition<TrackingConfig> = {
  name: 'tracking',
  title: 'Tracking API',
  description: 'Where is my cargo, and how is the hub doing: shipment timelines, KPIs, dashboard.',
  configClass: TrackingConfig,
  errors: { prefix: 'TRACKING', statuses: TRACKING_HTTP_ERRORS },
  module: (config, databaseUrl) => AppModule.forRoot(config, databaseUrl),
  // The six topics on the NestJS Kafka transport (group TRACKING_CONSUMER_GROUP), started in the
  // background after boot: the read model is served while the broker is unreachable.
  configure: (app, config) => {
    if (config.TRACKING_CONSUME === 'true') connectKafkaConsumer(app);
  },
};
