/**
 * Where use cases get "now" from (replaceable in tests). Bound to the shared service clock of
 * `@cargo/service-runtime` (`CLOCK`: system time, or the accelerated day of `npm start`).
 */
export abstract class Clock {
  abstract now(): Date;
}
