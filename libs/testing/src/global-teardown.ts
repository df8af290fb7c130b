import { rmSync } from 'node:fs';

/** Stops the embedded PostgreSQL that global setup started (never an external one) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __cargoTestPostgres?: { stop(): Promise<void>; dataDir: string } };
  const server = holder.__cargoTestPostgres;
  if (!server) return;
  delete holder.__cargoTestPostgres;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
