import 'reflect-metadata';
import { join } from 'node:path';
import { Corral, LocalEndpoint, OptionError, definitionOfFunction, remote } from '../../sdk/index.js';
import { CrashOnce } from '../fixtures/tasks/crash-once.js';
import { tempDir } from '../runtime/helpers.js';

function optionError(retryOn: unknown): OptionError {
  try {
    remote({ retryOn } as never, async function fetchPage() { return 1; });
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error('expected an OptionError');
}

describe('@remote({ retryOn })', () => {
  test('the documented spelling and the full name both match, and the user\'s own error classes are accepted', () => {
    const fn = remote({ retryOn: ['WorkerCrash', 'TaskTimeoutError', 'RateLimitError'] }, async function fetchPage() { return 1; });
    expect(definitionOfFunction(fn)!.remote!.retryOn).toEqual(expect.arrayContaining(['WorkerCrash', 'WorkerCrashError', 'TaskTimeoutError', 'TaskTimeout', 'RateLimitError']));
  });

  test.each([
    [['timeout'], 'retryOn.0', 'lists "timeout", a failure kind, not an error name: use "TaskTimeoutError"'],
    [['WorkerCrash', 'WrokerCrash'], 'retryOn.1', 'lists "WrokerCrash", not a known error name (did you mean "WorkerCrash"?)'],
    [['workercrasherror'], 'retryOn.0', 'not a known error name (did you mean "WorkerCrashError"?)'],
    [['worker crash'], 'retryOn.0', 'must be error names such as "WorkerCrashError" or the name of your own error class'],
  ])('retryOn %j is refused at %s: %s', (retryOn, field, message) => {
    const e = optionError(retryOn);
    expect(e.code).toBe('CORRAL_INVALID_OPTION');
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
    expect(e.message).toMatch(/^@remote on fetchPage/);
  });

  test('retryOn: [\'WorkerCrash\'] retries a worker that crashed on a real process endpoint', async () => {
    const dir = tempDir();
    const corral = await Corral.open({ journal: join(dir, 'corral.db'), endpoints: [new LocalEndpoint({ name: 'laptop', workers: 1, mode: 'process' })], retryBackoffS: 0.01 });
    try {
      expect(await corral.run(CrashOnce, 'run', join(dir, 'marker'))).toBe('ok');
      const attempts = corral.journal.attempts(corral.lastRunId!);
      expect(attempts.map((a) => a.state)).toEqual(['failed', 'done']);
      expect(JSON.parse(attempts[0]!.error!)).toMatchObject({ name: 'WorkerCrashError' });
    } finally {
      await corral.close();
    }
  });
});
