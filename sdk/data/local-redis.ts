import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultPromise } from 'execa';

/** The redis-server program: CORRAL_REDIS_SERVER, else Debian's. */
export const REDIS_SERVER = process.env.CORRAL_REDIS_SERVER ?? '/usr/bin/redis-server';

/** A running local Redis server. */
export interface LocalRedis {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a real Redis server on 127.0.0.1 on a free port, with no
 * persistence, for development, examples, tests and benchmarks. Always
 * `stop()` it.
 *
 * @example
 * ```ts
 * const redis = await startLocalRedis();
 * const store = new RedisStore({ url: redis.url });
 * try { ... } finally { await store.close(); await redis.stop(); }
 * ```
 */
export async function startLocalRedis(): Promise<LocalRedis> {
  const { execa } = await import('execa');
  let lastError: unknown;
  // Another process may take the free port between probing and binding: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'corral-redis-'));
    const proc = execa(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
      { reject: false, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', cleanup: true, buffer: false });
    const stop = async () => {
      proc.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([proc, new Promise((r) => { timer = setTimeout(r, 5000); })]);
      clearTimeout(timer);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await proc;
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await ready(proc);
      return { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}/0`, pid: proc.pid!, stop };
    } catch (error) {
      lastError = error;
      await stop();
    }
  }
  throw new Error(`local Redis: ${REDIS_SERVER} did not start: ${(lastError as Error).message}`);
}

function ready(proc: ResultPromise): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`not ready within 15 s: ${log.slice(-300)}`)), 15_000);
    const watch = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) { clearTimeout(timer); resolve(); }
    };
    proc.stdout!.on('data', watch);
    proc.stderr!.on('data', watch);
    void proc.then((r) => { clearTimeout(timer); reject(new Error(`exited with ${r.exitCode}: ${log.slice(-300)}`)); });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
