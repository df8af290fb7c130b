import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock } from './scaled.clock';

/** Makes the service's Clock injectable everywhere as `@Inject(CLOCK)`. `startService` installs it. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
