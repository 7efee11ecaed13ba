import { fileURLToPath } from 'node:url';
import { AttemptError, SimulatedEndpoint, type TaskSpec } from '../../../sdk/index.js';
import { endpointKind } from '../../../sdk/endpoints/index.js';

const module = fileURLToPath(new URL('../../fixtures/tasks/arith.ts', import.meta.url));
const spec = (n: number, member = 'add', args: unknown[] = [2, 3]): TaskSpec => ({
  attemptId: `a${n}`, callId: `c${n}`, taskId: `Arith.${member}`, attempt: 1, locator: { module, kind: 'method', className: 'Arith', member }, args,
});

describe('SimulatedEndpoint', () => {
  it('runs the real task code and reports simulated timings (cold start once)', async () => {
    const ep = new SimulatedEndpoint({ name: 'pi', speed: 0.25, coldStartS: 13.8, workers: 2 });
    const first = await ep.submit(spec(1)).result;
    const second = await ep.submit(spec(2, 'add', [40, 2])).result;
    expect(first.value).toBe(5);
    expect(second.value).toBe(42);
    expect(first.timings.coldStartSeconds).toBe(13.8);
    expect(second.timings.coldStartSeconds).toBe(0);
    expect(ep.describe()).toMatchObject({ kind: 'simulated', labels: { simulated: 'true', speed: '0.25' }, transferGroup: 'pi', workers: 2 });
    await ep.close();
  });

  it('passes the task\'s own error through', async () => {
    const ep = new SimulatedEndpoint({ name: 'x' });
    const err = await ep.submit(spec(3, 'nope')).result.catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/Arith\.nope is not a decorated method/);
  });

  it('is offline when its availability draw says so, and preempts at its rate, deterministically by seed', async () => {
    const off = new SimulatedEndpoint({ name: 'flaky', availability: 0 });
    expect((await off.status()).online).toBe(false);
    const e = await off.submit(spec(4)).result.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AttemptError);
    expect((e as AttemptError).failure).toBe('offline');
    const outcomes = async (seed: number) => {
      const spot = new SimulatedEndpoint({ name: 'spot', preemptionPerHour: 3600 * 2, coldStartS: 1, seed });
      const out: string[] = [];
      for (let k = 0; k < 6; k++) out.push(await spot.submit(spec(k)).result.then(() => 'ok', (x: AttemptError) => x.failure));
      return out;
    };
    const a = await outcomes(11);
    expect(a).toContain('preempted');
    expect(await outcomes(11)).toEqual(a);
  });

  it('is available to endpoints.yaml as kind "simulated"', () => {
    const kind = endpointKind('simulated')!;
    const ep = kind.create({ name: 'sim', kind: 'simulated', workers: 3, cost: { usdPerHour: 1 } }, kind.schema.parse({ speed: 2 }));
    expect(ep.describe()).toMatchObject({ name: 'sim', workers: 3, cost: { usdPerHour: 1, watts: 0 } });
  });
});
