import type { Command } from 'commander';
import { printResult } from '../output.js';

/** `corral bench [SUITE] [--json] [--quick]`: every benchmark with its baseline and ratio. */
export function registerBench(program: Command): void {
  program.command('bench [suite]')
    .description('run the benchmarks (all, or one suite) and print each against its baseline')
    .option('--json', 'print one JSON object')
    .option('--quick', 'reduced sizes (smoke test)')
    .action(async (suite: string | undefined, opts: { json?: boolean; quick?: boolean }) => {
      const { benchmarks } = await import('../../../bench/index.js').catch((error: unknown) => {
        // The installed package ships no benchmarks (package.json "files"): they need corral's repository and its dev dependencies.
        if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
        throw Object.assign(new Error('corral bench runs from a checkout of corral\'s repository (npm ci there, then npm run bench): the installed package has no benchmarks'), { code: 'CORRAL_NO_BENCHMARKS', cause: error });
      });
      const chosen = benchmarks.filter((b) => !suite || b.suite === suite || b.name === suite);
      if (chosen.length === 0) {
        throw new Error(`no benchmark in suite "${suite}"; suites: ${[...new Set(benchmarks.map((b) => b.suite))].join(', ')}`);
      }
      const results = [];
      for (const b of chosen) {
        process.stderr.write(`bench ${b.suite}/${b.name}...\n`);
        const result = await b.run({ quick: Boolean(opts.quick) });
        results.push({ suite: b.suite, name: b.name, ...result });
        if (!opts.json) process.stderr.write(`${formatOne(results.at(-1)!)}\n`);
      }
      printResult(opts.json, { benchmarks: results }, () => `${results.length} benchmark(s) run`);
    });
}

function formatOne(r: { suite: string; name: string; metrics: Record<string, number | string>; ratio?: number; ratioMeaning?: string; target?: string; met?: boolean }): string {
  const metrics = Object.entries(r.metrics).map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toPrecision(4) : v}`).join(' ');
  const ratio = r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(3)}${r.ratioMeaning ? ` (${r.ratioMeaning})` : ''}`;
  const target = r.target ? `  target: ${r.target} -> ${r.met ? 'met' : 'NOT met'}` : '';
  return `  ${r.suite}/${r.name}: ${metrics}${ratio}${target}`;
}
