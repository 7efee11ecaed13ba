import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { INIT_DEV_DEPENDENCIES, INIT_FILES, INIT_SCRIPTS } from '../init/templates.js';
import { printResult } from '../output.js';

/** What `corral init` did in a folder. */
export interface InitResult {
  readonly dir: string;
  /** Files written, relative to `dir`. */
  readonly written: string[];
  /** Files left as they were because they exist. */
  readonly kept: string[];
  /** Changes made to package.json. */
  readonly packageJson: string[];
}

/**
 * Scaffolds a corral project in `dir`: tsconfig.json, endpoints.yaml with a
 * local endpoint, tasks/ with a test, main.ts; sets `"type": "module"` and
 * adds scripts and TypeScript as a development dependency to package.json.
 * Never overwrites a file.
 *
 * @example
 * ```ts
 * const result = initProject('/tmp/app'); // then: npx corral run main.ts
 * ```
 */
export function initProject(dir: string): InitResult {
  const written: string[] = [];
  const kept: string[] = [];
  for (const [file, text] of Object.entries(INIT_FILES)) {
    const target = join(dir, file);
    if (existsSync(target)) { kept.push(file); continue; }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    written.push(file);
  }
  return { dir, written, kept, packageJson: updatePackageJson(join(dir, 'package.json')) };
}

function updatePackageJson(file: string): string[] {
  const changes: string[] = [];
  const json = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : { name: basename(dirname(file)).toLowerCase().replace(/[^a-z0-9-]/g, '-'), version: '0.1.0', private: true };
  if (!existsSync(file)) changes.push('created');
  if (json.type !== 'module') {
    changes.push(`"type": "module" (was ${json.type === undefined ? 'unset' : JSON.stringify(json.type)})`);
    json.type = 'module';
  }
  const scripts = { ...(json.scripts as Record<string, string> | undefined) };
  for (const [name, command] of Object.entries(INIT_SCRIPTS)) {
    // npm init's placeholder test script is replaced; a real one is kept.
    if (scripts[name] === undefined || scripts[name]!.includes('Error: no test specified')) {
      scripts[name] = command;
      changes.push(`scripts.${name}`);
    }
  }
  json.scripts = scripts;
  const installed = { ...(json.dependencies as Record<string, string> | undefined), ...(json.devDependencies as Record<string, string> | undefined) };
  const devDependencies = { ...(json.devDependencies as Record<string, string> | undefined) };
  for (const [name, range] of Object.entries(INIT_DEV_DEPENDENCIES)) {
    if (installed[name] !== undefined) continue;
    devDependencies[name] = range;
    changes.push(`devDependencies.${name}`);
  }
  json.devDependencies = devDependencies;
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return changes;
}

/** `corral init [dir] [--json]`: scaffolds a project that `npx corral run main.ts` runs at once. */
export function registerInit(program: Command): void {
  program.command('init [dir]')
    .description('scaffold a corral project: tsconfig.json, endpoints.yaml, tasks/ with a unit test, main.ts')
    .option('--json', 'print one JSON object')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const result = initProject(resolve(dir ?? '.'));
      printResult(opts.json, result, () => [
        ...result.written.map((f) => `created ${f}`),
        ...result.kept.map((f) => `kept ${f} (exists)`),
        ...(result.packageJson.length ? [`package.json: ${result.packageJson.join(', ')}`] : []),
        '',
        'next: npx corral run main.ts    (tests: npm test; to compile with tsc: npm install, then npm run build)',
      ].join('\n'));
    });
}
