import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ts } from 'ts-morph';
import { sha256 } from '../extract/extract.js';
import { CORRAL_ROOT, isProjectFile } from '../corral-paths.js';

/**
 * The hash that decides whether a build is stale: every source file's
 * content, the build options, the tsconfig, the lockfile and corral's version.
 *
 * @example
 * ```ts
 * const hash = await inputsHash('/app', sources, { external: [] });
 * ```
 */
export async function inputsHash(root: string, sources: ReadonlyArray<{ file: string; hash: string }>, options: unknown): Promise<string> {
  const parts = [...sources].map((s) => `${s.file}\0${s.hash}`).sort();
  parts.push(`options\0${JSON.stringify(options)}`);
  for (const extra of [join(root, 'tsconfig.json'), join(root, 'package-lock.json'), join(CORRAL_ROOT, 'package.json')]) {
    parts.push(`${extra}\0${await hashFile(extra)}`);
  }
  return sha256(parts.join('\n'));
}

/** Content hash of a file, or `missing`. */
export async function hashFile(file: string): Promise<string> {
  try {
    return sha256(await readFile(file));
  } catch {
    return 'missing';
  }
}

/** Current hashes of previously read sources, relative to `root`. */
export async function rehash(root: string, files: readonly string[]): Promise<Array<{ file: string; hash: string }>> {
  return Promise.all(files.map(async (file) => ({ file, hash: await hashFile(resolve(root, file)) })));
}

/** Source files a tsconfig lists (without parsing them), relative to `root`. */
export function tsconfigFiles(root: string, tsconfig: string): string[] {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) return [];
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig));
  return parsed.fileNames
    .map((f) => resolve(f))
    .filter(isProjectFile)
    .map((f) => relative(root, f).split(sep).join('/'));
}
