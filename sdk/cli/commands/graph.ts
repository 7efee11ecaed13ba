import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';

/**
 * `corral graph [files...] --format mermaid|dot|json [--json] [--manifest FILE] [--output FILE]`:
 * the task graph as a diagram or JSON, from a manifest or straight from the source.
 *
 * @example
 * ```sh
 * corral graph examples/quickstart.ts --format mermaid > docs/graphs/quickstart.md
 * ```
 */
export function registerGraph(program: Command): void {
  program.command('graph [files...]')
    .description('print the task graph as Mermaid, Graphviz DOT or JSON')
    .option('-f, --format <format>', 'mermaid, dot or json', 'mermaid')
    .option('-p, --project <tsconfig>', 'tsconfig.json to read (default when no files are given)')
    .option('--root <dir>', 'project root', '.')
    .option('--manifest <file>', 'draw an existing manifest instead of reading the source')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--json', 'print one JSON object (the same as --format json)')
    .action(async (files: string[], opts: { format: string; project?: string; root: string; manifest?: string; output?: string; json?: boolean }) => {
      if (opts.json) opts.format = 'json';
      const formats = ['mermaid', 'dot', 'json'];
      if (!formats.includes(opts.format)) throw new Error(`corral graph: --format "${opts.format}" is not supported; use one of ${formats.join(', ')}`);
      const codegen = await import('../../../codegen/index.js');
      const { loadManifest } = await import('../../graph/index.js');
      let source: import('../../../codegen/index.js').GraphSource;
      if (opts.manifest) {
        source = await loadManifest(opts.manifest);
      } else {
        const result = codegen.extract({ root: opts.root, tsconfig: opts.project, files: files.length ? files : undefined });
        if (result.diagnostics.length) process.stderr.write(codegen.formatDiagnostics(result.diagnostics));
        if (codegen.hasErrors(result.diagnostics)) { process.exitCode = 1; return; }
        source = result;
      }
      const text = opts.format === 'mermaid' ? codegen.toMermaid(source) : opts.format === 'dot' ? codegen.toDot(source) : `${JSON.stringify(codegen.toGraphJson(source))}\n`;
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
