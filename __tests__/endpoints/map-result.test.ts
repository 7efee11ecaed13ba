import { fileURLToPath } from 'node:url';
import { LocalEndpoint, type TaskSpec } from '../../sdk/index.js';
import { mapResult } from '../../sdk/endpoints/index.js';

const arith = fileURLToPath(new URL('../fixtures/tasks/arith.ts', import.meta.url));
const faulty = fileURLToPath(new URL('../fixtures/tasks/faulty.ts', import.meta.url));
const spec = (id: string, module: string, className: string, member: string, args: unknown[]): TaskSpec => ({
  attemptId: id, callId: id, taskId: `${className}.${member}`, attempt: 1, locator: { module, kind: 'method', className, member }, args,
});

describe('mapResult on a LocalEndpoint attempt', () => {
  let ep: LocalEndpoint;
  beforeAll(() => { ep = new LocalEndpoint({ name: 'map-result', workers: 1 }); });
  afterAll(() => ep.close());

  test('passes the attempt\'s result through the mapping and keeps its attempt id', async () => {
    const handle = mapResult(ep.submit(spec('m1', arith, 'Arith', 'add', [2, 40])), (r) => ({ ...r, value: (r.value as number) * 10 }));
    expect(handle.attemptId).toBe('m1');
    expect((await handle.result).value).toBe(420);
  });

  test('cancelling the mapped handle cancels the endpoint\'s attempt (a class instance whose cancel is a method)', async () => {
    const handle = mapResult(ep.submit(spec('m2', faulty, 'Faulty', 'sleep', [30_000])), (r) => r);
    handle.cancel('round deadline');
    await expect(handle.result).rejects.toMatchObject({ failure: 'cancelled', message: 'round deadline' });
  });
});
