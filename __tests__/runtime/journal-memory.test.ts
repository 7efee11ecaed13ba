// The journal's SQLite connection keeps a bounded page cache (2 MB, SQLite's own
// default), not better-sqlite3's 16 MB: that much native memory per process.
import { join } from 'node:path';
import { Journal } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

test('a journal opened for writing caches at most 2 MB of pages', () => {
  const journal = Journal.open(join(tempDir(), 'corral.db'));
  expect(journal.db.pragma('cache_size', { simple: true })).toBe(-2048);
  journal.close();
});
