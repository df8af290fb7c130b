import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the dashboard's sources live, found from this file in `apps/...` (ts) or `dist/apps/...` (js). */
function dashboardSourceDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'apps/tracking/src/interface/web/dashboard');
    if (existsSync(join(candidate, 'main.ts'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('dashboard sources (apps/tracking/src/interface/web/dashboard/main.ts) not found above ' + __dirname);
}

/** The prebuilt bundle written by `node dist/apps/tracking/src/interface/web/dashboard.bundler.js`. */
export function dashboardBundlePath(): string {
  return resolve(dashboardSourceDir(), '../../../../../../dist/apps/tracking/web/dashboard.bundle.js');
}

/** Newest modification time of the dashboard sources (to tell whether a bundle is outdated). */
export function newestSourceMtime(dir = dashboardSourceDir()): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Bundles the dashboard (plain TypeScript, no framework) into one minified browser script. */
export async function bundleDashboard(): Promise<string> {
  const result = await build({
    entryPoints: [join(dashboardSourceDir(), 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

if (require.main === module) {
  bundleDashboard().then(
    (code) => {
      const out = dashboardBundlePath();
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, code);
      console.log(`dashboard bundle: ${out} (${code.length} bytes)`);
    },
    (error: unknown) => {
      console.error('dashboard bundle failed:', error);
      process.exit(1);
    },
  );
}
