import type { Command } from 'commander';
import { printResult } from '../output.js';

/**
 * `corral build [files...] [--project tsconfig.json] [--out DIR] [--external PKG...] [--force] [--json]`:
 * extracts the task graph, bundles task modules and writes the manifest.
 * Prints diagnostics like tsc (to stderr) and exits 1 on errors.
 *
 * @example
 * ```sh
 * corral build examples/quickstart.ts --external @tensorflow/tfjs
 * ```
 */
export function registerBuild(program: Command): void {
  program.command('build [files...]')
    .description('extract the task graph, bundle tasks with esbuild and write the manifest (cached by content hash)')
    .option('-p, --project <tsconfig>', 'tsconfig.json to read files and options from (default when no files are given)')
    .option('--root <dir>', 'project root (manifest paths are relative to it)', '.')
    .option('--out <dir>', 'output directory (default .corral/build[/<entry>])')
    .option('--external <packages...>', 'packages to leave out of bundles (installed on endpoints)')
    .option('--no-bundles', 'graph and manifest only')
    .option('--force', 'build even when nothing changed')
    .option('--json', 'print one JSON object')
    .action(async (files: string[], opts: { project?: string; root: string; out?: string; external?: string[]; bundles: boolean; force?: boolean; json?: boolean }) => {
      const { build, formatDiagnostics, hasErrors } = await import('../../../codegen/index.js');
      const result = await build({
        root: opts.root, tsconfig: opts.project, files: files.length ? files : undefined, outDir: opts.out,
        external: opts.external, noBundles: !opts.bundles, force: opts.force,
      });
      if (result.diagnostics.length) process.stderr.write(formatDiagnostics(result.diagnostics));
      const m = result.manifest;
      printResult(opts.json, {
        ok: Boolean(m), cached: result.cached, manifest: result.manifestPath,
        tasks: m?.tasks.length ?? 0, edges: m?.edges.length ?? 0, workflows: m?.workflows.length ?? 0,
        bundles: m?.bundles.map((b) => ({ module: b.module, path: b.path, bytes: b.bytes, hash: b.hash })) ?? [],
        diagnostics: result.diagnostics,
      }, () => m
        ? `${result.cached ? 'up to date' : 'built'}: ${m.tasks.length} task(s), ${m.edges.length} edge(s), ${m.bundles.length} bundle(s) ` +
          `(${m.bundles.map((b) => `${b.module} ${(b.bytes / 1024).toFixed(0)} kB`).join(', ') || 'none'}) -> ${result.manifestPath}`
        : 'build failed');
      if (hasErrors(result.diagnostics)) process.exitCode = 1;
    });
}
