import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { openServiceDataSource, ServiceDataSourceOptions } from '@cargo/persistence';

export type ServiceDatabaseOptions = Omit<ServiceDataSourceOptions, 'url'> & { url: string };

/**
 * Connects the service to its own PostgreSQL schema and applies its migrations before the
 * application starts serving. `synchronize` is never on.
 */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres', url: options.url, schema: options.schema }),
          dataSourceFactory: async () => openServiceDataSource(options),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
