// Every example runs as documented and prints as it goes (the slow ones in their reduced mode).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = fileURLToPath(new URL('../..', import.meta.url));
const journal = () => join(mkdtempSync(join(tmpdir(), 'corral-example-')), 'corral.db');

test('quickstart: every file compressed and hashed on local endpoints, a table of calls, and a report', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/quickstart.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# 7 files, \d+ KiB in all/);
  expect(r.stdout).toContain('# running Files.catalogue');
  const done = r.stdout.split('\n').filter((l) => /^\s+(done|cached)\s+c\d+/.test(l));
  expect(done.length).toBe(21);
  expect(r.stdout).toMatch(/calls per endpoint: .*threads=\d+/);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);

test('custom-policy: the policy is registered and compared with the built-ins in a simulation', async () => {
  const r = await execa('node', ['--import', 'tsx', 'examples/custom-policy.ts'], { cwd: root });
  expect(r.stdout).toContain('SIMULATED: policy, makespan s, USD, kJ');
  expect(r.stdout).toMatch(/stay-near-data\s+\d+\.\d/);
  expect(r.stdout).toMatch(/budget-heft at \$/);
}, 300_000);

test('federated-digits: FedAvg over 4 process endpoints learns the digits', async () => {
  const r = await execa('node', ['--import', 'tsx', 'examples/federated-digits.ts'], { cwd: root, env: { FL_ROUNDS: '4' } });
  const rounds = r.stdout.split('\n').filter((l) => /^round\s+\d+\s+accuracy/.test(l));
  expect(rounds).toHaveLength(4);
  const accuracy = Number(/final test accuracy ([\d.]+)%/.exec(r.stdout)?.[1]);
  expect(accuracy).toBeGreaterThan(50);
}, 600_000);

test('local-and-dask: one workflow across worker threads and a real local Dask cluster', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/local-and-dask.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# Dask scheduler at tcp:\/\/127\.0\.0\.1:\d+/);
  const counts = /calls per endpoint: threads=(\d+), dask=(\d+)/.exec(r.stdout);
  expect(Number(counts?.[1])).toBeGreaterThan(0);
  expect(Number(counts?.[2])).toBeGreaterThan(0);
  expect(r.stdout).toMatch(/ec2-bench-dev\.csv\s+55559 B -> \d+ B gzip/);
}, 300_000);
