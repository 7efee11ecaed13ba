// A task that throws is reported where it threw in the user's source, whether it ran from its
// sources or from the bundle `corral build` made (whose stack names only bundle lines).
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { build } from '../../codegen/index.js';
import { Corral, LocalEndpoint, TaskFailedError } from '../../sdk/index.js';
import { locatorOf, loadManifest } from '../../sdk/graph/index.js';
import { sourceStack } from '../../sdk/runtime/source-stack.js';
import { ThrowsAt } from '../fixtures/tasks/throws-at.js';
import { tempDir } from './helpers.js';

const FIXTURE = '__tests__/fixtures/tasks/throws-at.ts';
// Where the fixture throws: its line, and the column of `new RangeError` (V8 reports the constructor call).
const lines = readFileSync(FIXTURE, 'utf8').split('\n');
const throwLine = lines.findIndex((l) => l.includes('throw new RangeError')) + 1;
const THROWN_AT = `${FIXTURE}:${throwLine}:${lines[throwLine - 1]!.indexOf('new RangeError') + 1}`;

let dir: string;
let manifestPath: string;
beforeAll(async () => {
  dir = tempDir();
  ({ manifestPath } = await build({ root: process.cwd(), files: [FIXTURE], outDir: join(dir, 'build'), force: true }));
}, 120_000);

async function failedRun(mode: 'thread' | 'process', manifest: string | undefined) {
  const journal = join(dir, `${mode}-${manifest ? 'bundle' : 'source'}.db`);
  const corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'edge', workers: 1, mode })], journal, manifest });
  try {
    const error = await corral.run(ThrowsAt, 'all', [3, -2]).catch((e: unknown) => e);
    return { error: error as TaskFailedError, attempts: corral.journal.attempts(corral.lastRunId!), calls: corral.journal.calls(corral.lastRunId!) };
  } finally {
    await corral.close();
  }
}

describe.each([['thread'], ['process']] as const)('a task that throws on a %s endpoint', (mode) => {
  it.each([['its bundle', true], ['its sources', false]])('from %s: the error names the file, line and column it threw at, and the journal keeps the source stack', async (_, bundled) => {
    const { error, attempts, calls } = await failedRun(mode, bundled ? manifestPath : undefined);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.at).toBe(THROWN_AT);
    expect(error.message).toBe(`task ThrowsAt.check (call c2) failed on endpoint edge, attempt 1: RangeError: negative width -2 (at ${THROWN_AT})`);
    // The throwing frame names the source, not a bundle line.
    const frame = error.remoteStack!.split('\n')[1]!;
    expect(frame).toContain(`${join(process.cwd(), FIXTURE)}:${THROWN_AT.split(':').slice(1).join(':')}`);
    const failed = attempts.find((a) => a.call_id === 'c2')!;
    expect(JSON.parse(failed.error!).stack).toBe(error.remoteStack);
    // What was computed before the failure stays.
    expect(calls.find((c) => c.call_id === 'c1')?.state).toBe('done');
  }, 60_000);
});

test('a bundle stack from another host (the bundle named by its hash there) maps through the local map; without a map it is kept as it was', async () => {
  const { error } = await failedRun('thread', manifestPath);
  const locator = locatorOf(await loadManifest(manifestPath), 'ThrowsAt.check');
  const bundle = locator.bundle!;
  // The stack as the bundle gives it: the method called outside a session runs here, as plain code.
  const { ThrowsAt: Bundled } = await import(bundle.path) as { ThrowsAt: new () => { check(w: number): Promise<number> } };
  const thrown = await new Bundled().check(-2).catch((e: Error) => e) as Error;
  const [, bundleFrame] = thrown.stack!.split('\n');
  expect(bundleFrame).toMatch(new RegExp(`${bundle.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+\\)$`));
  expect(sourceStack(thrown.stack, locator).at).toBe(error.at);
  const elsewhere = thrown.stack!.split(bundle.path).join(`/tmp/corral-bundles/${bundle.hash}.mjs`);
  expect(sourceStack(elsewhere, locator).at).toBe(error.at);

  const unmapped = join(dir, 'unmapped.mjs');
  copyFileSync(bundle.path, unmapped);
  const noMap = thrown.stack!.split(bundle.path).join(unmapped);
  const kept = sourceStack(noMap, { ...locator, bundle: { path: unmapped, hash: 'f'.repeat(64) } });
  expect(kept.stack).toBe(noMap);
  expect(kept.at).toBe(`${unmapped}:${bundleFrame!.split(':').slice(-2).join(':').replace(')', '')}`);
});

test('corral show, given no run id, shows the newest run: the failed call with where it threw; an empty journal is named', async () => {
  const { error } = await failedRun('process', manifestPath);
  const journal = join(dir, 'process-bundle.db');
  const shown = await execa('node', ['bin/corral.js', 'show', '--journal', journal, '--json']);
  const { run, calls } = JSON.parse(shown.stdout) as { run: { status: string; error: string }; calls: Array<{ call: string; state: string; error: string | null }> };
  expect(run).toMatchObject({ status: 'failed', error: error.message });
  expect(calls.find((c) => c.call === 'c2')).toMatchObject({ state: 'failed', error: error.message });
  expect(error.message).toContain(`(at ${THROWN_AT})`);

  const empty = join(dir, 'empty.db');
  await (await Corral.open({ endpoints: [new LocalEndpoint({ name: 'edge', workers: 1 })], journal: empty })).close();
  const none = await execa('node', ['bin/corral.js', 'show', '--journal', empty], { reject: false });
  expect(none.exitCode).not.toBe(0);
  expect(none.stderr).toContain(`no runs in journal ${empty}: run a workflow first (corral run SCRIPT)`);
}, 60_000);
