import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../../sdk/cli/main.js';
import { ProfileStore } from '../../sdk/profiling/index.js';
import { fixture } from './fixtures.js';

/** Runs `corral ARGS` in this process (a child process costs seconds of start-up per call), capturing its output. */
async function corral(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  const previous = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => { err.push(String(chunk)); return true; }) as typeof process.stderr.write;
  try {
    await main(['node', 'corral', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = previous;
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

describe('corral profile (CLI)', () => {
  it('evaluate --json prints one object with the fields DESIGN.md fixes', async () => {
    const r = await corral(['profile', 'evaluate', '--data', fixture('ec2-bench.csv'), '--response', 'ffmpeg_elapsed_s',
      '--features', 'vcpus,coremark_iter_per_s', '--group', 'family', '--retrain', '1', '--design', 'active', '--budget', '2', '--json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toBe(686);
    expect(Object.keys(out.holdout)).toEqual(expect.arrayContaining(['mapePct', 'medianApePct', 'coverage80Pct']));
    expect(out.design.active.map((p: { n: number }) => p.n)).toEqual([1, 2]);
    expect(out.design.random).toEqual([]);
    expect(out.holdout.mapePct).toBeGreaterThan(0);
  });

  it('evaluate --design both --nested prints banded curves, the settings each fold chose and active@6 against random@budget', async () => {
    // Every fourth family keeps the nested loops quick; the benchmark runs the whole file.
    const lines = readFileSync(fixture('ec2-bench.csv'), 'utf8').trim().split('\n');
    const families = [...new Set(lines.slice(1).map((l) => l.split(',')[1]))].filter((_, i) => i % 4 === 0);
    const csv = join(mkdtempSync(join(tmpdir(), 'corral-profile-')), 'subset.csv');
    writeFileSync(csv, [lines[0], ...lines.slice(1).filter((l) => families.includes(l.split(',')[1]))].join('\n'));
    const r = await corral(['profile', 'evaluate', '--data', csv, '--response', 'ffmpeg_elapsed_s', '--features', 'vcpus,coremark_iter_per_s',
      '--group', 'family', '--design', 'both', '--budget', '3', '--nested', '--json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.design.nested).toBe(true);
    expect(out.design.active.map((p: { n: number }) => p.n)).toEqual([1, 2, 3]);
    for (const p of [...out.design.active, ...out.design.random]) expect(p.lowPct).toBeLessThanOrEqual(p.highPct);
    expect(out.design.folds).toHaveLength(5);
    for (const f of out.design.folds) expect(f.active).toMatch(/^linear=[\d.]+ local=[\d.]+ ls2=[\d.]+ noise=[\d.]+ start=\d$/);
    expect(out.design.comparison).toEqual(expect.objectContaining({ activeN: 3, randomN: 3 }));
  });

  it('names a missing column and the columns there are', async () => {
    const r = await corral(['profile', 'evaluate', '--data', fixture('ec2-bench.csv'), '--response', 'seconds', '--features', 'vcpus', '--json']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no column "seconds"; columns are: instance_type/);
  });

  it('names the line of a bad response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corral-profile-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'x,y\n1,2\n2,-1\n');
    const r = await corral(['profile', 'evaluate', '--data', csv, '--response', 'y', '--features', 'x']);
    expect(r.stderr).toMatch(/bad\.csv line 3: y = "-1"/);
  });

  it('show and plan read a profile store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corral-profile-'));
    const db = join(dir, 'corral.db');
    const store = new ProfileStore(new Database(db));
    store.saveEndpoint({ endpoint: 'a', hardware: { cores: 2 }, calibration: 1e4 });
    store.saveEndpoint({ endpoint: 'b', hardware: { cores: 16 }, calibration: 8e4 });
    for (const [e, s] of [['a', 4], ['a', 4.4], ['b', 1], ['b', 1.2]] as const) store.record({ taskId: 'T.run', endpoint: e, features: { bytes: 10 }, runSeconds: s, outcome: 'ok' });
    store.db.close();
    const show = await corral(['profile', 'show', 'T.run', '--db', db, '--json']);
    expect(show.exitCode).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.endpoints.map((e: { endpoint: string; ok: number }) => [e.endpoint, e.ok])).toEqual([['a', 2], ['b', 2]]);
    const plan = await corral(['profile', 'plan', 'T.run', '--db', db, '--inputs', '[{"bytes":10},{"bytes":1000}]', '--budget', '1', '--json']);
    expect(plan.exitCode).toBe(0);
    expect(JSON.parse(plan.stdout).experiments[0].features).toEqual({ bytes: 1000 });
    const missing = await corral(['profile', 'show', 'Nope', '--db', db]);
    expect(missing.stderr).toMatch(/no recorded attempts of "Nope"; tasks in the store: T.run/);
  });
});
