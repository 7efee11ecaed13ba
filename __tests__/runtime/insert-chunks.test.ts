// Group commits write new rows in multi-row inserts of power-of-two sizes: at
// most 7 prepared statements per table, and every row written exactly once.
import { join } from 'node:path';
import { INSERT_CHUNK, insertChunkEnd } from '../../sdk/database/index.js';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

test('chunks cover every row once, in order, in sizes that are powers of two up to 64', () => {
  const sizes = new Set<number>();
  for (let length = 1; length <= 300; length++) {
    let rows = 0;
    for (let at = 0, end = 0; at < length; at = end) {
      end = insertChunkEnd(at, length);
      expect(end).toBeGreaterThan(at);
      expect(end).toBeLessThanOrEqual(length);
      sizes.add(end - at);
      rows += end - at;
    }
    expect(rows).toBe(length);
  }
  expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, INSERT_CHUNK]);
});

test('a group commit of 203 new calls and events writes each row once, readable in order', () => {
  const journal = Journal.open(join(tempDir(), 'corral.db'));
  journal.insertRun({ id: 'r1', workflow: 'W.run', module: null, exportName: null, method: null, startedAt: 1 });
  for (let i = 1; i <= 203; i++) {
    journal.insertCall('r1', { callId: `c${i}`, seq: i, taskId: 'T.f', dependsOn: [], at: i });
    journal.recordEvent('r1', { callId: `c${i}`, at: i, type: 'task:ready' });
  }
  journal.flush();
  expect(journal.calls('r1').map((c) => c.seq)).toEqual(Array.from({ length: 203 }, (_, i) => i + 1));
  expect(journal.events('r1').map((e) => e.call_id)).toEqual(Array.from({ length: 203 }, (_, i) => `c${i + 1}`));
  journal.close();
});
