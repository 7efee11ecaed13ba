import { fileURLToPath } from 'node:url';
import { AttemptError, LocalEndpoint, type TaskSpec } from '../../sdk/index.js';

const arith = fileURLToPath(new URL('../fixtures/tasks/arith.ts', import.meta.url));
const faulty = fileURLToPath(new URL('../fixtures/tasks/faulty.ts', import.meta.url));
let seq = 0;
const spec = (module: string, className: string | undefined, member: string, args: unknown[], extra: Partial<TaskSpec> = {}): TaskSpec => ({
  attemptId: `a${++seq}`, callId: `c${seq}`, taskId: `${className}.${member}`, attempt: 1,
  locator: { module, kind: className ? (member === 'twice' ? 'static' : 'method') : 'function', className, member }, args, ...extra,
});

describe.each(['thread', 'process'] as const)('LocalEndpoint in %s mode', (mode) => {
  let ep: LocalEndpoint;
  beforeAll(() => { ep = new LocalEndpoint({ name: `local-${mode}`, workers: 2, mode }); });
  afterAll(() => ep.close());

  test('runs methods, static methods and remote functions with structured-clone arguments', async () => {
    const sum = await ep.submit(spec(arith, 'Arith', 'add', [2, 40])).result;
    expect(sum.value).toBe(42);
    expect(sum.timings.runSeconds).toBeGreaterThanOrEqual(0);
    const twice = await ep.submit(spec(arith, 'Arith', 'twice', [new Float32Array([1, 2.5])])).result;
    // The array comes from the worker's realm: compare its type tag and contents.
    expect(Object.prototype.toString.call(twice.value)).toBe('[object Float32Array]');
    expect(Array.from(twice.value as Float32Array)).toEqual([2, 5]);
    const product = await ep.submit(spec(arith, undefined, 'mul', [6, 7])).result;
    expect(product.value).toBe(42);
  });

  test('a worker that exits fails that attempt only; the endpoint keeps working', async () => {
    const crash = ep.submit(spec(faulty, 'Faulty', 'exitWorker', [3])).result;
    const fine = ep.submit(spec(arith, 'Arith', 'add', [1, 1])).result;
    await expect(crash).rejects.toMatchObject({ failure: 'crash' });
    expect((await fine).value).toBe(2);
    expect((await ep.submit(spec(arith, 'Arith', 'add', [2, 2])).result).value).toBe(4);
  });

  test('a thrown non-Error value becomes a named AttemptError', async () => {
    const error = await ep.submit(spec(faulty, 'Faulty', 'throwString', [])).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttemptError);
    expect(error).toMatchObject({ remoteName: 'NonErrorThrown', failure: 'error' });
    expect((error as Error).message).toContain('not an error object');
  });

  test('an error keeps its name and remote stack', async () => {
    const error = (await ep.submit(spec(faulty, 'Faulty', 'throwTyped', ['QuotaError'])).result.catch((e: unknown) => e)) as AttemptError;
    expect(error.remoteName).toBe('QuotaError');
    expect(error.remoteStack).toContain('faulty.ts');
  });

  test('a timeout cancels the attempt and the worker is replaced', async () => {
    const error = await ep.submit(spec(faulty, 'Faulty', 'sleep', [30_000], { timeoutS: 0.3 })).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'timeout', remoteName: 'TaskTimeoutError' });
    expect((await ep.submit(spec(arith, 'Arith', 'add', [5, 5])).result).value).toBe(10);
  });

  test('a result that cannot come back is a serialization failure naming where', async () => {
    const error = await ep.submit(spec(faulty, 'Faulty', 'returnFunction', [])).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'serialization' });
    expect((error as Error).message).toContain('result at f');
  });

  test('a class that is not exported is named in the error', async () => {
    const error = await ep.submit(spec(arith, 'Missing', 'add', [1, 2])).result.catch((e: unknown) => e);
    expect((error as Error).message).toContain('class Missing is not exported');
  });
});
