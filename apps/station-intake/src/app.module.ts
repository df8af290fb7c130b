import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { StationIntakeConfig } from './config/station-intake.config';
import { StationIntakeOrm } from './infrastructure/station-intake.orm-config';

@Module({})
export class AppModule {
  static forRoot(_config: StationIntakeConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceDatabaseModule.forRoot({ url: databaseUrl, ...StationIntakeOrm }), HealthModule],
    };
  }
}
