import { ClientCredentialsTokenSource } from '@cargo/service-runtime';
import { cleanEnv, freePort, spawnBuiltEntry, waitFor } from '@cargo/testing';
import { chmodSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a newcomer runs it (the built launcher, embedded broker and embedded PostgreSQL,
 * the four services and the simulator), on free ports and a throw-away data folder: it gets ready,
 * the simulator's cargo reaches tracking, Ctrl-C stops everything cleanly, and a second start
 * resumes with the data kept.
 */
describe('npm start', () => {
  let dataDir: string;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
    chmodSync(dataDir, 0o755);
    env = cleanEnv({
      DATA_DIR: dataDir,
      BROKER_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      STATION_INTAKE_PORT: String(await freePort()),
      CUSTOMS_HOLD_PORT: String(await freePort()),
      FLIGHT_ASSIGNMENT_PORT: String(await freePort()),
      TRACKING_PORT: String(await freePort()),
      IDENTITY_PORT: String(await freePort()),
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(args: string[]) {
    const proc = spawnBuiltEntry('apps/launcher/src/main.js', env, undefined, args);
    const started = Date.now();
    const dashboard = await Promise.race([
      waitFor(() => /Dashboard:\s+(http:\/\/\S+)\//.exec(proc.output())?.[1], { timeoutMs: 90_000, description: 'the launcher to print "Ready"' }),
      proc.exited.then((code) => {
        throw new Error(`launcher exited with ${code}:\n${proc.output()}`);
      }),
    ]);
    console.log(`npm start: ready after ${Date.now() - started} ms`);
    const tokenUrl = /from (http:\/\/\S+\/token);/.exec(proc.output())?.[1] ?? '';
    const ops = JSON.parse(readFileSync(join(dataDir, 'identity', 'clients.json'), 'utf8')).find((c: { client_id: string }) => c.client_id === 'demo-ops') as { client_id: string; client_secret: string };
    const asOps = new ClientCredentialsTokenSource(tokenUrl, { id: ops.client_id, secret: ops.client_secret });
    return { proc, dashboard, asOps };
  }

  it('starts everything, shows the simulator’s cargo, stops on Ctrl-C, and resumes with the data kept', async () => {
    const first = await start(['--shipments', '40', '--speed', '600', '--seed', '11']);
    try {
      for (const component of ['kafka broker', 'postgresql', 'identity', 'station-intake', 'customs-hold', 'flight-assignment', 'tracking', 'simulator']) {
        expect(first.proc.output()).toMatch(new RegExp(`✔ ${component}`));
      }
      const page = await fetch(`${first.dashboard}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      expect((await fetch(`${first.dashboard}/v1/shipments?page=1&pageSize=50`)).status).toBe(401);
      const shipments = await waitFor(async () => {
        const response = await fetch(`${first.dashboard}/v1/shipments?page=1&pageSize=50`, { headers: await first.asOps.headers() });
        const body = (await response.json()) as { items?: unknown[]; total?: number };
        return (body.items?.length ?? 0) > 0 ? body : undefined;
      }, { timeoutMs: 60_000, description: 'simulated cargo in tracking' });
      expect(shipments.items?.length).toBeGreaterThan(0);
    } finally {
      first.proc.child.kill('SIGINT');
      expect(await first.proc.exited).toBe(0);
    }
    expect(first.proc.output()).toContain('Stopped.');
    // The simulator's progress reaches the console: when the first arrival wave starts, then aligned rows under their header.
    expect(first.proc.output()).toMatch(/First arrival wave (starts|started) at \d{4}-\d{2}-\d{2} 07:00 hub-local time/);
    expect(first.proc.output()).toMatch(/sim time \(UTC\+8\) +intakes +rejected/);
    expect(first.proc.output()).toMatch(/\n +\d{4}-\d{2}-\d{2} \d{2}:\d{2} +\d+\/\d+ /);

    const second = await start(['--no-simulator']);
    try {
      expect(second.proc.output()).not.toContain('✔ simulator');
      const response = await fetch(`${second.dashboard}/v1/shipments?page=1&pageSize=50`, { headers: await second.asOps.headers() });
      const body = (await response.json()) as { items?: unknown[] };
      expect(body.items?.length).toBeGreaterThan(0);
    } finally {
      second.proc.child.kill('SIGINT');
      expect(await second.proc.exited).toBe(0);
    }
  });
});
