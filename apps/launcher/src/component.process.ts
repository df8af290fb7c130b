import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A workspace program run as its own process, as in production. Its output goes to a log file;
 * `ready` resolves when it prints its readiness line, `exited` when it ends.
 */
export class ComponentProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private tail = '';
  exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly logDir: string,
    /** Also shows the process's output lines on the console (the simulator's progress). */
    private readonly echo?: (line: string) => void,
  ) {}

  /** Starts the process; resolves with the first match of `readyPattern` in its output. */
  start(env: NodeJS.ProcessEnv, readyPattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    if (!existsSync(this.entry)) return Promise.reject(new Error(`${this.entry} is missing: run npm run build`));
    mkdirSync(this.logDir, { recursive: true });
    // A restart (after a kill) appends to the same log.
    this.log?.end();
    this.tail = '';
    this.log = createWriteStream(resolve(this.logDir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [this.entry], {
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    return new Promise((resolveReady, rejectReady) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        rejectReady(new Error(`${this.name} was not ready within ${timeoutMs} ms; see ${this.logPath}`));
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        this.log?.write(chunk);
        if (this.echo) for (const line of chunk.toString().split('\n')) if (line.trim()) this.echo(line);
        this.tail = (this.tail + chunk.toString()).slice(-4000);
        const match = readyPattern.exec(this.tail);
        if (match && !settled) {
          settled = true;
          clearTimeout(timer);
          resolveReady(match);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void this.exited.then((code) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        rejectReady(new Error(`${this.name} exited with code ${code} before it was ready:\n${this.tail.trim().split('\n').slice(-12).join('\n')}`));
      });
    });
  }

  get logPath(): string {
    return resolve(this.logDir, `${this.name}.log`);
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` (a crash: SIGKILL) and resolves once the process has ended; `start` may run it again. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child?.kill(signal);
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has ended. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.running) {
      this.child?.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((done) => (this.log ? this.log.end(done) : done()));
  }
}
