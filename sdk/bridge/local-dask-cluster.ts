import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultPromise } from 'execa';

/**
 * The interpreter that runs the local cluster: CORRAL_PYTHON, else Debian's (which sees python3-distributed).
 *
 * @example
 * ```ts
 * new DaskEndpoint({ name: 'local-dask', address, python: DASK_PYTHON });
 * ```
 */
export const DASK_PYTHON = process.env.CORRAL_PYTHON ?? '/usr/bin/python3';

/** A running local cluster. */
export interface LocalDaskCluster {
  readonly address: string;
  /** The scheduler process (for fault tests: kill it to lose the cluster). */
  readonly scheduler: ResultPromise;
  readonly workers: ResultPromise[];
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`local Dask cluster: ${what} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a real Dask scheduler and `workers` single-thread workers on
 * 127.0.0.1 (no nanny: a killed worker stays dead), for development,
 * examples, tests and benchmarks. Always `stop()` it.
 *
 * @example
 * ```ts
 * const cluster = await startLocalDaskCluster(2);
 * const ep = new DaskEndpoint({ name: 'local-dask', address: cluster.address });
 * try { ... } finally { await ep.close(); await cluster.stop(); }
 * ```
 */
export async function startLocalDaskCluster(workers = 2): Promise<LocalDaskCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'corral-dask-'));
  const file = join(dir, 'scheduler.json');
  const procs: ResultPromise[] = [];
  const { execa } = await import('execa');
  const spawn = (args: string[]) => {
    const p = execa(DASK_PYTHON, args, { reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: true, cleanup: false });
    procs.push(p);
    return p;
  };
  const stop = async () => {
    for (const p of procs) p.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(procs), new Promise((r) => { timer = setTimeout(r, 5000); })]);
    clearTimeout(timer);
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    await Promise.all(procs);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const scheduler = spawn(['-m', 'distributed.cli.dask_scheduler', '--host', '127.0.0.1', '--port', '0', '--dashboard-address', '127.0.0.1:0', '--scheduler-file', file, '--idle-timeout', '600s']);
    await waitFor('scheduler', () => existsSync(file) && readFileSync(file, 'utf8').includes('address'), 30_000);
    const address = (JSON.parse(readFileSync(file, 'utf8')) as { address: string }).address;
    const ws: ResultPromise[] = [];
    const registered = new Set<number>();
    for (let i = 0; i < workers; i++) {
      const w = spawn(['-m', 'distributed.cli.dask_worker', address, '--nthreads', '1', '--no-nanny', '--host', '127.0.0.1', '--dashboard-address', '127.0.0.1:0', '--name', `w${i}`, '--death-timeout', '30']);
      w.stderr!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('Registered to')) registered.add(i); });
      ws.push(w);
    }
    await waitFor(`${workers} workers`, () => registered.size === workers, 60_000);
    return { address, scheduler, workers: ws, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
