import { join } from 'node:path';
import { CallOverheads, Corral, LocalEndpoint, type PlacementContext } from '../../sdk/index.js';
import { TransferModel } from '../../sdk/placement/index.js';
import { TransferTimeModel, loadDeltaImports, loadDeltaTransfers } from '../../sdk/profiling/index.js';
import { jsonFixture } from '../profiling/fixtures.js';
import { Steps } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

const imports = loadDeltaImports(jsonFixture('delta-import-model.json'));
const transfers = loadDeltaTransfers(jsonFixture('delta-transfer-model.json'));

describe('call overheads (DELTA cold start and transfer, measured data)', () => {
  test('a cold start measured on one endpoint is predicted on another from the factored model', () => {
    const tensorflowOnPi = imports.find((s) => s.package === 'tensorflow' && s.endpoint === 'raspberry_pi')!;
    // Without the Pi's own tensorflow measurement, the model predicts it from the Pi's other imports.
    const overheads = new CallOverheads({ coldStarts: imports.filter((s) => s !== tensorflowOnPi) });
    const predicted = overheads.coldStartS('raspberry_pi', 'tensorflow', 4);
    expect(Math.abs(predicted - tensorflowOnPi.seconds) / tensorflowOnPi.seconds).toBeLessThan(0.5);
    expect(overheads.coldStartS('raspberry_pi', 'tensorflow', 4)).toBe(predicted);
  });

  test('once every worker of an endpoint has loaded a task, its cold start is zero', () => {
    const overheads = new CallOverheads();
    expect(overheads.coldStartS('laptop', 'Images.resize', 2)).toBe(0);
    overheads.observe('laptop', 'Images.resize', 0.8);
    expect(overheads.coldStartS('laptop', 'Images.resize', 2)).toBeCloseTo(0.8, 9);
    expect(overheads.coldStartS('laptop', 'Images.blur', 2)).toBeGreaterThan(0);
    overheads.observe('laptop', 'Images.resize', 0.6);
    expect(overheads.coldStartS('laptop', 'Images.resize', 2)).toBe(0);
  });

  test('input transfer comes from the transfer model, and is free inside the runtime\'s own group', () => {
    const model = TransferTimeModel.fit(transfers);
    const link = model.allLinks()[0]!;
    const overheads = new CallOverheads({ transfer: model, clientGroup: link.from });
    expect(overheads.transferS(link.to, 64 * 2 ** 20)).toBeCloseTo(model.predict(link.from, link.to, 64 * 2 ** 20), 9);
    expect(overheads.transferS(link.to, 64 * 2 ** 20)).toBeGreaterThan(overheads.transferS(link.to, 2 ** 20));
    expect(overheads.transferS(link.from, 64 * 2 ** 20)).toBe(0);
  });

  test('each input moves from where it lives: free inside the endpoint\'s group, values from the client from the runtime machine\'s group, the slowest site decides', () => {
    const transfer = new TransferModel({ latencyS: 0.05, bytesPerS: 100e6 }).link('hpc', 'aws', { latencyS: 2, bytesPerS: 1e6, usdPerGB: 90 });
    const overheads = new CallOverheads({ transfer, clientGroup: 'lab' });
    const inputs = [{ bytes: 1e6, site: 'hpc' }, { bytes: 1e3, site: 'client' }];
    // At hpc only the client's bytes travel, from lab; at lab only hpc's; at aws both, and hpc's slow link decides.
    expect(overheads.transferS('hpc', 0, undefined, 'e', inputs)).toBeCloseTo(0.05 + 1e3 / 100e6, 12);
    expect(overheads.transferS('lab', 0, undefined, 'e', inputs)).toBeCloseTo(0.05 + 1e6 / 100e6, 12);
    expect(overheads.transferS('aws', 0, undefined, 'e', inputs)).toBeCloseTo(3, 12);
    expect(overheads.transferUsd(undefined, 'e', 'aws', inputs)).toBeCloseTo(0.09, 12);
    expect(overheads.transferUsd(undefined, 'e', 'hpc', inputs)).toBe(0);
    // Measured moves teach the link between groups (the client's is lab); unmeasured ones and moves inside a group do not.
    overheads.observeMoves([
      { from: 'aws', to: 'client', bytes: 5e6, seconds: 9 }, { from: 'aws', to: 'client', bytes: 1, seconds: null },
      { from: 'lab', to: 'client', bytes: 5e6, seconds: 9 },
    ]);
    expect(transfer.observations('aws', 'lab')).toBe(1);
    expect(transfer.observations('lab', 'lab')).toBe(0);
    // From the default link's 0.1 s towards the 9 s measured.
    expect(overheads.transferS('lab', 0, undefined, 'e', [{ bytes: 5e6, site: 'aws' }])).toBeGreaterThan(0.05 + 5e6 / 100e6);
  });
});

test('placement sees the cold start a previous session measured, then zero once the worker is warm', async () => {
  const journal = join(tempDir(), 'corral.db');
  const log = join(tempDir(), 'log');
  const first = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'box', workers: 1 })], journal });
  await first.run(Steps, 'chain', log, 1, 1);
  await first.close();
  const seen: number[] = [];
  const capture = { name: 'capture', place: (ctx: PlacementContext) => { seen.push(ctx.candidates[0]!.coldStartS); return { endpoint: ctx.candidates[0]!.name }; } };
  const second = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'box', workers: 1 })], journal, policy: capture });
  try {
    await second.run(Steps, 'chain', log, 3, 1);
    const measured = second.profiles.coldStarts().find((s) => s.endpoint === 'box' && s.package === 'Steps.step')!;
    expect(measured.seconds).toBeGreaterThan(0);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen.slice(1)).toEqual([0, 0]);
    // Opening a session records its endpoints for experiment planning and `corral profile`.
    expect(second.profiles.endpoints().map((e) => e.endpoint)).toEqual(['box']);
  } finally {
    await second.close();
  }
}, 60_000);
