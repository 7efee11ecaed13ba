import { execFile } from 'node:child_process';
import { appendFile, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, ensureBuilt, BuildError, type BuildResult } from '../../codegen/index.js';
import {
  decodeWire, encodeWire, loadManifest, locatorOf, parseEntryResponse, resolveTask, ManifestError, ENTRY_PROTOCOL_VERSION,
  type Manifest, type TaskLocator,
} from '../../sdk/graph/index.js';
import { fixtures, tmpProject } from './tmp-project.js';

let dir: string;
let first: BuildResult;
let manifest: Manifest;

beforeAll(async () => {
  dir = await tmpProject('images');
  first = await build({ root: dir, files: [join(dir, 'images.ts')] });
  manifest = first.manifest!;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runBundle(locator: TaskLocator, args: unknown[]): Promise<unknown> {
  const request = JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator, args: encodeWire(args) });
  const child = execFile(process.execPath, [locator.bundle!.path], { cwd: dir });
  child.stdin!.end(request);
  let stdout = '';
  child.stdout!.on('data', (c) => { stdout += String(c); });
  await new Promise((resolve, reject) => { child.on('exit', resolve); child.on('error', reject); });
  const response = parseEntryResponse(stdout);
  if (!response?.ok) throw new Error(`bundle failed: ${JSON.stringify(response)}`);
  return decodeWire(response.value);
}

describe('corral build on a copy of the images fixture', () => {
  it('writes a manifest that loads back identical, with a bundle and hash per task module', async () => {
    expect(first.diagnostics).toEqual([]);
    expect(first.cached).toBe(false);
    expect(await loadManifest(first.manifestPath)).toEqual(manifest);
    expect(manifest.bundles.map((b) => b.module).sort()).toEqual(['checksum.ts', 'images.ts', 'storage.ts']);
    for (const b of manifest.bundles) {
      expect(b.bytes).toBe((await stat(join(dir, b.path))).size);
      expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const thumbnail = manifest.tasks.find((t) => t.id === 'Images.thumbnail')!;
    expect(thumbnail.bundle!.path).toBe(manifest.bundles.find((b) => b.module === 'images.ts')!.path);
    expect(manifest.sources.map((s) => s.file).sort()).toEqual(['checksum.ts', 'images.ts', 'index.ts', 'sketch.ts', 'storage.ts']);
  });

  it('runs a task from its bundle in a child node process (entry protocol on stdin/stdout)', async () => {
    const bytes = await runBundle(locatorOf(manifest, 'Images.thumbnail'), [new Uint8Array([9, 8, 7, 6, 5]), 3]);
    expect(bytes).toEqual(new Uint8Array([9, 8, 7]));
    // Adler-32 of "Wikipedia" is 0x11E60398 (the worked example of the algorithm).
    const sum = await runBundle(locatorOf(manifest, 'checksum'), [new TextEncoder().encode('Wikipedia')]);
    expect(sum).toBe(0x11e60398);
    expect(await runBundle(locatorOf(manifest, 'Storage.save'), ['cat', 42])).toBe('cat:42');
  }, 60_000);

  it('is importable: resolveTask finds the task among the bundle exports', async () => {
    const locator = locatorOf(manifest, 'Images.classify');
    const exports = (await import(pathToFileURL(locator.bundle!.path).href)) as Record<string, unknown>;
    const task = resolveTask(exports, locator);
    expect(task.definition.id).toBe('Images.classify');
    expect(task.definition.remote?.memoryGiB).toBe(4);
    expect(await task.invoke([new Uint8Array(3)])).toBe('odd');
  });

  it('does no work on a second build with no change, and rebuilds after an edit', async () => {
    const before = await stat(first.manifestPath);
    const again = await build({ root: dir, files: [join(dir, 'images.ts')] });
    expect(again.cached).toBe(true);
    expect((await stat(first.manifestPath)).mtimeMs).toBe(before.mtimeMs);
    expect(again.manifest).toEqual(manifest);

    await appendFile(join(dir, 'storage.ts'), '\n// edited\n');
    const edited = await ensureBuilt({ root: dir, files: [join(dir, 'images.ts')] });
    expect(edited.cached).toBe(false);
    expect(edited.manifest.inputsHash).not.toBe(manifest.inputsHash);
    const storage = (m: Manifest) => m.sources.find((s) => s.file === 'storage.ts')!.hash;
    expect(storage(edited.manifest)).not.toBe(storage(manifest));
  }, 120_000);

  it('rebuilds when a bundle was tampered with', async () => {
    const current = await loadManifest(first.manifestPath);
    await writeFile(join(dir, current.bundles[0]!.path), 'tampered');
    const again = await build({ root: dir, files: [join(dir, 'images.ts')] });
    expect(again.cached).toBe(false);
    expect((await readFile(join(dir, current.bundles[0]!.path), 'utf8')).length).toBeGreaterThan(1000);
  }, 120_000);

  it('ensureBuilt throws a BuildError that prints diagnostics like tsc', async () => {
    const failing = ensureBuilt({ root: fixtures, files: [join(fixtures, 'bad', 'bad.ts')], outDir: join(dir, 'bad-out') });
    await expect(failing).rejects.toBeInstanceOf(BuildError);
    const error = (await failing.catch((e: unknown) => e)) as BuildError;
    expect(error.code).toBe('CORRAL_BUILD_FAILED');
    expect(error.message).toContain('bad/bad.ts:15:5 - error CORRAL1001');
  }, 60_000);
});

describe('manifest loader', () => {
  it('tells a foreign file, an old version and a damaged manifest apart', async () => {
    const file = join(dir, 'other.json');
    const codeOf = async (value: unknown) => {
      await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
      return loadManifest(file).then(() => 'loaded', (e: ManifestError) => `${e.code}: ${e.message}`);
    };
    expect(await codeOf({ name: 'package' })).toMatch(/^CORRAL_MANIFEST_FOREIGN: .* is not a corral manifest \(field "format" is missing/);
    expect(await codeOf('not json')).toMatch(/^CORRAL_MANIFEST_FOREIGN: .* is not JSON/);
    expect(await codeOf({ ...manifest, version: 0 })).toMatch(/^CORRAL_MANIFEST_VERSION: .*has manifest version 0, this corral reads version 1; run `corral build`/);
    expect(await codeOf({ ...manifest, tasks: [{ id: 'x' }] })).toMatch(/^CORRAL_MANIFEST_INVALID: .*field "tasks\.0\.kind"/);
    expect(await codeOf(manifest)).toBe('loaded');
    await expect(loadManifest(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'CORRAL_MANIFEST_NOT_FOUND' });
  });
});
