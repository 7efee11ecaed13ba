import { jest } from '@jest/globals';
import { Command } from 'commander';
import { registerSpot } from '../../sdk/cli/commands/spot.js';
import { SPOTLAKE } from './fixtures.js';

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const program = new Command('corral').exitOverride();
    registerSpot(program);
    await program.parseAsync(['node', 'corral', 'spot', ...args]);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

describe('corral spot', () => {
  test('evaluate --json prints exactly one JSON object with the fixed fields', async () => {
    const text = await run(['evaluate', '--data', SPOTLAKE, '--horizon', '24', '--regions', 'us-east-1', '--json']);
    expect(text.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(text);
    expect(r.horizonHours).toBe(24);
    expect(r.chosen).toBe('auto');
    expect(r.series).toBe(3);
    expect(r.models[0]).toEqual(expect.objectContaining({ name: 'naive', medianApePct: expect.any(Number), p95ApePct: expect.any(Number), meanApePct: expect.any(Number), shareUnder4Pct: expect.any(Number), coverage90Pct: expect.any(Number) }));
  });

  test('evaluate --nested holds out groups of series and keeps the fixed fields', async () => {
    const r = JSON.parse(await run(['evaluate', '--data', SPOTLAKE, '--horizon', '24', '--nested', '--group', 'region', '--json']));
    expect(Object.keys(r).slice(0, 4)).toEqual(['horizonHours', 'windows', 'chosen', 'models']);
    expect(r.nested.split).toBe('series');
    expect(r.nested.folds.map((f: { heldOut: string }) => f.heldOut).sort()).toEqual(['us-east-1', 'us-east-2']);
    const human = await run(['evaluate', '--data', SPOTLAKE, '--horizon', '24', '--nested', 'time']);
    expect(human).toMatch(/nested, split by time/);
    expect(human).toMatch(/held out after 2024-01-/);
  });

  test('forecast and choose print per (type, zone)', async () => {
    const f = JSON.parse(await run(['forecast', '--data', SPOTLAKE, '--horizon', '12', '--zone', 'use1-az2', '--json']));
    expect(f.forecasts.map((x: { key: string }) => x.key)).toEqual(['c5.large@use1-az2']);
    const c = await run(['choose', '--data', SPOTLAKE, '--hours', '5', '--top', '2']);
    expect(c.trim().split('\n')).toHaveLength(2);
    expect(c).toMatch(/c5\.large@use\d-az\d +\$\d/);
    await expect(run(['choose', '--data', SPOTLAKE, '--hours', 'soon'])).rejects.toThrow(/--hours must be a positive number of hours \(got "soon"\)/);
  });
});
