/**
 * Starts `wrangler dev` on a free loopback port and waits until /health answers; used by the e2e
 * test and the load/eval scripts. Only ever binds and calls 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface DevServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DevOptions {
  timeoutMs?: number;
  /** Polled until it answers 200; pick one that does not load the index to time a cold start. */
  readyPath?: string;
  /** Runs another Worker (the benchmark's empty baseline) instead of wrangler.toml's. */
  config?: string;
  /**
   * Without a line per request on the terminal: wrangler dev prints each one from its Node
   * process (a fraction of a millisecond a request here) — a cost of the dev tool, not of the
   * Worker, so the benchmarks leave it out. Errors and warnings still print.
   */
  quiet?: boolean;
  /** The project folder to serve (default: this one). */
  cwd?: string;
}

export async function startWranglerDev({ timeoutMs = 90_000, readyPath = '/health', config, quiet = false, cwd }: DevOptions = {}): Promise<DevServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort())];
  if (config) args.push('--config', config);
  if (quiet) args.push('--log-level', 'warn');
  const child: ChildProcess = spawn('node_modules/.bin/wrangler', args, {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log}`);
    // A build error leaves wrangler dev waiting for a fix instead of exiting: fail fast.
    if (/Build failed|\[ERROR\]/.test(log)) {
      await stop();
      throw new Error(`wrangler dev could not build the Worker:\n${log}`);
    }
    try {
      const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return { url, stop, output: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not answer ${readyPath} within ${timeoutMs} ms:\n${log}`);
}
