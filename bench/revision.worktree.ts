import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A built checkout of another revision, beside the current tree. */
export interface RevisionCheckout {
  dir: string;
  commit: string;
  remove(): Promise<void>;
}

/** Runs `command` in `cwd`, its output appended to `logFile`; rejects with the log's path when it fails. */
function step(command: string, args: string[], cwd: string, logFile: string): Promise<void> {
  return new Promise((done, fail) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('exit', (code) => {
      log.end(() => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}); see ${logFile}`))));
    });
  });
}

/** The commit a revision name resolves to in the repository at `root`. */
export async function resolveCommit(root: string, revision: string): Promise<string> {
  return (await run('git', ['-C', root, 'rev-parse', '--short=9', `${revision}^{commit}`])).stdout.trim();
}

/**
 * A `git worktree` of `revision` in a temporary folder, installed (`npm ci`, from the npm cache when
 * it can) and built (`npm run build`) as a clean clone would be. `remove()` deletes the worktree.
 */
export async function checkoutRevision(root: string, revision: string, log: (line: string) => void): Promise<RevisionCheckout> {
  const commit = await resolveCommit(root, revision);
  const dir = join(mkdtempSync(join(tmpdir(), 'bench-rev-')), commit);
  const logFile = join(tmpdir(), `bench-rev-${commit}-${Date.now()}.log`);
  const removeTree = async () => {
    await run('git', ['-C', root, 'worktree', 'remove', '--force', dir]).catch(() => undefined);
    rmSync(join(dir, '..'), { recursive: true, force: true });
    await run('git', ['-C', root, 'worktree', 'prune']).catch(() => undefined);
  };
  const remove = async () => {
    await removeTree();
    rmSync(logFile, { force: true });
  };
  try {
    await run('git', ['-C', root, 'worktree', 'add', '--detach', dir, commit]);
    log(`  worktree of ${revision} (${commit}) in ${dir}; npm ci…`);
    const started = Date.now();
    await step('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir, logFile);
    log(`  npm ci done in ${((Date.now() - started) / 1000).toFixed(0)} s; npm run build…`);
    await step('npm', ['run', 'build'], dir, logFile);
  } catch (error) {
    await removeTree(); // the log stays, for the reason
    throw error;
  }
  return { dir, commit, remove };
}
