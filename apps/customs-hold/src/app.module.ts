import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { CustomsHoldConfig } from './config/customs-hold.config';
import { CustomsHoldMigrations } from './infrastructure/migrations';

/** The service's own PostgreSQL schema: its tables live there and nowhere else. */
export const SERVICE_SCHEMA = 'customs_hold';

@Module({})
export class AppModule {
  static forRoot(_config: CustomsHoldConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({
          url: databaseUrl,
          schema: SERVICE_SCHEMA,
          entities: [],
          migrations: CustomsHoldMigrations,
        }),
        HealthModule,
      ],
    };
  }
}
