import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The workspace root (where package.json and dist/ live). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
}

/**
 * Runs a built entry point (`dist/...js`, made by `npm run build`, which `npm test` runs first)
 * as its own process, as it runs in production.
 */
export function spawnBuiltEntry(
  relativeEntry: string,
  env: Record<string, string | undefined>,
  cwd?: string,
  args: string[] = [],
): ServiceProcess {
  const entry = resolve(WORKSPACE_ROOT, 'dist', relativeEntry);
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does).`);
  }
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: cwd ?? WORKSPACE_ROOT,
    env: { ...env, NODE_NO_WARNINGS: '1', FORCE_COLOR: '0', NO_COLOR: '1' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => text,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Environment for a child process: the parent's, minus what would leak test settings into it. */
export function cleanEnv(overrides: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of ['DATABASE_URL', 'CARGO_TEST_ADMIN_URL', 'JEST_WORKER_ID', 'HTTP_PORT', 'KAFKA_BROKERS']) delete env[key];
  return { ...env, ...overrides };
}
