import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../sdk/index.js';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

test('Journal.open takes pacing fields it knows, each within its range', () => {
  const journal = Journal.open(':memory:', { groupCommit: { deferMs: 2, holdUnsentMs: 0 } });
  journal.insertCall('r1', { callId: 'c1', seq: 1, taskId: 'W.task', dependsOn: [], at: Date.now() });
  expect(journal.calls('r1').map((c) => c.state)).toEqual(['waiting']);
  journal.close();
});

test.each([
  [{ holdUnsentMs: Infinity }, 'options.groupCommit.holdUnsentMs must be a number of ms from 0 to 3600000 (got Infinity)'],
  [{ deferMs: -1 }, 'options.groupCommit.deferMs must be a number of ms from 0 to 3600000 (got -1)'],
  [{ maxWrites: 2.5 }, 'options.groupCommit.maxWrites must be a whole number from 1 to 1000000 (got 2.5)'],
  [{ busyWrites: '64' }, 'options.groupCommit.busyWrites must be a whole number from 0 to 1000000 (got "64")'],
  [{ holdUnsentMS: 10 }, 'options.groupCommit.holdUnsentMS is not a pacing field (fields: busyWrites, deferMs, maxWrites, holdUnsentMs)'],
])('a bad pacing field %j is a ConfigError naming it and its value', (groupCommit, message) => {
  const path = join(tempDir(), 'corral.db');
  let error: unknown;
  try {
    Journal.open(path, { groupCommit: groupCommit as never });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).field).toBe(message.split(' ')[0]);
  expect((error as Error).message).toBe(`Journal.open: ${message}`);
  // Refused before the file is touched.
  expect(existsSync(path)).toBe(false);
});
