import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RebuildTiming {
  /** Records replayed (every topic tracking reads). */
  events: number;
  shipments: number;
  /** The rebuild's own time (its report's `durationMs`: read-model truncate, replay, count). */
  seconds: number;
  eventsPerSecond: number;
  /** The whole command, start-up included. */
  wallSeconds: number;
}

/**
 * Runs tracking's rebuild command of the workspace at `root` (`dist/apps/tracking/src/rebuild.main.js`:
 * drops the read model and replays the topics from the beginning) against the system's data, and
 * reads the report it prints (a JSON line with `records` per topic and `durationMs`).
 */
/** The line of a failed command's output that says why (the first that names an error), else its last line. */
function firstError(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? '(no output)').slice(0, 400);
}

export async function timeTrackingRebuild(root: string, env: NodeJS.ProcessEnv): Promise<RebuildTiming> {
  const entry = resolve(root, 'dist/apps/tracking/src/rebuild.main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing`);
  const started = Date.now();
  const output = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, [entry], { cwd: root, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? done(text) : fail(new Error(`tracking rebuild exited with ${code}: ${firstError(text)}`))));
  });
  const wallSeconds = (Date.now() - started) / 1000;
  for (const line of output.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    let report: { records?: Record<string, number>; durationMs?: number; shipments?: number };
    try {
      report = JSON.parse(line) as typeof report;
    } catch {
      continue;
    }
    if (report.records === undefined || report.durationMs === undefined) continue;
    const events = Object.values(report.records).reduce((a, b) => a + b, 0);
    const seconds = report.durationMs / 1000;
    return { events, shipments: report.shipments ?? 0, seconds, eventsPerSecond: seconds > 0 ? events / seconds : 0, wallSeconds };
  }
  throw new Error(`tracking rebuild printed no report:\n${output.slice(-2000)}`);
}
