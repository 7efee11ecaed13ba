import { TaskFuture } from '../../sdk/runtime/task-future.js';

describe('TaskFuture: the outcome is held until someone awaits the future', () => {
  test('materialize runs once, only when the future is awaited, whether it settled before or after', async () => {
    const seen: unknown[] = [];
    const materialize = (outcome: unknown) => { seen.push(outcome); return `value of ${String(outcome)}`; };
    const early = TaskFuture.create<string>('c1', 'T.t', materialize);
    early.outcome.settle(true, 'ref-1');
    expect(seen).toEqual([]);
    await expect(early.future.settled()).resolves.toBe('ref-1');
    expect(seen).toEqual([]);
    await expect(early.future).resolves.toBe('value of ref-1');
    await expect(early.future).resolves.toBe('value of ref-1');
    expect(seen).toEqual(['ref-1']);

    const late = TaskFuture.create<string>('c2', 'T.t', materialize);
    const awaited = late.future.then((v) => v);
    const outcome = late.future.settled();
    late.outcome.settle(true, 'ref-2');
    late.outcome.settle(true, 'ignored: a future settles once');
    await expect(awaited).resolves.toBe('value of ref-2');
    await expect(outcome).resolves.toBe('ref-2');
    expect(seen).toEqual(['ref-1', 'ref-2']);
  });

  test('a failure reaches whoever awaits the future or its outcome; unawaited, it is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const ignored = TaskFuture.create<number>('c3', 'T.t');
      ignored.outcome.settle(false, new Error('nobody asked'));
      const failed = TaskFuture.create<number>('c4', 'T.t');
      const outcome = failed.future.settled();
      failed.outcome.settle(false, new Error('boom'));
      await expect(outcome).rejects.toThrow('boom');
      await expect(failed.future).rejects.toThrow('boom');
      await expect(failed.future.settled()).rejects.toThrow('boom');
      // Let any unhandled rejection surface before looking.
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(ignored.future.callId).toBe('c3');
      expect(ignored.future.taskId).toBe('T.t');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('a materialize that throws fails the future with its error', async () => {
    const f = TaskFuture.create<number>('c5', 'T.t', () => { throw new Error('store gone'); });
    f.outcome.settle(true, 'ref');
    await expect(f.future).rejects.toThrow('store gone');
  });
});
