import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { Journal, JournalError } from '../../sdk/index.js';
import { dataMoves } from '../../sdk/runtime/index.js';
import { journalWithDiamondRun, tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/corral.js');
const script = join(root, '__tests__/fixtures/scripts/steps-run.ts');

function thrown(action: () => unknown): JournalError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(JournalError);
    return error as JournalError;
  }
  throw new Error('expected a JournalError');
}

describe('a damaged journal is refused with its path, and never written', () => {
  test('pages overwritten mid-file: open for writing and for reading both refuse, the file is unchanged', async () => {
    const { dir, path } = await journalWithDiamondRun();
    const bytes = readFileSync(path);
    // Keep the header and the schema page intact: only a data page further in is damaged.
    bytes.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(path, bytes);
    for (const open of [Journal.open, Journal.openReadOnly]) {
      const error = thrown(() => open(path));
      expect(error.code).toBe('CORRAL_JOURNAL');
      expect(error.path).toBe(path);
      expect(error.message).toContain(`journal ${path}: is damaged (SQLite quick_check:`);
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const run = await execa('node', [bin, 'run', script, join(dir, 'steps.log'), '2', '1', '--journal', path], { cwd: root, reject: false });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(`journal ${path}: is damaged`);
    const runs = await execa('node', [bin, 'runs', '--journal', path], { cwd: root, reject: false });
    expect(runs.exitCode).not.toBe(0);
    expect(runs.stderr).toContain(`journal ${path}: is damaged`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  }, 180_000);
});

describe('a journal whose schema text or rows were damaged names the file, never a bare SQLite error', () => {
  test('a column renamed in a table definition (found by the fuzz suite) is refused at open, for writing and reading, the file unchanged', async () => {
    const { path } = await journalWithDiamondRun();
    // One byte of the table's CREATE text in sqlite_master, as a flipped bit on disk would change it.
    const bytes = readFileSync(path);
    const definition = bytes.indexOf('CREATE TABLE data_moves');
    expect(definition).toBeGreaterThan(0);
    bytes[bytes.indexOf('call_id', definition) + 1] = 'b'.charCodeAt(0);
    writeFileSync(path, bytes);
    for (const open of [Journal.open, Journal.openReadOnly]) {
      const error = thrown(() => open(path));
      expect(error.path).toBe(path);
      expect(error.message).toContain(`journal ${path}: table data_moves lacks column(s) call_id and has unknown column(s) cbll_id`);
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
  }, 120_000);

  test('a data move row out of shape is a JournalError naming the table and field when the run is shown', async () => {
    const { path, runId } = await journalWithDiamondRun();
    const edit = new Database(path);
    edit.prepare("INSERT INTO data_moves (run_id, at, from_site, to_site, bytes, seconds, via_client) VALUES (?, 0, 'a', 'b', 'many', NULL, 0)").run(runId);
    edit.close();
    const journal = Journal.openReadOnly(path);
    try {
      const error = thrown(() => dataMoves(journal, runId));
      expect(error.message).toContain(`journal ${path}: table data_moves, row 1 of the read: field "bytes" is "many"`);
    } finally {
      journal.close();
    }
  }, 120_000);
});

describe('a foreign SQLite file is refused before anything is written', () => {
  test('its bytes (journal mode in header bytes 18-19 included) are the same after the refusal', () => {
    const path = join(tempDir(), 'shop.db');
    const other = new Database(path);
    other.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')");
    other.close();
    const before = readFileSync(path);
    expect([before[18], before[19]]).toEqual([1, 1]);
    expect(thrown(() => Journal.open(path)).message).toContain('is a SQLite database but not a corral journal (tables: customers)');
    expect(thrown(() => Journal.openReadOnly(path)).message).toContain('not a corral journal');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('journal paths that cannot be used are named', () => {
  test('a directory given as the journal is refused by path, not with a bare EISDIR', async () => {
    const dir = join(tempDir(), 'journal-dir');
    mkdirSync(dir);
    expect(thrown(() => Journal.open(dir)).message).toBe(`journal ${dir}: is a directory, not a journal file: pass a file path such as --journal DIR/corral.db`);
    expect(thrown(() => Journal.openReadOnly(dir)).message).toContain('is a directory');
    const runs = await execa('node', [bin, 'runs', '--journal', dir], { cwd: root, reject: false });
    expect(runs.exitCode).not.toBe(0);
    expect(runs.stderr).toContain(`journal ${dir}: is a directory`);
    expect(runs.stderr).not.toContain('EISDIR');
  }, 180_000);

  test('a journal that does not exist yet is named by the reading commands and not created', async () => {
    const path = join(tempDir(), 'nothing-here.db');
    const show = await execa('node', [bin, 'show', 'r-1', '--journal', path], { cwd: root, reject: false });
    expect(show.stderr).toContain(`journal ${path}: does not exist yet`);
    const runs = await execa('node', [bin, 'runs', '--journal', path], { cwd: root });
    expect(runs.stdout).toBe('no runs yet');
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  }, 180_000);

  test('a read-only journal can still be listed, shown and reported; a run into it says it cannot be written', async () => {
    const { dir, path, runId } = await journalWithDiamondRun();
    const before = readFileSync(path);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    // root writes through file modes: run the commands as an unprivileged user then.
    const asUser = (args: string[]) => process.getuid?.() === 0
      ? execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', bin, ...args], { cwd: root, reject: false, env: { HOME: '/tmp' } })
      : execa('node', [bin, ...args], { cwd: root, reject: false });
    try {
      const runs = await asUser(['runs', '--journal', path, '--json']);
      expect(runs.stderr).toBe('');
      expect((JSON.parse(runs.stdout) as { runs: Array<{ id: string; calls: number }> }).runs).toEqual([expect.objectContaining({ id: runId, calls: 4 })]);
      const show = await asUser(['show', runId, '--journal', path, '--json']);
      expect((JSON.parse(show.stdout) as { calls: unknown[] }).calls).toHaveLength(4);
      const report = await asUser(['report', runId, '--journal', path, '--out', join('/tmp', `corral-ro-${process.pid}.html`)]);
      expect(report.exitCode).toBe(0);
      const run = await asUser(['run', script, '/tmp/steps-ro.log', '1', '1', '--journal', path]);
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toContain(`journal ${path}: cannot be written`);
      expect(readFileSync(path).equals(before)).toBe(true);
    } finally {
      chmodSync(dir, 0o755);
      chmodSync(path, 0o644);
    }
  }, 240_000);
});
