import { freePort, WORKSPACE_ROOT } from '@cargo/testing';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LauncherConfig } from '../config/launcher.config';
import { launchHub, LaunchedHub } from '../hub.launcher';
import { HubTestClient } from './hub-client.spec-helper';

export interface RunningHub {
  hub: LaunchedHub;
  client: HubTestClient;
  dataDir: string;
  /** The station-intake admin key the hub was started with. */
  adminKey: string;
}

/**
 * The four services as their own processes (built entry points, as `npm start` runs them) on the
 * project's broker and a real PostgreSQL. flight-assignment runs a manual clock, so the tests move
 * time to cut-off and departure instead of waiting for it. KEEP_HUB_DATA=1 keeps each hub's folder
 * (service logs under logs/) for a look after a failure. With `oidcIssuer`, the services trust that
 * issuer instead of the embedded provider (which is then not started).
 */
export async function startHub(databaseUrl: string, options: { env?: Record<string, string>; oidcIssuer?: string } = {}): Promise<RunningHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-lifecycle-'));
  chmodSync(dataDir, 0o755);
  const adminKey = randomBytes(24).toString('hex');
  writeFileSync(join(dataDir, 'admin-api-key'), adminKey);
  const config = Object.assign(new LauncherConfig(), {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    BROKER_PORT: await freePort(),
    STATION_INTAKE_PORT: await freePort(),
    CUSTOMS_HOLD_PORT: await freePort(),
    FLIGHT_ASSIGNMENT_PORT: await freePort(),
    TRACKING_PORT: await freePort(),
    IDENTITY_PORT: await freePort(),
    SIMULATOR: false,
    OIDC_ISSUER: options.oidcIssuer,
  });
  const hub = await launchHub(config, WORKSPACE_ROOT, () => undefined, {
    speed: 1,
    clockStart: new Date(),
    // `env` goes to every service (e.g. OTEL_* to send their spans to a test receiver).
    serviceEnv: {
      'station-intake': { ...options.env },
      'customs-hold': { ...options.env },
      'flight-assignment': { ...options.env, CLOCK_MODE: 'manual', ASSIGNMENT_BATCH_WINDOW_MS: '200' },
      tracking: { ...options.env },
    },
  });
  return { hub, dataDir, adminKey, client: new HubTestClient(hub.urls as HubTestClient['urls'], adminKey, hub.identity) };
}

export async function stopHub(running: RunningHub | undefined): Promise<void> {
  if (!running) return;
  await running.hub.stop();
  if (!process.env['KEEP_HUB_DATA']) rmSync(running.dataDir, { recursive: true, force: true });
}

