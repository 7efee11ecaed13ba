// Lineage across a kill with results kept in a Globus Compute endpoint's file
// store, which outlives the process: after only the first array is deleted,
// resume recomputes it and replays the call downstream of it, whose own kept
// array is still in the store. Against the stand-in globus_compute_sdk (the
// Globus cloud is unreachable here).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../../sdk/index.js';
import { decodeValue } from '../../../sdk/runtime/journal/index.js';
import { chainSum } from '../../fixtures/tasks/arrays.js';
import { killArraysRun, resumeArraysRun } from '../../data/killed-arrays-run.js';
import { tempDir } from '../../runtime/helpers.js';
import { standinService, type StandinService } from './standin-service.js';

const EP = '9c8b7a6f-5e4d-4c3b-a291-8f7e6d5c4b3a';
let service: StandinService;
beforeAll(() => {
  service = standinService('corral-client', 'corral-test-secret-Lineage2');
  service.setEndpoint(EP, 'online', 1);
  service.exportCredentials();
});
afterAll(() => service?.remove());

test('Globus Compute stand-in: a consumer whose kept result survived in the file store replays after its lost input is recomputed on resume', async () => {
  const dir = tempDir('corral-gc-lineage-');
  const scratch = mkdtempSync(join(dir, 'scratch-'));
  const yaml = join(dir, 'endpoints.yaml');
  writeFileSync(yaml, `stores:
  scratch: { connector: file, path: "${scratch}", site: hpc-site }
endpoints:
${service.endpointYaml('hpc', EP, { database: join(dir, 'functions.db'), store: 'scratch' })}`);
  const run = { db: join(dir, 'corral.db'), log: join(dir, 'calls.log'), env: { ...process.env, ARRAYS_ENDPOINTS: yaml } };
  const n = 100_000;
  // sumSlowly starts only once scale's array is in the store and journaled.
  const { runId, done } = await killArraysRun(run, [String(n), '20000'], ['sumSlowly']);
  expect(done.map((c) => c.task_id)).toEqual(['Arrays.make', 'Arrays.scale']);
  const [made, scaled] = done.map((c) => decodeValue(c.result) as { id: string; store: string });
  expect([made!.store, scaled!.store]).toEqual(['scratch', 'scratch']);
  // Only make's array goes; scale's stays in the store.
  const madePath = join(scratch, made!.id.slice(0, 2), `${made!.id}.corral`);
  expect(existsSync(madePath)).toBe(true);
  rmSync(madePath);

  const { status, result, counts } = await resumeArraysRun(run, runId);
  expect(status).toBe('done');
  expect(result).toBe(chainSum(n));
  expect(counts.get('make 1')).toBe(2);
  expect(counts.get('scale 2')).toBe(1);
  const after = Journal.open(run.db);
  const states = after.currentCalls(runId).map((c) => `${c.task_id} ${c.state}`);
  after.close();
  expect(states).toEqual(expect.arrayContaining(['Arrays.make done', 'Arrays.scale replayed']));
}, 240_000);
