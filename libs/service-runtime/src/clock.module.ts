import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClockController } from './clock.controller';
import { Clock } from './scaled.clock';

/**
 * Makes the service's one Clock injectable everywhere by its class (`clock: Clock`, or
 * `@Inject(Clock)`) and answers `GET /v1/clock`. `startService` installs it with `clockFromConfig`.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, controllers: [ClockController], providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
