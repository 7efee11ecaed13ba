import { fileURLToPath } from 'node:url';
import { AttemptError, LocalEndpoint, LocalEndpointOptionError, type TaskSpec } from '../../sdk/index.js';
import { attemptErrorFrom, endpointKind } from '../../sdk/endpoints/index.js';
import { encodeWire, ENTRY_PROTOCOL_VERSION, runEntryRequest } from '../../sdk/graph/index.js';

const workerFaults = fileURLToPath(new URL('../fixtures/tasks/worker-faults.ts', import.meta.url));
const faulty = fileURLToPath(new URL('../fixtures/tasks/faulty.ts', import.meta.url));
let seq = 0;
const spec = (member: string, args: unknown[], extra: Partial<TaskSpec> = {}, module = workerFaults, className = 'WorkerFaults'): TaskSpec => ({
  attemptId: `fault-${++seq}`, callId: `c${seq}`, taskId: `${className}.${member}`, attempt: 1,
  locator: { module, kind: 'method', className, member }, args, ...extra,
});

/** Captures what this process (and its worker threads) write to stderr while `run` runs. */
async function stderrOf<T>(run: () => Promise<T>): Promise<{ value: T; text: string }> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => { lines.push(String(chunk)); return write(chunk, ...rest); }) as typeof process.stderr.write;
  try {
    const value = await run();
    return { value, text: lines.join('') };
  } finally {
    process.stderr.write = write;
  }
}

describe.each(['thread', 'process'] as const)('LocalEndpoint faults in %s mode', (mode) => {
  let ep: LocalEndpoint;
  beforeEach(() => { ep = new LocalEndpoint({ name: `faults-${mode}`, workers: 1, mode }); });
  afterEach(() => ep.close());

  test.each(['throwLater', 'rejectLater'])('an error raised by %s after its attempt settled never fails the next call; that worker is retired', async (member) => {
    const first = await ep.submit(spec(member, [200])).result;
    expect(first.value).toBe('returned');
    // On the same (only) worker, running while the first call's leftover throws.
    const { value: next, text } = await stderrOf(() => ep.submit(spec('pid', [600])).result);
    const fresh = await ep.submit(spec('pid', [0])).result;
    expect(fresh.value).not.toBe(next.value);
    if (mode === 'thread') expect(text).toMatch(new RegExp(`attempt fault-${seq - 2} of WorkerFaults\\.${member} threw after it had finished: .*after the result was returned; retiring this worker`));
  }, 30_000);

  test('a worker that dies while idle (no attempt running) is replaced: the next calls run on a new worker, six times in a row', async () => {
    const seen = new Set<string>();
    // More deaths than the crash-loop limit: workers that ran a call before dying are not a crash loop.
    for (let i = 0; i < 6; i++) {
      const { value } = await ep.submit(spec('exitLater', [300])).result;
      seen.add(value as string);
      // Lets the only worker exit while nothing runs on it (an idle thread's timers must still run),
      // so that the next call meets neither a dead worker nor the exit of the one before.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await ep.status()).online).toBe(true);
    }
    const after = await ep.submit(spec('pid', [0])).result;
    expect(seen.size).toBe(6);
    expect(seen.has(after.value as string)).toBe(false);
  }, 120_000);

  test('an error raised by a timer of a running attempt fails that attempt, with its own name', async () => {
    const e = await ep.submit(spec('throwWhileRunning', [])).result.catch((x: unknown) => x) as AttemptError;
    expect(e).toBeInstanceOf(AttemptError);
    expect(e).toMatchObject({ remoteName: 'TypeError', message: 'thrown by a timer of the running task', failure: 'error' });
    expect((await ep.submit(spec('pid', [0])).result).value).toMatch(/^\d+:\d+$/);
  }, 30_000);

  test('a thrown null-prototype object holding a BigInt is reported, not a reporting crash', async () => {
    const e = await ep.submit(spec('throwNullPrototype', [])).result.catch((x: unknown) => x) as AttemptError;
    expect(e).toMatchObject({ remoteName: 'NonErrorThrown', failure: 'error' });
    expect(e.message).toMatch(/task threw a non-Error value: \[Object: null prototype\] \{ big: 1180591620717411303424n, note: 'no prototype' \}/);
  }, 30_000);

  test('a timeoutS beyond 24.8 days does not fire at once', async () => {
    const thirtyDays = 30 * 86_400;
    const { value } = await ep.submit(spec('sleep', [300], { timeoutS: thirtyDays }, faulty, 'Faulty')).result;
    expect(value).toBe(300);
  }, 30_000);
});

