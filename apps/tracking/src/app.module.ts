import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { TrackingConfig } from './config/tracking.config';
import { TrackingOrm } from './infrastructure/tracking.orm-config';

@Module({})
export class AppModule {
  static forRoot(_config: TrackingConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceDatabaseModule.forRoot({ url: databaseUrl, ...TrackingOrm }), HealthModule],
    };
  }
}
