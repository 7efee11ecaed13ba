import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleModule } from '../../codegen/index.js';
import { fixtures } from './tmp-project.js';

let out: string;
beforeAll(async () => { out = await mkdtemp(join(tmpdir(), 'corral-bundle-')); });
afterAll(async () => { await rm(out, { recursive: true, force: true }); });

describe('bundle size and externals', () => {
  it('warns past the size limit and names what made the bundle big', async () => {
    const b = await bundleModule(join(fixtures, 'packages', 'parse-config.ts'), { root: fixtures, outDir: out, warnBytes: 100_000 });
    expect(b.bytes).toBeGreaterThan(100_000);
    expect(b.findings).toHaveLength(1);
    expect(b.findings[0]!.code).toBe('CORRAL2001');
    // The package the task imports is the largest part of its bundle (corral adds only its task-side runtime).
    expect(b.findings[0]!.message).toMatch(/^bundle of packages\/parse-config\.ts is [\d.]+ MB, over the 0\.1 MB limit .*biggest parts: yaml [\d.]+ MB/);
  }, 60_000);

  it('leaves packages marked external out and names them for the endpoint', async () => {
    const full = await bundleModule(join(fixtures, 'packages', 'parse-config.ts'), { root: fixtures, outDir: join(out, 'full') });
    const lean = await bundleModule(join(fixtures, 'packages', 'parse-config.ts'), { root: fixtures, outDir: join(out, 'lean'), external: ['yaml'] });
    expect(full.findings).toEqual([]);
    expect(lean.bytes).toBeLessThan(full.bytes / 2);
    expect(lean.findings.map((f) => f.code)).toEqual(['CORRAL2002']);
    expect(lean.findings[0]!.message).toContain('imports packages left external: yaml;');
  }, 60_000);
});
