import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentMigrations } from './infrastructure/migrations';

/** The service's own PostgreSQL schema: its tables live there and nowhere else. */
export const SERVICE_SCHEMA = 'flight_assignment';

@Module({})
export class AppModule {
  static forRoot(_config: FlightAssignmentConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({
          url: databaseUrl,
          schema: SERVICE_SCHEMA,
          entities: [],
          migrations: FlightAssignmentMigrations,
        }),
        HealthModule,
      ],
    };
  }
}
