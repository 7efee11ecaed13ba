import { remote } from '../decorators/index.js';
import { definitionOfFunction, type TaskLocator } from '../graph/index.js';
import { characteriseEndpoint, runCalibrationKernel, type ProfileStore } from '../profiling/index.js';
import type { Endpoint } from '../endpoints/index.js';
import { WorkflowError } from './errors.js';

/** corral's calibration kernel as a task, so it runs on the endpoint it measures. */
export const corralCalibration = remote({ name: 'corralCalibration' }, function corralCalibration(durationMs: number) {
  return runCalibrationKernel({ durationMs });
});

/**
 * Gives every endpoint a calibration score (kernel iterations per second,
 * measured by running the kernel there), kept in the profile store so it is
 * measured once per endpoint name; the profile predictor uses it to predict
 * run times on endpoints a task has not run on yet.
 */
export async function calibrateEndpoints(endpoints: readonly Endpoint[], store: ProfileStore, durationMs = 250): Promise<void> {
  const def = definitionOfFunction(corralCalibration)!;
  const locator: TaskLocator = { module: def.source!.file, kind: 'function', member: def.member };
  await Promise.all(endpoints.map((endpoint) => characteriseEndpoint(store, endpoint.describe(), async () => {
    const handle = endpoint.submit({ attemptId: `calibration/${endpoint.name}`, callId: 'calibration', taskId: def.id, attempt: 1, locator, args: [durationMs], timeoutS: 60 });
    try {
      const { value } = await handle.result;
      return (value as { iterationsPerSecond: number }).iterationsPerSecond;
    } catch (error) {
      throw new WorkflowError(`calibrate: endpoint ${endpoint.name} could not run corral's calibration kernel: ${error instanceof Error ? error.message : String(error)}`);
    }
  })));
}
