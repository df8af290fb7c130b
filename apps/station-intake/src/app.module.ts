import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { StationIntakeConfig } from './config/station-intake.config';
import { StationIntakeMigrations } from './infrastructure/migrations';

/** The service's own PostgreSQL schema: its tables live there and nowhere else. */
export const SERVICE_SCHEMA = 'station_intake';

@Module({})
export class AppModule {
  static forRoot(_config: StationIntakeConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({
          url: databaseUrl,
          schema: SERVICE_SCHEMA,
          entities: [],
          migrations: StationIntakeMigrations,
        }),
        HealthModule,
      ],
    };
  }
}
