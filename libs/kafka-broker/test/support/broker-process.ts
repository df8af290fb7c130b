import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const MAIN = path.resolve(__dirname, '../../src/main.ts');
const REGISTER = path.resolve(__dirname, 'swc-register.js');

/** The broker CLI running in a child process (so a test can SIGKILL it). */
export class BrokerProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Spawns `main.ts` with `args` and resolves once it logs its listening address. */
  static start(args: string[], timeoutMs = 20_000): Promise<BrokerProcess> {
    const child = spawn(process.execPath, ['-r', REGISTER, MAIN, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    return new Promise<BrokerProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`broker did not start within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /listening on [^:\s]+:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          const bp = new BrokerProcess(child, Number(m[1]));
          bp.output = output;
          child.stdout?.off('data', onData);
          child.stdout?.on('data', (x: Buffer) => (bp.output += x.toString()));
          child.stderr?.on('data', (x: Buffer) => (bp.output += x.toString()));
          resolve(bp);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`broker exited with ${code} before listening:\n${output}`));
      });
    });
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }
}
