import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentOrm } from './infrastructure/flight-assignment.orm-config';

@Module({})
export class AppModule {
  static forRoot(_config: FlightAssignmentConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceDatabaseModule.forRoot({ url: databaseUrl, ...FlightAssignmentOrm }), HealthModule],
    };
  }
}
