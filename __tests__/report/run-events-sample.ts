import type { RunEvent } from '../../sdk/runtime/index.js';

const base = { runId: 'r1' };

/**
 * The events of a small run: two calls on `laptop` and `spot`; the spot call is
 * preempted, fails over to the laptop, and fails there for good with a remote
 * log; one federated round is reported.
 */
export function sampleEvents(): RunEvent[] {
  let at = 1_000;
  const t = () => (at += 100);
  return [
    { type: 'run:started', ...base, at: t(), workflow: 'Images.pipeline', budget: { usd: 0.5 } },
    { type: 'task:submitted', ...base, at: t(), callId: 'c1', taskId: 'Images.thumbnail', dependsOn: [] },
    { type: 'task:submitted', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', dependsOn: ['c1'] },
    { type: 'task:placed', ...base, at: t(), callId: 'c1', taskId: 'Images.thumbnail', endpoint: 'laptop', attempt: 1, predictedSeconds: 1, predictedUsd: 0, predictedJoules: 10 },
    { type: 'attempt:started', ...base, at: t(), callId: 'c1', taskId: 'Images.thumbnail', endpoint: 'laptop', attempt: 1 },
    { type: 'task:placed', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'spot', attempt: 1, predictedSeconds: 2, predictedUsd: 0.1, predictedJoules: 50 },
    { type: 'task:done', ...base, at: t(), callId: 'c1', taskId: 'Images.thumbnail', endpoint: 'laptop', attempt: 1, runSeconds: 1.2, usd: 0.05, joules: 12 },
    { type: 'attempt:started', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'spot', attempt: 1 },
    { type: 'attempt:failed', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'spot', attempt: 1, error: { name: 'Preempted', message: 'spot instance reclaimed', failure: 'preempted' }, willRetry: true },
    { type: 'task:placed', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'laptop', attempt: 2, predictedSeconds: 3, predictedUsd: 0, predictedJoules: 40 },
    { type: 'attempt:started', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'laptop', attempt: 2 },
    { type: 'attempt:failed', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', endpoint: 'laptop', attempt: 2, error: { name: 'ModuleNotFoundError', message: "No module named 'sharp'", failure: 'error' }, willRetry: false, logRef: '/tmp/corral/logs/c2-2.log' },
    { type: 'task:failed', ...base, at: t(), callId: 'c2', taskId: 'Images.classify', attempt: 2, error: { name: 'TaskFailedError', message: 'gave up after 2 attempts' } },
    { type: 'fl:round', ...base, at: t(), round: 3, metrics: { accuracy: 0.9125, loss: 0.31 } },
    { type: 'run:finished', ...base, at: t(), ok: false, error: 'call c2 failed' },
  ];
}
