import { DynamicModule, Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * Makes the service's Prometheus registry injectable everywhere (`@Inject(Registry)` or a factory's
 * `inject: [Registry]`): libraries and apps register their metrics on it, `GET /metrics` renders it.
 * One registry per started service (not prom-client's global one), so several services started
 * in one process (tests) do not share series.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(registry: Registry): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: Registry, useValue: registry }], exports: [Registry] };
  }
}
