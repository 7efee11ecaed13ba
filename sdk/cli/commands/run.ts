import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { journalPath } from '../journal-option.js';

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
      await import(pathToFileURL(file).href);
    });
}
