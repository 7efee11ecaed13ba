import 'reflect-metadata';
import { Corral, OptionError, definitionOfFunction, remote } from '../../sdk/index.js';

describe('@remote({ keep })', () => {
  test('accepts auto, endpoint and client, and defaults to auto', () => {
    const kept = remote({ keep: 'endpoint' }, async function kept() { return 1; });
    const plain = remote({}, async function plain() { return 1; });
    expect(definitionOfFunction(kept)!.remote!.keep).toBe('endpoint');
    expect(definitionOfFunction(plain)!.remote!.keep).toBe('auto');
  });

  test('a bad value names the task, the option, the value and what is allowed', () => {
    let error: unknown;
    try {
      remote({ keep: 'worker' as 'auto' }, async function misplaced() { return 1; });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    const e = error as OptionError;
    expect(e.field).toBe('keep');
    expect(e.value).toBe('worker');
    expect(e.message).toMatch(/@remote on misplaced \(.*keep-option\.test\.ts:\d+\): option "keep" must be one of "auto", "endpoint", "client" \(got "worker"\)/);
  });

  test('Corral.open refuses a keepAboveBytes that is not a whole number of bytes', async () => {
    await expect(Corral.open({ keepAboveBytes: -1, journal: false })).rejects.toThrow(/options\.keepAboveBytes must be a whole number of bytes >= 0 \(got -1\)/);
  });
});