describe('LocalEndpoint resource bounds', () => {
  test('refuses a heap limit too small to start a worker, and absurd worker counts, naming endpoint, field, value and range', () => {
    const refused = (options: ConstructorParameters<typeof LocalEndpoint>[0]) => { try { new LocalEndpoint(options); return undefined; } catch (e) { return e; } };
    expect(refused({ name: 'tiny', maxMemoryMB: 1, mode: 'process' })).toMatchObject({ code: 'CORRAL_BAD_ENDPOINT_OPTION', field: 'maxMemoryMB', value: 1, message: 'endpoint tiny: maxMemoryMB must be a whole number from 32 to 1048576 MB (got 1)' });
    expect(refused({ name: 'tiny', maxMemoryMB: 1 })).toBeInstanceOf(LocalEndpointOptionError);
    expect(refused({ name: 'huge', workers: 1_000_000_000 })).toMatchObject({ code: 'CORRAL_BAD_ENDPOINT_OPTION', message: 'endpoint huge: workers must be a whole number from 1 to 1024 (got 1000000000)' });
    expect(refused({ name: 'none', workers: 0 })).toMatchObject({ field: 'workers', value: 0 });
    const schema = endpointKind('local')!.schema;
    expect(JSON.stringify(schema.safeParse({ maxMemoryMB: 1 }).error)).toContain('must be at least 32 MB');
    expect(schema.safeParse({ maxMemoryMB: 64 }).success).toBe(true);
  });

  test('process workers that cannot start stop after a few tries: the endpoint goes offline with the reason', async () => {
    const ep = new LocalEndpoint({ name: 'unbootable', workers: 2, mode: 'process', env: { NODE_OPTIONS: '--require /nonexistent/corral-preload.cjs' } });
    try {
      const e = await ep.submit(spec('pid', [0])).result.catch((x: unknown) => x) as AttemptError;
      expect(e).toMatchObject({ failure: 'offline', remoteName: 'WorkerPoolStoppedError' });
      expect(e.message).toMatch(/endpoint unbootable stopped: its workers died 5 times in a row before they could run anything \(last: a worker process exited \(code \d+\) before it was ready\)/);
      const status = await ep.status();
      expect(status).toMatchObject({ online: false });
      expect(status.detail).toMatch(/endpoint unbootable stopped: its workers died 5 times/);
      const again = await ep.submit(spec('pid', [0])).result.catch((x: unknown) => x) as AttemptError;
      expect(again).toMatchObject({ failure: 'offline', remoteName: 'WorkerPoolStoppedError' });
    } finally {
      await ep.close();
    }
  }, 60_000);
});

test('attemptErrorFrom describes a null-prototype object holding a BigInt', () => {
  const e = attemptErrorFrom(Object.assign(Object.create(null) as object, { n: 5n }));
  expect(e).toMatchObject({ remoteName: 'NonErrorThrown', message: 'task threw a non-Error value: [Object: null prototype] { n: 5n }' });
  const withMessage = attemptErrorFrom(Object.assign(Object.create(null) as object, { message: Object.assign(Object.create(null) as object, { n: 6n }) }));
  expect(withMessage.message).toContain('6n');
});

test('the entry runner of remote workers reports a thrown null-prototype object holding a BigInt', async () => {
  const locator = { module: workerFaults, kind: 'method' as const, className: 'WorkerFaults', member: 'throwNullPrototype' };
  const response = await runEntryRequest({ protocol: ENTRY_PROTOCOL_VERSION, locator, args: encodeWire([]) }, (m) => import(m) as Promise<Record<string, unknown>>);
  expect(response).toMatchObject({ ok: false, error: { name: 'NonErrorThrown', message: "task threw a non-Error value: [Object: null prototype] { big: 1180591620717411303424n, note: 'no prototype' }" } });
});
