import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Benchmark } from './benchmark.js';
import { generateProject } from './codegen-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

interface Measured { wallSeconds: number; cpuSeconds: number; peakMB: number; stdout: string; stderr: string; code: number }

/** Runs node with a hook that reports the process's peak resident memory at exit. */
function measure(hook: string, args: string[], cwd: string): Promise<Measured> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', hook, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const wallSeconds = (performance.now() - t0) / 1000;
      const usage = /corral-maxrss=(\d+) cpu-us=(\d+)/.exec(stderr);
      if (!usage) return reject(new Error(`no usage report from node ${args.join(' ')}: ${error?.message ?? ''}\n${stderr}`));
      resolve({ wallSeconds, cpuSeconds: Number(usage[2]) / 1e6, peakMB: Number(usage[1]) / 1024, stdout, stderr, code: typeof error?.code === 'number' ? error.code : 0 });
    });
  });
}

/**
 * Compiles the extraction child to one JS file, so that its process measures
 * extraction and not the TypeScript loader corral's CLI runs under.
 * ts-morph stays an import of the installed package.
 */
async function compileChild(outfile: string): Promise<void> {
  const root = join(here, '..');
  await build({
    entryPoints: [join(here, 'codegen-extract-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning',
    // codegen finds corral's own folders from its module URL.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'codegen', 'corral-paths.ts')).href) },
    plugins: [{ name: 'installed-ts-morph', setup(b) { b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: require.resolve('ts-morph'), external: true })); } }],
    banner: { js: `import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(${JSON.stringify(pathToFileURL(join(root, 'package.json')).href)});` },
  });
}

/**
 * Extraction of a generated project (100 files, 500 `@remote` methods, ~500
 * task calls, half across classes and files) against `tsc --noEmit` on the
 * same project, each in its own process, in the same run.
 * Targets: extraction time <= 1.0x tsc, peak memory < 200 MB.
 */
export const codegenExtract: Benchmark = {
  suite: 'codegen',
  name: 'extract',
  async run({ quick }) {
    const work = await mkdtemp(join(tmpdir(), 'corral-bench-codegen-'));
    try {
      // The project imports corral's decorators module: tsc then checks the project, not all of corral.
      const project = await generateProject(join(work, 'project'), quick ? 20 : 100, join(here, '..', 'sdk', 'decorators', 'index.js'), join(here, '..', 'node_modules', '@types'));
      const child = join(work, 'extract-child.mjs');
      await compileChild(child);
      const hook = join(work, 'maxrss-hook.mjs');
      await writeFile(hook, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`corral-maxrss=${u.maxRSS} cpu-us=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
      const tsc = await measure(hook, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], project.dir);
      const extraction = await measure(hook, [child, project.dir], project.dir);
      if (extraction.code !== 0) throw new Error(`extraction failed:\n${extraction.stderr}`);
      const found = JSON.parse(extraction.stdout.trim().split('\n').at(-1)!) as { seconds: number; tasks: number; callEdges: number; dataEdges: number; errors: number };
      const ratio = extraction.wallSeconds / tsc.wallSeconds;
      return {
        metrics: {
          files: project.files, methods: project.methods, callsWritten: project.calls, crossCallsWritten: project.crossCalls,
          tasksFound: found.tasks, callEdgesFound: found.callEdges, dataEdgesFound: found.dataEdges, extractionErrors: found.errors,
          extractWallS: extraction.wallSeconds, extractCpuS: extraction.cpuSeconds, extractInProcessS: found.seconds, extractPeakMB: extraction.peakMB,
          tscWallS: tsc.wallSeconds, tscCpuS: tsc.cpuSeconds, tscPeakMB: tsc.peakMB, tscExitCode: tsc.code,
          cpuRatio: extraction.cpuSeconds / tsc.cpuSeconds,
        },
        ratio,
        ratioMeaning: 'extraction wall time / tsc --noEmit wall time (< 1 = extraction faster)',
        target: 'extraction <= 1.0x tsc --noEmit time and < 200 MB peak',
        met: ratio <= 1.0 && tsc.code === 0 && extraction.peakMB < 200 && found.tasks === project.methods && found.callEdges === project.calls,
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
