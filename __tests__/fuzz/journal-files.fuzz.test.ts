import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import fc from 'fast-check';
import { Journal, JournalError, UnknownRunError, reportDataFromJournal } from '../../sdk/index.js';
import { journalWithDiamondRun, tempDir } from '../runtime/helpers.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-settings.js';
import { damagedBytes } from './mutate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Everything the reading commands do with a journal: runs, show (current and all calls), the report data. */
function readEverything(journal: Journal): void {
  for (const run of journal.listRuns()) {
    journal.getRun(run.id);
    journal.currentCalls(run.id);
    journal.calls(run.id);
    journal.attempts(run.id);
    reportDataFromJournal(journal, run.id);
  }
}

/** Runs `use`; a JournalError, or a run the damaged index lost (UnknownRunError), naming the file is an accepted refusal; anything else a crash. */
function refusedOrDone(path: string, use: () => void): 'ok' | 'refused' {
  try {
    use();
    return 'ok';
  } catch (error) {
    if (error instanceof JournalError && error.path === path && error.message.startsWith(`journal ${path}: `)) return 'refused';
    if (error instanceof UnknownRunError && error.path === path) return 'refused';
    throw error;
  }
}

describe('journal files cut short, with bytes flipped or pages overwritten', () => {
  let seed: Buffer;
  beforeAll(async () => {
    const { path } = await journalWithDiamondRun();
    seed = readFileSync(path);
  });

  test('read-only: every read gives rows or a JournalError naming the file; the file is never changed', () => {
    const dir = tempDir();
    let i = 0;
    fc.assert(fc.property(damagedBytes(seed), (bytes) => {
      const path = join(dir, `j${i++}.db`);
      writeFileSync(path, bytes);
      refusedOrDone(path, () => {
        const journal = Journal.openReadOnly(path);
        try { readEverything(journal); } finally { journal.close(); }
      });
      expect(readFileSync(path).equals(bytes)).toBe(true);
    }), fuzzParameters(150));
  }, FUZZ_TIMEOUT_MS);

  test('for writing: refused by path at open with the file unchanged, or opened and then read as rows or a JournalError', () => {
    const dir = tempDir();
    let i = 0;
    fc.assert(fc.property(damagedBytes(seed), (bytes) => {
      const path = join(dir, `w${i++}.db`);
      writeFileSync(path, bytes);
      let journal: Journal | undefined;
      // quick_check finds damaged pages, not an index that disagrees with its table: that shows on reading.
      if (refusedOrDone(path, () => { journal = Journal.open(path); }) === 'refused') {
        expect(readFileSync(path).equals(bytes)).toBe(true);
        return;
      }
      try {
        refusedOrDone(path, () => readEverything(journal!));
      } finally {
        journal!.close();
      }
    }), fuzzParameters(150));
  }, FUZZ_TIMEOUT_MS);
});

describe('regressions found by the fuzz suite', () => {
  test('a run whose config bytes were damaged used to make the report throw a SyntaxError; the report reads it, resume names the field', async () => {
    const { path, runId } = await journalWithDiamondRun();
    const db = new Database(path);
    db.prepare("UPDATE runs SET config = ' \"endpoint' WHERE id = ?").run(runId);
    db.close();
    const journal = Journal.openReadOnly(path);
    try {
      expect(reportDataFromJournal(journal, runId).calls).toHaveLength(4);
    } finally {
      journal.close();
    }
    const resumed = await execa('node', [join(root, 'bin/corral.js'), 'resume', runId, '--journal', path], { cwd: root, reject: false });
    expect(resumed.stderr).toContain(`corral: journal ${path}: run ${runId}: field "config" is damaged (not a JSON object)`);
  }, 180_000);

  test('a data_moves table whose schema lost a column used to make the report throw a SqliteError; it is a JournalError naming the file', async () => {
    const { path, runId } = await journalWithDiamondRun();
    const db = new Database(path);
    db.exec('DROP TABLE data_moves; CREATE TABLE data_moves (id INTEGER PRIMARY KEY, run_id TEXT, from_site TEXT, to_site TEXT, bytes INTEGER)');
    db.close();
    // Refused at open now (the table lacks columns corral made it with); before, at the report's read.
    expect(refusedOrDone(path, () => {
      const journal = Journal.openReadOnly(path);
      try { reportDataFromJournal(journal, runId); } finally { journal.close(); }
    })).toBe('refused');
  }, 60_000);
});
