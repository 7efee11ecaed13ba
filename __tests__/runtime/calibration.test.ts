import { join } from 'node:path';
import { AttemptError, Corral, LocalEndpoint, WorkflowError, type Endpoint } from '../../sdk/index.js';
import { definitionOfFunction } from '../../sdk/graph/index.js';
import type { CalibrationResult } from '../../sdk/profiling/index.js';
import { corralCalibration } from '../../sdk/runtime/calibration-task.js';
import { tempDir } from './helpers.js';

/** The real endpoint, with every task it is given and every value it returns recorded. */
function recorded(endpoint: Endpoint, log: { endpoint: string; taskId: string; args: unknown[]; value?: unknown }[]): Endpoint {
  const submit: Endpoint['submit'] = (task) => {
    const entry: (typeof log)[number] = { endpoint: endpoint.name, taskId: task.taskId, args: [...task.args] };
    log.push(entry);
    const handle = endpoint.submit(task);
    return { ...handle, result: handle.result.then((r) => { entry.value = r.value; return r; }) };
  };
  return new Proxy(endpoint, {
    get: (target, key) => {
      if (key === 'submit') return submit;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('calibrate: the kernel runs on each endpoint once, and the score it measured there is kept in the profile store', async () => {
  const journal = join(tempDir(), 'corral.db');
  const log: Parameters<typeof recorded>[1] = [];
  const endpoints = () => [new LocalEndpoint({ name: 'threads', workers: 1 }), new LocalEndpoint({ name: 'procs', workers: 1, mode: 'process' })].map((e) => recorded(e, log));
  const first = await Corral.open({ endpoints: endpoints(), journal, calibrate: true });
  const measured = Object.fromEntries(first.profiles.endpoints().map((e) => [e.endpoint, e]));
  await first.close();
  expect(log.map((l) => l.endpoint).sort()).toEqual(['procs', 'threads']);
  for (const { endpoint, taskId, args, value } of log) {
    expect(taskId).toBe(definitionOfFunction(corralCalibration)!.id);
    expect(args).toEqual([250]);
    // The kernel ran for its whole duration there, and its own figure is the endpoint's score.
    const result = value as CalibrationResult;
    expect(result.seconds).toBeGreaterThanOrEqual(0.25);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterationsPerSecond).toBeCloseTo(result.iterations / result.seconds, 6);
    expect(measured[endpoint]!.calibration).toBe(result.iterationsPerSecond);
  }
  log.length = 0;
  const second = await Corral.open({ endpoints: endpoints(), journal, calibrate: true });
  try {
    expect(log).toEqual([]);
    for (const e of second.profiles.endpoints()) {
      expect(e.calibration).toBe(measured[e.endpoint]!.calibration);
      expect(e.calibratedAt).toBe(measured[e.endpoint]!.calibratedAt);
    }
  } finally {
    await second.close();
  }
}, 60_000);

test('calibrate: an endpoint that cannot run the kernel is named, and nothing is left open', async () => {
  let closed = false;
  // An endpoint whose workers lack what the task module needs: every attempt fails.
  const broken: Endpoint = {
    name: 'broken-edge', kind: 'custom',
    describe: () => ({ name: 'broken-edge', kind: 'custom', workers: 1, transferGroup: 'edge', hardware: { cores: 1 } }),
    status: async () => ({ online: true, totalWorkers: 1, idleWorkers: 1, queued: 0 }),
    submit: (task) => ({ attemptId: task.attemptId, result: Promise.reject(new AttemptError("Cannot find package 'corral'", 'error', 'ModuleNotFoundError')), cancel: () => undefined }),
    close: async () => { closed = true; },
  };
  const error = await Corral.open({ endpoints: [broken], journal: join(tempDir(), 'corral.db'), calibrate: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowError);
  expect((error as Error).message).toBe("calibrate: endpoint broken-edge could not run corral's calibration kernel: Cannot find package 'corral'");
  expect(closed).toBe(true);
});
