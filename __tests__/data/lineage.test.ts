import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { isDataRefJson } from '../../sdk/data/index.js';
import { decodeValue } from '../../sdk/runtime/journal/index.js';
import { chainSum } from '../fixtures/tasks/arrays.js';
import { logLines, tempDir, waitFor } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corralBin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/arrays-run.ts');


test('a kept result whose store is gone after a kill is recomputed from its producer on resume', async () => {
  const dir = tempDir('corral-lineage-');
  const db = join(dir, 'corral.db');
  const log = join(dir, 'calls.log');
  const n = 100_000;
  const child = execa('node', [corralBin, 'run', script, log, String(n), '15000', '--journal', db], { cwd: root, reject: false });
  // sumSlowly starts only once scale's result is journaled.
  await waitFor(() => logLines(log).includes('sumSlowly'), 90_000);
  child.kill('SIGKILL');
  expect((await child).signal).toBe('SIGKILL');

  const before = Journal.open(db);
  const [run] = before.listRuns();
  const done = before.calls(run!.id).filter((c) => c.state === 'done');
  expect(done.map((c) => c.task_id)).toEqual(['Arrays.make', 'Arrays.scale']);
  const madeRef = decodeValue(done[0]!.result) as { id: string; store: string };
  expect(isDataRefJson(madeRef)).toBe(true);
  before.close();
  // The runtime's store: its memory died with the process; its spill folder is wiped too.
  rmSync(join(dir, 'data'), { recursive: true, force: true });

  const resumed = await execa('node', [corralBin, 'resume', run!.id, '--journal', db, '--json'], { cwd: root });
  const summary = JSON.parse(resumed.stdout) as { status: string; result: number };
  expect(summary.status).toBe('done');
  expect(summary.result).toBe(chainSum(n));

  const counts = new Map<string, number>();
  for (const line of logLines(log)) counts.set(line, (counts.get(line) ?? 0) + 1);
  // make ran again from lineage, and so did scale, whose own kept result died with the process too.
  expect(counts.get('make 1')).toBe(2);
  expect(counts.get('scale 2')).toBe(2);
  const after = Journal.open(db);
  const lost = after.events(run!.id).filter((e) => e.type === 'data:lost').map((e) => JSON.parse(e.data!) as { ref: string; store: string; producer: string });
  after.close();
  expect(lost).toContainEqual({ ref: madeRef.id, store: 'local', producer: done[0]!.call_id });
}, 180_000);

test('after a lost input is recomputed, a consumer whose own result is journaled replays instead of running again; one whose kept result is lost too recomputes', async () => {
  const dir = tempDir('corral-lineage-');
  const db = join(dir, 'corral.db');
  const log = join(dir, 'calls.log');
  const n = 100_000;
  const child = execa('node', [corralBin, 'run', script, log, String(n), '15000', 'branchSlow', '--journal', db], { cwd: root, reject: false });
  // sumSlowly starts only once scale's result is journaled; sum ran before it on the one worker.
  await waitFor(() => logLines(log).includes('sumSlowly') && logLines(log).includes('sum'), 90_000);
  child.kill('SIGKILL');
  expect((await child).signal).toBe('SIGKILL');

  const before = Journal.open(db);
  const [run] = before.listRuns();
  expect(before.calls(run!.id).filter((c) => c.state === 'done').map((c) => c.task_id).sort()).toEqual(['Arrays.make', 'Arrays.scale', 'Arrays.sum']);
  before.close();
  rmSync(join(dir, 'data'), { recursive: true, force: true });

  const resumed = await execa('node', [corralBin, 'resume', run!.id, '--journal', db, '--json'], { cwd: root });
  const summary = JSON.parse(resumed.stdout) as { status: string; result: number };
  expect(summary.status).toBe('done');
  expect(summary.result).toBe(chainSum(n, 1, 1) + chainSum(n));

  const counts = new Map<string, number>();
  for (const line of logLines(log)) counts.set(line, (counts.get(line) ?? 0) + 1);
  // make's array was lost with the process: recomputed from lineage.
  expect(counts.get('make 1')).toBe(2);
  // sum's input is make's recomputed array, same lineage: its journaled number is replayed.
  expect(counts.get('sum')).toBe(1);
  // scale's own result was a kept array, lost too: it recomputes.
  expect(counts.get('scale 2')).toBe(2);
  const after = Journal.open(db);
  const states = after.calls(run!.id).map((c) => `${c.task_id} ${c.state}`);
  after.close();
  expect(states).toContain('Arrays.sum replayed');
}, 180_000);
