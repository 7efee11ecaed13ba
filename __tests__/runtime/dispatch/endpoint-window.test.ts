import { join } from 'node:path';
import { Corral, LocalEndpoint, type Endpoint, type TaskHandle, type TaskSpec } from '../../../sdk/index.js';
import { EndpointSlot } from '../../../sdk/runtime/endpoint-slot.js';
import { OnDemandCostModel } from '../../../sdk/pricing/index.js';
import { Naps } from '../../fixtures/tasks/workflows.js';
import { tempDir } from '../helpers.js';

/** A real LocalEndpoint that counts the submissions it holds at once (submitted, result not yet settled). */
class CountingEndpoint implements Endpoint {
  held = 0;
  maxHeld = 0;
  submitted = 0;
  constructor(private readonly inner: LocalEndpoint) {}
  get name(): string { return this.inner.name; }
  get kind(): string { return this.inner.kind; }
  describe() { return this.inner.describe(); }
  status() { return this.inner.status(); }
  close() { return this.inner.close(); }
  submit(task: TaskSpec): TaskHandle {
    this.held++;
    this.submitted++;
    this.maxHeld = Math.max(this.maxHeld, this.held);
    const handle = this.inner.submit(task);
    const settle = () => { this.held--; };
    handle.result.then(settle, settle);
    return handle;
  }
}

describe('the runtime gives an endpoint at most its window of submissions, the rest wait in corral', () => {
  test('1,500 calls made at once on a 2-worker LocalEndpoint: never more than workers + prefetch held by the endpoint, every call done', async () => {
    const endpoint = new CountingEndpoint(new LocalEndpoint({ name: 'pool', workers: 2 }));
    const window = new EndpointSlot(endpoint, new OnDemandCostModel({ usdPerHour: 0 })).capacity;
    const corral = await Corral.open({ endpoints: [endpoint], journal: join(tempDir(), 'corral.db') });
    try {
      const values = await corral.run(Naps, 'many', 1500, 0);
      expect(values).toEqual(Array.from({ length: 1500 }, (_, i) => i));
      expect(endpoint.submitted).toBe(1500);
      // The window is the endpoint's workers plus a small prefetch, far below the calls made at once.
      expect(window).toBeLessThan(100);
      expect(endpoint.maxHeld).toBeLessThanOrEqual(window);
      // The endpoint was kept busy: its window filled while calls waited in corral.
      expect(endpoint.maxHeld).toBe(window);
      expect(endpoint.held).toBe(0);
      const calls = corral.journal.calls(corral.lastRunId!).filter((c) => c.task_id === 'Naps.nap');
      expect(calls).toHaveLength(1500);
      expect(calls.every((c) => c.state === 'done')).toBe(true);
    } finally {
      await corral.close();
    }
  }, 120_000);
});
