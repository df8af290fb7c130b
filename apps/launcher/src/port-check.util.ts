import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (we could bind it). */
function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

/** Checks every wanted port; throws one message naming each taken port and the variable that moves it. */
export async function assertPortsFree(host: string, wanted: { port: number; what: string; variable: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const entry of wanted) {
    if (!(await isPortFree(entry.port, host))) {
      taken.push(`port ${entry.port} (${entry.what}) is already in use: stop what uses it or set ${entry.variable}=<another port>`);
    }
  }
  if (taken.length > 0) throw new Error(taken.join('\n'));
}
