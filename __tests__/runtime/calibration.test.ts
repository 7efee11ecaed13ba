import { join } from 'node:path';
import { AttemptError, Corral, LocalEndpoint, WorkflowError, type Endpoint } from '../../sdk/index.js';
import { runCalibrationKernel } from '../../sdk/profiling/index.js';
import { tempDir } from './helpers.js';

test('calibrate: the kernel runs on each endpoint once, and the score is kept in the profile store', async () => {
  const journal = join(tempDir(), 'corral.db');
  const endpoints = () => [new LocalEndpoint({ name: 'threads', workers: 1 }), new LocalEndpoint({ name: 'procs', workers: 1, mode: 'process' })];
  const first = await Corral.open({ endpoints: endpoints(), journal, calibrate: true });
  const measured = Object.fromEntries(first.profiles.endpoints().map((e) => [e.endpoint, e]));
  await first.close();
  const here = runCalibrationKernel({ durationMs: 250 }).iterationsPerSecond;
  for (const name of ['threads', 'procs']) {
    // Same machine, same kernel: within a factor of 3 of a run in this process (the machine is shared).
    expect(measured[name]!.calibration! / here).toBeGreaterThan(1 / 3);
    expect(measured[name]!.calibration! / here).toBeLessThan(3);
  }
  const second = await Corral.open({ endpoints: endpoints(), journal, calibrate: true });
  try {
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
