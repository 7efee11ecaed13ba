import { join } from 'node:path';
import { Corral, LocalEndpoint, TaskFailedError, UpstreamFailedError, ArgumentError, WorkflowError, SessionClosedError, workflow } from '../../sdk/index.js';
import { Diamond, Failing, MarkedFlow, PlainFlow } from '../fixtures/tasks/workflows.js';
import { logLines, tempDir } from './helpers.js';

describe('a corral session on local endpoints', () => {
  let dir: string;
  let corral: Corral;
  beforeAll(async () => {
    dir = tempDir();
    corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'local', workers: 2 })], journal: join(dir, 'corral.db'), retryBackoffS: 0.01 });
  });
  afterAll(() => corral.close());

  test('a diamond DAG through futures runs each task once, in dependency order', async () => {
    const log = join(dir, 'diamond.log');
    const result = await corral.run(Diamond, 'run', log, 4);
    expect(result).toBe(5 * 2 + 5 * 3);
    const lines = logLines(log);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('source 4');
    expect(lines.slice(1, 3).sort()).toEqual(['left 5', 'right 5']);
    expect(lines[3]).toBe('join 10,15');
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.map((c) => c.state)).toEqual(['done', 'done', 'done', 'done']);
    const join_ = calls.find((c) => c.task_id === 'Diamond.join')!;
    expect(JSON.parse(join_.depends_on)).toHaveLength(2);
  });

  test('a failed task fails its dependants with an error naming the upstream task', async () => {
    const error = await corral.run(Failing, 'chain').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamFailedError);
    expect((error as UpstreamFailedError).upstreamTaskId).toBe('Failing.broken');
    expect((error as Error).message).toContain('Failing.after');
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.map((c) => [c.task_id, c.state])).toEqual([['Failing.broken', 'failed'], ['Failing.after', 'failed']]);
    expect(corral.journal.getRun(corral.lastRunId!)?.status).toBe('failed');
  });

  test('TaskFailedError names task, endpoint, attempt and keeps the remote stack', async () => {
    const error = (await corral.run(Failing, 'broken').catch((e: unknown) => e)) as TaskFailedError;
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ taskId: 'Failing.broken', endpoint: 'local', attempt: 1, remoteName: 'TypeError' });
    expect(error.remoteStack).toContain('workflows.ts');
  });

  test('a timeout fails the attempt and the call', async () => {
    const error = (await corral.run(Failing, 'slow', 20_000).catch((e: unknown) => e)) as TaskFailedError;
    expect(error.remoteName).toBe('TaskTimeoutError');
  });

  test('a crashing worker fails only its own call', async () => {
    const [crashed, fine] = await Promise.allSettled([corral.run(Failing, 'crash'), corral.run(Diamond, 'run', join(dir, 'd2.log'), 1)]);
    expect(crashed.status).toBe('rejected');
    expect((crashed as PromiseRejectedResult).reason).toMatchObject({ remoteName: 'WorkerCrashError' });
    expect(fine).toEqual({ status: 'fulfilled', value: 2 * 2 + 2 * 3 });
  });

  test('cache: true reuses a stored result for the same arguments', async () => {
    const log = join(dir, 'memo.log');
    expect(await corral.run(Failing, 'memo', log, 7)).toBe(49);
    expect(await corral.run(Failing, 'memo', log, 7)).toBe(49);
    expect(await corral.run(Failing, 'memo', log, 8)).toBe(64);
    expect(logLines(log)).toEqual(['memo 7', 'memo 8']);
    const states = corral.journal.calls(corral.lastRunId!).map((c) => c.state);
    expect(states).toEqual(['done']);
  });

  test('arguments that cannot cross to a worker fail before dispatch, naming task and argument', async () => {
    const error = await corral.run(Failing, 'takes', { nested: { fn: () => 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toBe('task Failing.takes: argument 0 (value) at nested.fn is a function; arguments must be data that can be copied to another process');
    class Point { constructor(public x = 1) {} norm() { return this.x; } }
    const classError = await corral.run(Failing, 'takes', new Point()).catch((e: unknown) => e);
    expect((classError as Error).message).toContain('instance of class Point with methods (norm)');
  });

  test('an undecorated method runs as a workflow; a method that does not exist is a clear error', async () => {
    expect(await corral.run(Failing, 'notDecorated')).toBe(1);
    expect(corral.journal.getRun(corral.lastRunId!)).toMatchObject({ workflow: 'Failing.notDecorated', status: 'done' });
    await expect(corral.run(Failing, 'brokn' as 'broken')).rejects.toThrow(WorkflowError);
    await expect(corral.run(Failing, 'brokn' as 'broken')).rejects.toThrow(/did you mean "broken"/);
  });

  test('a function in place of a class, or no method name, is a clear error that says what corral.run takes', async () => {
    const arrow = async () => 1;
    // What an untyped caller (plain JS) can pass.
    const run = corral.run.bind(corral) as (...args: unknown[]) => Promise<unknown>;
    await expect(run(arrow)).rejects.toThrow(/expected a class and the name of one of its methods, got a function without a class \(arrow\)/);
    await expect(run(Failing)).rejects.toThrow('run(Failing, ...): the second argument must be the name of a method of Failing (a string), got nothing');
  });

  test('an undecorated orchestrating method places the tasks it calls', async () => {
    expect(await corral.run(PlainFlow, 'flow', [1, 2, 3])).toEqual([2, 4, 6]);
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.map((c) => [c.task_id, c.state])).toEqual([['PlainFlow.double', 'done'], ['PlainFlow.double', 'done'], ['PlainFlow.double', 'done']]);
  });

  test('@workflow() marks a workflow; @workflow({ ... }) gives the run a workflow budget', async () => {
    expect(await corral.run(MarkedFlow, 'plain', [1, 2])).toEqual([2, 3]);
    expect(corral.journal.getRun(corral.lastRunId!)!.budget).toBeNull();
    expect(await corral.run(MarkedFlow, 'budgeted', [1, 2])).toEqual([2, 3]);
    expect(JSON.parse(corral.journal.getRun(corral.lastRunId!)!.budget!)).toEqual({ usd: 1, deadlineS: 60, scope: 'workflow', onExceed: 'fail', confidence: 0.9 });
    expect(() => workflow({ usd: -1 })(MarkedFlow.prototype, 'plain', Object.getOwnPropertyDescriptor(MarkedFlow.prototype, 'plain'))).toThrow(/@workflow on MarkedFlow\.plain .*option "usd"/);
  });

  test('outside a session, decorated methods run as plain code', async () => {
    const log = join(dir, 'plain.log');
    expect(await new Diamond().run(log, 1)).toBe(2 * 2 + 2 * 3);
    expect(logLines(log)).toHaveLength(4);
  });

  test('every state change is journaled with a timestamp', () => {
    const runs = corral.journal.listRuns();
    const diamond = runs.find((r) => r.workflow === 'Diamond.run')!;
    const events = corral.journal.events(diamond.id);
    const types = new Set(events.map((e) => e.type));
    expect(types).toEqual(new Set(['task:ready', 'task:done']));
    expect(events.every((e) => e.at >= diamond.started_at)).toBe(true);
    const attempts = corral.journal.attempts(diamond.id);
    expect(attempts.every((a) => a.state === 'done' && a.endpoint === 'local' && a.run_seconds! >= 0)).toBe(true);
  });
});

test('a closed session refuses new runs', async () => {
  const corral = await Corral.open({ endpoints: [new LocalEndpoint({ workers: 1 })], journal: false });
  await corral.close();
  await expect(corral.run(Diamond, 'run', '/dev/null', 1)).rejects.toThrow(SessionClosedError);
});
