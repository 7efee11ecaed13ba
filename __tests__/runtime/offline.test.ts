import { join } from 'node:path';
import { Corral, LocalEndpoint, type EndpointStatus, type PlacementPolicy } from '../../sdk/index.js';
import { Steps } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

/** A local endpoint whose reported liveness the test controls. */
class SwitchableEndpoint extends LocalEndpoint {
  online = true;
  override async status(): Promise<EndpointStatus> {
    return { ...(await super.status()), online: this.online };
  }
}

const preferFirst: PlacementPolicy = { name: 'prefer-first', place: (ctx) => ({ endpoint: ctx.candidates[0]!.name }) };

test('an endpoint that goes offline is no longer chosen and the calls waiting on it move', async () => {
  const dir = tempDir();
  const flaky = new SwitchableEndpoint({ name: 'flaky', workers: 1 });
  const corral = await Corral.open({ endpoints: [flaky, new LocalEndpoint({ name: 'steady', workers: 1 })], policy: preferFirst, journal: join(dir, 'corral.db'), statusIntervalS: 3600 });
  try {
    // 40 independent steps all prefer "flaky": a window of them is handed to it, the rest wait in
    // corral's queue for it. It goes offline as soon as the first one starts.
    const n = 40;
    const started = new Promise<void>((resolve) => corral.events.once('attempt:started', () => resolve()));
    const run = corral.run(Steps, 'fanOut', join(dir, 'log'), n, 20);
    await started;
    flaky.online = false;
    await corral.refreshStatus();
    expect(await run).toBe(10 * (n * (n - 1)) / 2);
    const calls = corral.journal.calls(corral.lastRunId!);
    const on = (name: string) => calls.filter((c) => c.endpoint === name).length;
    expect(on('steady')).toBeGreaterThan(0);
    expect(on('flaky') + on('steady')).toBe(n);
    expect(calls.every((c) => c.state === 'done')).toBe(true);
    // Nothing new goes to the offline endpoint.
    await corral.run(Steps, 'fanOut', join(dir, 'log2'), 3, 10);
    expect(corral.journal.calls(corral.lastRunId!).map((c) => c.endpoint)).toEqual(['steady', 'steady', 'steady']);
  } finally {
    await corral.close();
  }
});

test('an offline endpoint between two others leaves the other two as candidates, in their order', async () => {
  const dir = tempDir();
  const middle = new SwitchableEndpoint({ name: 'middle', workers: 1 });
  const seen: string[][] = [];
  const recordAndTakeLast: PlacementPolicy = {
    name: 'record-and-take-last',
    place: (ctx) => {
      seen.push(ctx.candidates.map((c) => c.name));
      return { endpoint: ctx.candidates[ctx.candidates.length - 1]!.name };
    },
  };
  const endpoints = [new LocalEndpoint({ name: 'first', workers: 1 }), middle, new LocalEndpoint({ name: 'last', workers: 1 })];
  const corral = await Corral.open({ endpoints, policy: recordAndTakeLast, journal: join(dir, 'corral.db'), statusIntervalS: 3600 });
  try {
    await corral.run(Steps, 'fanOut', join(dir, 'log'), 2, 1);
    expect(seen).toEqual([['first', 'middle', 'last'], ['first', 'middle', 'last']]);
    middle.online = false;
    await corral.refreshStatus();
    seen.length = 0;
    await corral.run(Steps, 'fanOut', join(dir, 'log2'), 2, 1);
    expect(seen).toEqual([['first', 'last'], ['first', 'last']]);
    expect(corral.journal.calls(corral.lastRunId!).map((c) => c.endpoint)).toEqual(['last', 'last']);
  } finally {
    await corral.close();
  }
});
