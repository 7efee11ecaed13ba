import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../sdk/index.js';
import { isDataRefJson } from '../../sdk/data/index.js';
import { decodeValue } from '../../sdk/runtime/journal/index.js';
import { chainSum } from '../fixtures/tasks/arrays.js';
import { tempDir } from '../runtime/helpers.js';
import { killArraysRun, resumeArraysRun } from './killed-arrays-run.js';

function arraysRun(): { db: string; log: string; dir: string } {
  const dir = tempDir('corral-lineage-');
  return { dir, db: join(dir, 'corral.db'), log: join(dir, 'calls.log') };
}

test('a kept result whose store is gone after a kill is recomputed from its producer on resume', async () => {
  const run = arraysRun();
  const n = 100_000;
  // sumSlowly starts only once scale's result is journaled.
  const { runId, done } = await killArraysRun(run, [String(n), '15000'], ['sumSlowly'], 90_000);
  expect(done.map((c) => c.task_id)).toEqual(['Arrays.make', 'Arrays.scale']);
  const madeRef = decodeValue(done[0]!.result) as { id: string; store: string };
  expect(isDataRefJson(madeRef)).toBe(true);
  // The runtime's store: its memory died with the process; its spill folder is wiped too.
  rmSync(join(run.dir, 'data'), { recursive: true, force: true });

  const { status, result, counts } = await resumeArraysRun(run, runId);
  expect(status).toBe('done');
  expect(result).toBe(chainSum(n));
  // make ran again from lineage, and so did scale, whose own kept result died with the process too.
  expect(counts.get('make 1')).toBe(2);
  expect(counts.get('scale 2')).toBe(2);
  const after = Journal.open(run.db);
  const lost = after.events(runId).filter((e) => e.type === 'data:lost').map((e) => JSON.parse(e.data!) as { ref: string; store: string; producer: string });
  after.close();
  expect(lost).toContainEqual({ ref: madeRef.id, store: 'local', producer: done[0]!.call_id });
}, 180_000);

test('after a lost input is recomputed, a consumer whose own result is journaled replays instead of running again; one whose kept result is lost too recomputes', async () => {
  const run = arraysRun();
  const n = 100_000;
  // sumSlowly starts only once scale's result is journaled; sum ran before it on the one worker.
  const { runId, done } = await killArraysRun(run, [String(n), '15000', 'branchSlow'], ['sumSlowly', 'sum'], 90_000);
  expect(done.map((c) => c.task_id).sort()).toEqual(['Arrays.make', 'Arrays.scale', 'Arrays.sum']);
  rmSync(join(run.dir, 'data'), { recursive: true, force: true });

  const { status, result, counts } = await resumeArraysRun(run, runId);
  expect(status).toBe('done');
  expect(result).toBe(chainSum(n, 1, 1) + chainSum(n));
  // make's array was lost with the process: recomputed from lineage.
  expect(counts.get('make 1')).toBe(2);
  // sum's input is make's recomputed array, same lineage: its journaled number is replayed.
  expect(counts.get('sum')).toBe(1);
  // scale's own result was a kept array, lost too: it recomputes.
  expect(counts.get('scale 2')).toBe(2);
  const after = Journal.open(run.db);
  const states = after.calls(runId).map((c) => `${c.task_id} ${c.state}`);
  after.close();
  expect(states).toContain('Arrays.sum replayed');
}, 180_000);
