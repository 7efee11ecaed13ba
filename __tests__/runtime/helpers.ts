import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corral, LocalEndpoint } from '../../sdk/index.js';
import { Diamond } from '../fixtures/tasks/workflows.js';

/** A fresh temporary directory for one test. */
export function tempDir(prefix = 'corral-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Lines of a log file written by fixture tasks (empty when absent). */
export function logLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

/** A fresh journal file holding one finished run of the Diamond fixture workflow (4 calls). */
export async function journalWithDiamondRun(scale = 1): Promise<{ dir: string; path: string; runId: string }> {
  const dir = tempDir();
  const path = join(dir, 'corral.db');
  const corral = await Corral.open({ journal: path, endpoints: [new LocalEndpoint({ workers: 1 })] });
  await corral.run(Diamond, 'run', join(dir, 'log'), scale);
  const runId = corral.lastRunId!;
  await corral.close();
  return { dir, path, runId };
}

/** Polls `check` every 50 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
