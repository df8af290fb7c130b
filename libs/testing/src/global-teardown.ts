// eslint-disable-next-line @nx/enforce-module-boundaries
import type { RunningPostgres } from '../../persistence/src/embedded-postgres.server';

/** Stops the embedded PostgreSQL that global setup started (never an external one). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __cargoTestPostgres?: RunningPostgres };
  await holder.__cargoTestPostgres?.stop();
  delete holder.__cargoTestPostgres;
}
