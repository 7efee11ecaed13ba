import type { ReportAttempt, ReportCall, ReportEdge, RunReportData } from '../../sdk/report/index.js';

/** Deterministic pseudo-random numbers so every test sees the same run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const T0 = Date.UTC(2026, 10, 23, 20, 0, 0);

/**
 * An image pipeline as the journal adapter would report it: `n` thumbnail calls
 * feeding `n` classify calls feeding one summary, over a laptop, a Dask cluster
 * and a spot endpoint; one classify call is preempted on spot and fails over,
 * one thumbnail is retried on the laptop, and one classify fails for good with a
 * remote log.
 */
export function pipelineRun(n = 6, seed = 7): RunReportData {
  const rnd = lcg(seed);
  const calls: ReportCall[] = [];
  const edges: ReportEdge[] = [];
  const clock = new Map<string, number[]>([['laptop', [0, 0]], ['dask-lab', [0, 0, 0, 0]], ['spot-east', [0, 0, 0, 0]]]);
  const schedule = (endpoint: string, ready: number, seconds: number) => {
    const lanes = clock.get(endpoint)!;
    const lane = lanes.indexOf(Math.min(...lanes));
    const queuedAt = ready;
    const startedAt = Math.max(ready, lanes[lane]) + 50;
    lanes[lane] = startedAt + seconds * 1000;
    return { queuedAt: T0 + queuedAt, startedAt: T0 + startedAt, endedAt: T0 + lanes[lane] };
  };
  const ok = (endpoint: string, attempt: number, t: { queuedAt: number; startedAt: number; endedAt: number }): ReportAttempt =>
    ({ attempt, endpoint, outcome: 'succeeded', ...t, reason: 'smallest predicted finish time' });

  const thumbEnds: number[] = [];
  for (let i = 0; i < n; i++) {
    const endpoint = i % 2 ? 'dask-lab' : 'laptop';
    const seconds = 0.8 + rnd();
    const attempts: ReportAttempt[] = [];
    let ready = 0;
    if (i === 2) {
      const t = schedule(endpoint, 0, 0.3);
      attempts.push({ attempt: 1, endpoint, outcome: 'failed', failure: 'crash', error: { name: 'WorkerCrash', message: 'worker exited with code 137' }, ...t });
      ready = t.endedAt - T0;
    }
    const t = schedule(endpoint, ready, seconds);
    attempts.push(ok(endpoint, attempts.length + 1, t));
    thumbEnds.push(t.endedAt - T0);
    const usd = endpoint === 'dask-lab' ? seconds * 0.0001 : 0;
    calls.push({
      callId: `t${i}`, taskId: 'Images.thumbnail', endpoint, state: 'done', attempts,
      predicted: { seconds: seconds * (0.8 + 0.4 * rnd()), usd: usd * 0.9, joules: seconds * 14 },
      actual: { seconds, usd, joules: seconds * 15 },
      retries: attempts.length - 1, failovers: 0, preemptions: 0,
    });
  }
  for (let i = 0; i < n; i++) {
    const seconds = 2 + 2 * rnd();
    const ready = thumbEnds[i];
    const attempts: ReportAttempt[] = [];
    let endpoint = 'spot-east';
    let state: ReportCall['state'] = 'done';
    if (i === 1) {
      const t = schedule('spot-east', ready, seconds * 0.6);
      attempts.push({ attempt: 1, endpoint: 'spot-east', outcome: 'failed', failure: 'preempted', error: { name: 'Preempted', message: 'spot instance reclaimed' }, ...t });
      endpoint = 'dask-lab';
      attempts.push(ok(endpoint, 2, schedule(endpoint, t.endedAt - T0, seconds)));
    } else if (i === 4) {
      const t = schedule('spot-east', ready, 0.5);
      attempts.push({
        attempt: 1, endpoint, outcome: 'failed', failure: 'error',
        error: { name: 'ModuleNotFoundError', message: "No module named 'torchvision'" }, logRef: 'dask://dask-lab/worker-3/logs/c4.log', ...t,
      });
      state = 'failed';
    } else {
      attempts.push(ok(endpoint, 1, schedule(endpoint, ready, seconds)));
    }
    const usd = endpoint === 'spot-east' ? seconds * 0.0008 : seconds * 0.0001;
    calls.push({
      callId: `c${i}`, taskId: 'Images.classify', endpoint, state, attempts,
      predicted: { seconds: seconds * (0.7 + 0.6 * rnd()), usd: usd * (0.8 + 0.4 * rnd()), joules: seconds * 40 },
      ...(state === 'done' ? { actual: { seconds, usd, joules: seconds * 42 } } : {}),
      retries: attempts.length - 1, failovers: attempts.filter((a, k) => k > 0 && a.endpoint !== attempts[k - 1].endpoint).length,
      preemptions: attempts.filter((a) => a.failure === 'preempted').length,
    });
    edges.push({ from: `t${i}`, to: `c${i}` });
  }
  const last = Math.max(...calls.flatMap((c) => c.attempts.map((a) => a.endedAt! - T0)));
  const t = schedule('laptop', last, 0.4);
  calls.push({
    callId: 's0', taskId: 'Images.summarize', endpoint: 'laptop', state: 'done', attempts: [ok('laptop', 1, t)],
    predicted: { seconds: 0.5, usd: 0, joules: 6 }, actual: { seconds: 0.4, usd: 0, joules: 5 }, retries: 0, failovers: 0, preemptions: 0,
  });
  for (let i = 0; i < n; i++) if (i !== 4) edges.push({ from: `c${i}`, to: 's0' });
  return {
    run: { id: 'run-7f3a', workflow: 'Images.pipeline', startedAt: T0, endedAt: t.endedAt + 20, outcome: 'failed', error: 'call c4 (Images.classify) failed after 1 attempt', budget: { usd: 0.02, deadlineS: 30 }, policy: 'delta' },
    endpoints: [
      { name: 'laptop', kind: 'local', workers: 2, pricing: 'free' },
      { name: 'dask-lab', kind: 'dask', workers: 4, pricing: 'hpc-units' },
      { name: 'spot-east', kind: 'simulated', workers: 4, pricing: 'spot' },
      { name: 'hpc-idle', kind: 'globus-compute', workers: 64, pricing: 'hpc-units' },
    ],
    calls, edges,
    taskBudgets: { 'Images.classify': { usd: 0.004 } },
  };
}

/** A federated run: `rounds` rounds over three clients, accuracy rising and loss falling. */
export function federatedRun(rounds = 8, seed = 3): RunReportData {
  const rnd = lcg(seed);
  const base = pipelineRun(2, seed);
  const clients = ['edge-a', 'edge-b', 'hpc'];
  return {
    ...base,
    run: { ...base.run, id: 'run-fl01', workflow: 'Digits.train', outcome: 'succeeded', error: undefined },
    federated: {
      strategy: 'fedavg',
      rounds: Array.from({ length: rounds }, (_, r) => ({ round: r + 1, accuracy: 0.6 + 0.35 * (1 - Math.exp(-r / 2)) + 0.01 * rnd(), loss: 1.2 * Math.exp(-r / 3) + 0.05 * rnd() })),
      clientTimes: Array.from({ length: rounds }, (_, r) => clients.map((client, k) => ({ round: r + 1, client, seconds: (k + 1) * 1.5 + rnd() }))).flat(),
    },
  };
}
