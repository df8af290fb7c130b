import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { openServiceDataSource, ServiceDataSourceOptions } from '@cargo/persistence';

export type ServiceDatabaseOptions = Omit<ServiceDataSourceOptions, 'url'> & { url: string };

/**
 * Injection token (boolean) of the migration policy: `false` when the deployment migrates with the
 * migrate command (a Kubernetes Job) and replicas must not; provided globally by `startService`
 * from `MIGRATE_AT_BOOT`. Absent (a bare app context, a test): migrate.
 */
export const MIGRATE_AT_BOOT = Symbol('MIGRATE_AT_BOOT');

/** Provides {@link MIGRATE_AT_BOOT} to the whole application. */
@Module({})
export class MigrationPolicyModule {
  static forRoot(migrateAtBoot: boolean): DynamicModule {
    return { module: MigrationPolicyModule, global: true, providers: [{ provide: MIGRATE_AT_BOOT, useValue: migrateAtBoot }], exports: [MIGRATE_AT_BOOT] };
  }
}

/**
 * Connects the service to its own PostgreSQL schema and, unless {@link MIGRATE_AT_BOOT} is false,
 * applies its migrations before the application starts serving (under the schema's advisory lock,
 * so replicas starting together migrate once). With migrations left to the migrate command, it
 * refuses to start while any is pending. `synchronize` is never on.
 */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    let migrate = true;
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [{ token: MIGRATE_AT_BOOT, optional: true }],
          useFactory: (migrateAtBoot?: boolean) => {
            migrate = migrateAtBoot ?? true;
            return { type: 'postgres', url: options.url, schema: options.schema };
          },
          dataSourceFactory: async () => openServiceDataSource(options, { migrate }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
