import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { Corral, LocalEndpoint, type TaskSpec } from '../sdk/index.js';
import type { Benchmark } from './benchmark.js';
import { Noop } from './fixtures/noop-tasks.js';

const WORKERS = 2;
const tasksModule = fileURLToPath(new URL('./fixtures/noop-tasks.ts', import.meta.url));

interface Contender {
  batch(n: number, spinMs: number): Promise<void>;
  close(): Promise<void>;
}

function rawPiscina(): Contender {
  const pool = new Piscina({ filename: new URL('./fixtures/noop-worker.mjs', import.meta.url).href, minThreads: WORKERS, maxThreads: WORKERS });
  return {
    batch: async (n, spinMs) => { await Promise.all(Array.from({ length: n }, (_, i) => pool.run({ value: i, spinMs }))); },
    close: () => pool.destroy(),
  };
}

function localEndpoint(): Contender {
  const ep = new LocalEndpoint({ name: 'bench', workers: WORKERS });
  const locator = { module: tasksModule, kind: 'method', className: 'Noop', member: 'noop' } as const;
  const spec = (i: number, spinMs: number): TaskSpec => ({ attemptId: `a${i}`, callId: `c${i}`, taskId: 'Noop.noop', attempt: 1, locator, args: [i, spinMs] });
  return {
    batch: async (n, spinMs) => { await Promise.all(Array.from({ length: n }, (_, i) => ep.submit(spec(i, spinMs)).result)); },
    close: () => ep.close(),
  };
}

async function runtime(): Promise<Contender> {
  const dir = mkdtempSync(join(tmpdir(), 'corral-bench-'));
  const corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'bench', workers: WORKERS })], journal: join(dir, 'corral.db') });
  return {
    batch: async (n, spinMs) => { await corral.run(Noop, 'fanOut', n, spinMs); },
    close: async () => { await corral.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Runs the contenders in alternating rounds (the machine is shared and noisy) and keeps each one's best rate. */
async function race(contenders: Record<string, Contender>, n: number, spinMs: number, rounds: number): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (const c of Object.values(contenders)) await c.batch(Math.min(n, 500), spinMs);
  for (let r = 0; r < rounds; r++) {
    for (const [name, c] of Object.entries(contenders)) {
      const t0 = performance.now();
      await c.batch(n, spinMs);
      best[name] = Math.max(best[name] ?? 0, n / ((performance.now() - t0) / 1000));
    }
  }
  return best;
}

/**
 * No-op and 1 ms tasks through LocalEndpoint against raw piscina with the same
 * worker count, and through the whole runtime (futures, placement, journal on
 * disk): tasks/s of each and the runtime's own overhead per task.
 */
export const localThroughput: Benchmark = {
  suite: 'runtime',
  name: 'local-throughput',
  async run({ quick }) {
    const contenders = { piscina: rawPiscina(), endpoint: localEndpoint(), runtime: await runtime() };
    try {
      const rounds = quick ? 2 : 5;
      const noop = await race(contenders, quick ? 1000 : 5000, 0, rounds);
      const busy = await race(contenders, quick ? 100 : 500, 1, rounds);
      const ratio = noop.endpoint! / noop.piscina!;
      return {
        metrics: {
          workers: WORKERS,
          rounds,
          piscinaNoopTasksPerS: noop.piscina!,
          localEndpointNoopTasksPerS: noop.endpoint!,
          runtimeNoopTasksPerS: noop.runtime!,
          runtimeOverheadUsPerTask: (1 / noop.runtime! - 1 / noop.endpoint!) * 1e6,
          // Issue 14's scale target for the dispatcher: at most 50 us of corral's own work per no-op call, journal on.
          runtimeOverheadTargetMet: String((1 / noop.runtime! - 1 / noop.endpoint!) * 1e6 <= 50),
          piscina1msTasksPerS: busy.piscina!,
          localEndpoint1msTasksPerS: busy.endpoint!,
          runtime1msTasksPerS: busy.runtime!,
          endpointRatio1ms: busy.endpoint! / busy.piscina!,
          runtimeRatio1ms: busy.runtime! / busy.piscina!,
        },
        ratio,
        ratioMeaning: 'LocalEndpoint / raw piscina, no-op tasks/s (best of alternating rounds)',
        target: 'LocalEndpoint >= 0.8x raw piscina throughput on no-op tasks',
        met: ratio >= 0.8,
      };
    } finally {
      for (const c of Object.values(contenders)) await c.close();
    }
  },
};
