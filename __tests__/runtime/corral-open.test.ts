// Corral.open: options checked once (zod) with precise errors, and nothing
// left running when opening fails (real local endpoints: threads and processes).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, Corral, LocalEndpoint, ManifestError, UnknownPolicyError } from '../../sdk/index.js';
import { CORRAL_DEFAULTS, compileCorralOptions } from '../../sdk/runtime/index.js';

const dir = mkdtempSync(join(tmpdir(), 'corral-open-'));
const yaml = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const twoPools = 'endpoints:\n  t: { kind: local, workers: 2, mode: thread }\n  p: { kind: local, workers: 1, mode: process }\n';

const HELD = ['MessagePort', 'ProcessWrap', 'Timeout'];

/** Handles this process holds that an endpoint or a session would keep: worker threads' ports, child processes, timers. */
function handles(): Record<string, number> {
  const count: Record<string, number> = Object.fromEntries(HELD.map((h) => [h, 0]));
  for (const r of process.getActiveResourcesInfo()) if (HELD.includes(r)) count[r]!++;
  return count;
}

const noMoreThan = (now: Record<string, number>, before: Record<string, number>) => HELD.every((h) => now[h]! <= before[h]!);

/**
 * Handles held beyond those held `before`, once closing has run its course (a
 * killed child's handle goes a few loop turns after its exit event; a leaked
 * endpoint's never goes).
 */
async function leftOver(before: Record<string, number>): Promise<Record<string, number>> {
  for (let turn = 0; turn < 200 && !noMoreThan(handles(), before); turn++) await new Promise((r) => setTimeout(r, 10));
  const now = handles();
  return Object.fromEntries(HELD.map((h) => [h, Math.max(0, now[h]! - before[h]!)]));
}
const nothing = Object.fromEntries(HELD.map((h) => [h, 0]));

async function failure(open: Promise<unknown>): Promise<Error> {
  try { await open; } catch (e) { return e as Error; }
  throw new Error('expected Corral.open to fail');
}

describe('Corral.open options', () => {
  test('defaults are filled in one place', () => {
    const o = compileCorralOptions({ journal: false });
    expect(o).toMatchObject({ journalFile: ':memory:', retryBackoffS: CORRAL_DEFAULTS.retryBackoffS, statusIntervalS: 5, calibrate: false, observers: [], heapGrowthPercent: 50 });
  });

  test.each([
    [{ statusIntervalS: 0 }, 'Corral.open: options.statusIntervalS must be a number of seconds > 0 and <= 2147483 (got 0)'],
    [{ statusIntervalS: 3e9 }, 'Corral.open: options.statusIntervalS must be a number of seconds > 0 and <= 2147483 (got 3000000000)'],
    [{ retryBackoffS: Number.NaN }, 'Corral.open: options.retryBackoffS must be a number of seconds >= 0 (got NaN)'],
    [{ journal: 3 }, 'Corral.open: options.journal must be a file path, or false to keep the journal in memory (got 3)'],
    [{ policy: { name: 'mine' } }, 'Corral.open: options.policy must be the name of a registered placement policy or a PlacementPolicy object (with name and place) (got an object with name)'],
    [{ endpoints: [{ name: 'x' }] }, 'Corral.open: options.endpoints must be the path of endpoints.yaml or a list of Endpoint objects (each with a name, describe, status, submit and close) (got a list of 1)'],
    [{ heapGrowthPercent: 0 }, 'Corral.open: options.heapGrowthPercent must be a whole percentage from 10 to 1000, or false to leave V8 its own rule (got 0)'],
    [{ heapGrowthPercent: true }, 'Corral.open: options.heapGrowthPercent must be a whole percentage from 10 to 1000, or false to leave V8 its own rule (got true)'],
    [{ observers: [42] }, 'Corral.open: options.observers.0 must be a function (got 42)'],
    [{ polciy: 'delta' }, /^Corral\.open: options\.polciy is not an option of Corral\.open \(options: endpoints, policy, journal/],
  ])('refuses %j naming the field, the value and what is allowed', async (options, message) => {
    const e = await failure(Corral.open(options as never));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });
});

describe('Corral.open releases what it opened when it fails', () => {
  test('an unknown policy closes the endpoints it was given', async () => {
    const ep = new LocalEndpoint({ name: 'given', workers: 1, mode: 'process' });
    const e = await failure(Corral.open({ endpoints: [ep], policy: 'no-such-policy', journal: false }));
    expect(e).toBeInstanceOf(UnknownPolicyError);
    expect((await ep.status()).online).toBe(false);
  });

  test('an unknown policy in endpoints.yaml names the file and line, and leaves no thread, process or timer behind', async () => {
    const file = yaml('bad-policy.yaml', `policy: fastest-ever\n${twoPools}`);
    const before = handles();
    const e = await failure(Corral.open({ endpoints: file, journal: join(dir, 'a.db') }));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:1:9: policy "fastest-ever" is not a registered placement policy \\(registered: .*delta`));
    expect(await leftOver(before)).toEqual(nothing);
  });

  test('a bad manifest closes the endpoints of the file and the journal', async () => {
    const file = yaml('ok.yaml', twoPools);
    const before = handles();
    const e = await failure(Corral.open({ endpoints: file, journal: join(dir, 'b.db'), manifest: join(dir, 'missing-manifest.json') }));
    expect(e).toBeInstanceOf(ManifestError);
    expect(await leftOver(before)).toEqual(nothing);
  });

  test('a cost block that cannot be priced names its endpoints.yaml line, and the endpoints are closed', async () => {
    const file = yaml('price.yaml', `${twoPools}  d: { kind: local, workers: 1, cost: { model: on-demand, instanceType: m9.giant } }\n`);
    const before = handles();
    const e = await failure(Corral.open({ endpoints: file, journal: false }));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:4:39: endpoints\\.d\\.cost cannot be priced: no on-demand price for instance type "m9\\.giant"`));
    expect(await leftOver(before)).toEqual(nothing);
  });

  test('a session that opens still holds its endpoints until closed (the check above can see a leak)', async () => {
    const before = handles();
    const corral = await Corral.open({ endpoints: yaml('ok2.yaml', twoPools), journal: false });
    expect(noMoreThan(handles(), before)).toBe(false);
    await corral.close();
    expect(await leftOver(before)).toEqual(nothing);
  });
});
