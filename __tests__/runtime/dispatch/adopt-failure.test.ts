import { join } from 'node:path';
import { Corral, LocalEndpoint, TaskFailedError, type TaskHandle, type TaskSpec } from '../../../sdk/index.js';
import { PlainFlow } from '../../fixtures/tasks/workflows.js';
import { tempDir } from '../helpers.js';

/** A local endpoint that claims to hold every result, though the session has no store of it: the run cannot adopt such a result. */
class ClaimsToHoldEndpoint extends LocalEndpoint {
  override submit(spec: TaskSpec): TaskHandle {
    const inner = super.submit(spec);
    return {
      attemptId: inner.attemptId,
      result: inner.result.then((r) => ({ ...r, held: { id: `held-${spec.callId}`, bytes: 8, digest: `sha256:${'0'.repeat(64)}` } })),
      cancel: (reason) => inner.cancel(reason),
    };
  }
}

test('a result the run cannot adopt fails its attempt and its call (the run does not hang), journaled as a failed attempt', async () => {
  const corral = await Corral.open({ endpoints: [new ClaimsToHoldEndpoint({ name: 'claims', workers: 1 })], journal: join(tempDir(), 'corral.db') });
  try {
    await expect(corral.run(PlainFlow, 'flow', [1, 2])).rejects.toBeInstanceOf(TaskFailedError);
    const runId = corral.lastRunId!;
    const attempts = corral.journal.attempts(runId);
    expect(attempts).toHaveLength(2);
    expect(attempts.every((a) => a.state === 'failed')).toBe(true);
    expect(corral.journal.calls(runId).map((c) => c.state)).toEqual(['failed', 'failed']);
  } finally {
    await corral.close();
  }
}, 60_000);
