import { resolve } from 'node:path';
import type { Command } from 'commander';
import { journalPath } from '../journal-option.js';
import { importModule } from '../../endpoints/index.js';
import { explainModuleType } from '../module-type.js';

/** `corral run SCRIPT [ARGS...]`: runs a TypeScript or JavaScript script that opens corral sessions. */
export function registerRun(program: Command): void {
  program.command('run <script> [args...]')
    .description('run a script (TypeScript or JavaScript) that uses corral; its runs go to the journal')
    .option('--journal <file>', 'journal database (default: $CORRAL_JOURNAL or .corral/corral.db)')
    .option('--no-build', 'run tasks from their sources, without building bundles first')
    .allowUnknownOption()
    .action(async (script: string, args: string[], opts: { journal?: string; build: boolean }) => {
      process.env.CORRAL_JOURNAL = journalPath(opts.journal);
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
      try {
        await importModule(file).catch((error: unknown) => { throw explainModuleType(file, error); });
      } finally {
        stop?.();
      }
    });
}
