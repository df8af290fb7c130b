import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { TrackingConfig } from './config/tracking.config';
import { TrackingMigrations } from './infrastructure/migrations';

/** The service's own PostgreSQL schema: its tables live there and nowhere else. */
export const SERVICE_SCHEMA = 'tracking';

@Module({})
export class AppModule {
  static forRoot(_config: TrackingConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({
          url: databaseUrl,
          schema: SERVICE_SCHEMA,
          entities: [],
          migrations: TrackingMigrations,
        }),
        HealthModule,
      ],
    };
  }
}
