// The federated examples run as documented through a corral session, print each round,
// and end with their run report (the MNIST one in its reduced mode).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const journal = () => join(mkdtempSync(join(tmpdir(), 'corral-fl-example-')), 'corral.db');

test('federated-digits: FedAvg over 4 process endpoints from endpoints.federated-digits.yaml learns the digits, recorded as a run with a report', async () => {
  const db = journal();
  const started = Date.now();
  const r = await execa('node', ['--import', 'tsx', 'examples/federated-digits.ts'], { cwd: root, env: { FL_ROUNDS: '4', CORRAL_JOURNAL: db } });
  const rounds = r.stdout.split('\n').filter((l) => /^round\s+\d+\s+accuracy/.test(l));
  expect(rounds).toHaveLength(4);
  const accuracy = Number(/final test accuracy ([\d.]+)%/.exec(r.stdout)?.[1]);
  expect(accuracy).toBeGreaterThan(50);
  const report = /^report: (.*\.html)$/m.exec(r.stdout)?.[1];
  expect(report).toBe(join(root, 'reports', 'federated-digits.html'));
  expect(statSync(report!).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
  expect(readFileSync(report!, 'utf8')).toContain('Federated learning: global model per round');
  const runId = /\(run (\S+?)[,)]/.exec(r.stdout)?.[1];
  const j = Journal.open(db);
  try {
    expect(j.getRun(runId!)).toMatchObject({ workflow: 'FederatedDigits.train', status: 'done' });
    expect(j.events(runId!).filter((e) => e.type === 'fl:round')).toHaveLength(4);
  } finally {
    j.close();
  }
}, 600_000);

test('federated-mnist (FL_REDUCED=1, FL_ROUNDS=2): three experiments on 8 emulated-speed endpoints, sensible accuracy, a report', async () => {
  const started = Date.now();
  // Reduced mode with 2 rounds instead of 3: about 1.5 minutes on 2 shared cores, most of it each process loading MNIST.
  const r = await execa('node', ['--import', 'tsx', 'examples/federated-mnist.ts'], { cwd: root, env: { FL_REDUCED: '1', FL_ROUNDS: '2', CORRAL_JOURNAL: journal() } });
  expect(r.stdout).toContain('mnist-7 (4x, emulated)');
  const finals = [...r.stdout.matchAll(/-> ([\d.]+)% after 2 rounds/g)].map((m) => Number(m[1]));
  expect(finals).toHaveLength(3);
  // 6,000 examples, 2 rounds: an IID MLP reaches ~83%; label-skewed splits less, but far above chance (10%).
  expect(finals[0]).toBeGreaterThan(75);
  for (const a of finals.slice(1)) expect(a).toBeGreaterThan(45);
  expect(r.stdout.split('\n').filter((l) => /^\s+round\s+\d+\s+test accuracy/.test(l))).toHaveLength(6);
  const report = /^report: (.*\.html)$/m.exec(r.stdout)?.[1];
  expect(report).toBe(join(root, 'reports', 'federated-mnist.html'));
  expect(existsSync(report!) && statSync(report!).mtimeMs >= started - 1000).toBe(true);
  expect(readFileSync(report!, 'utf8')).toContain('Federated learning: time per client');
}, 300_000);
