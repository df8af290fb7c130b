import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { CustomsHoldConfig } from './config/customs-hold.config';
import { CustomsHoldOrm } from './infrastructure/customs-hold.orm-config';

@Module({})
export class AppModule {
  static forRoot(_config: CustomsHoldConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceDatabaseModule.forRoot({ url: databaseUrl, ...CustomsHoldOrm }), HealthModule],
    };
  }
}
