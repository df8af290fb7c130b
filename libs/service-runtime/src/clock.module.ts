import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClockController } from './clock.controller';
import { CLOCK, Clock } from './scaled.clock';

/**
 * Makes the service's Clock injectable everywhere as `@Inject(CLOCK)` and answers `GET /v1/clock`.
 * `startService` installs it.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, controllers: [ClockController], providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
