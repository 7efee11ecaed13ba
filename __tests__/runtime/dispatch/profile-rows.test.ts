import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Corral, LocalEndpoint } from '../../../sdk/index.js';
import { Fan } from '../../fixtures/tasks/workflows.js';
import { tempDir } from '../helpers.js';

// The runtime writes the profile rows of the attempts that ended in a turn inside that turn's group
// commit, in multi-row inserts: each attempt still gets its row, committed by the time the run answers.
test('every attempt of a run has its profile row, committed with the run\'s calls before the run returns', async () => {
  const db = join(tempDir(), 'corral.db');
  const corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'box', workers: 2 })], journal: db });
  try {
    expect(await corral.run(Fan, 'run', 1, 150)).toBe(2 * (150 * 151) / 2);
    const runId = corral.lastRunId!;
    // Another connection sees only what has committed.
    const sql = new Database(db, { readonly: true });
    try {
      const rows = sql.prepare('SELECT task_id, endpoint, call_id, attempt, run_s, outcome, features FROM profile_attempts WHERE run_id = ? ORDER BY id').all(runId) as
        Array<{ task_id: string; endpoint: string; call_id: string; attempt: number; run_s: number; outcome: string; features: string }>;
      const calls = sql.prepare('SELECT call_id FROM calls WHERE run_id = ? AND task_id != ?').all(runId, 'Fan.run') as Array<{ call_id: string }>;
      expect(rows).toHaveLength(152);
      expect(new Set(rows.map((r) => r.call_id))).toEqual(new Set(calls.map((c) => c.call_id)));
      expect(rows.filter((r) => r.task_id === 'Fan.branch')).toHaveLength(150);
      for (const r of rows) {
        expect(r).toMatchObject({ endpoint: 'box', attempt: 1, outcome: 'ok' });
        expect(r.run_s).toBeGreaterThan(0);
        expect(JSON.parse(r.features)).toEqual(expect.any(Object));
      }
    } finally {
      sql.close();
    }
  } finally {
    await corral.close();
  }
}, 60_000);
