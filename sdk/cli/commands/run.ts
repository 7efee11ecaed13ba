import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { journalPath, withJournal } from '../journal-option.js';
import { formatCliError } from '../output.js';
import { importModule } from '../../endpoints/index.js';
import type { RunRow } from '../../runtime/index.js';
import { explainModuleType } from '../module-type.js';

/** `corral run SCRIPT [ARGS...]`: runs a TypeScript or JavaScript script that opens corral sessions. */
export function registerRun(program: Command): void {
  program.command('run <script> [args...]')
    .description('run a script (TypeScript or JavaScript) that uses corral; its runs go to the journal')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--no-build', 'run tasks from their sources, without building bundles first')
    .allowUnknownOption()
    .action(async (script: string, args: string[], opts: { journal?: string; build: boolean }) => {
      const journal = journalPath(opts.journal);
      process.env.CORRAL_JOURNAL = journal;
      const file = resolve(script);
      if (opts.build) {
        // Build first when the manifest is stale (a no-op when nothing changed): tasks then run from bundles.
        const { ensureBuilt } = await import('../../../codegen/index.js');
        const { manifestPath } = await ensureBuilt({ root: process.cwd(), files: [file] });
        process.env.CORRAL_MANIFEST = manifestPath;
      }
      process.argv = [process.argv[0]!, file, ...args];
      // A live view of every session the script opens: progress bars on a terminal, JSON logs at debug level.
      const level = (program.opts() as { logLevel?: string }).logLevel ?? 'info';
      const follow = process.stderr.isTTY || level === 'debug' || level === 'trace';
      const stop = follow ? (await import('../../report/index.js')).followSessions({ level: level as never }) : undefined;
      const startedAt = Date.now();
      try {
        await importModule(file).catch((error: unknown) => { throw explainModuleType(file, error); });
      } catch (error) {
        // The runs the script left unfinished: their finished calls are in the journal, and the user should know how to reach them.
        process.stderr.write(`${[formatCliError(error), ...await unfinishedRunHints(journal, startedAt)].join('\n')}\n`);
        process.exitCode = 1;
      } finally {
        stop?.();
      }
    });
}

/** One line per run started since `since` that did not finish: what is kept, and the commands that show and finish it. */
async function unfinishedRunHints(journal: string, since: number): Promise<string[]> {
  if (!existsSync(journal)) return [];
  let runs: RunRow[];
  try {
    runs = await withJournal(journal, (j) => j.listRuns(50));
  } catch {
    // A journal that cannot be read adds nothing to the script's own error.
    return [];
  }
  return runs.filter((r) => r.started_at >= since && r.status !== 'done').reverse().map((r) =>
    `  run ${r.id} (${r.workflow}) ${r.status === 'failed' ? 'failed' : 'stopped'}; the calls that finished are kept in ${journal}: \`corral show ${r.id}\` lists them, \`corral resume ${r.id}\` finishes the run without running them again`);
}
