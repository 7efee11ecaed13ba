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
    const b = await bundleModule(join(fixtures, 'images', 'checksum.ts'), { root: fixtures, outDir: out, warnBytes: 100_000 });
    expect(b.bytes).toBeGreaterThan(100_000);
    expect(b.findings).toHaveLength(1);
    expect(b.findings[0]!.code).toBe('CORRAL2001');
    // zod (the option tables' validator) is the largest part of a task bundle.
    expect(b.findings[0]!.message).toMatch(/^bundle of images\/checksum\.ts is [\d.]+ MB, over the 0\.1 MB limit .*biggest parts: zod [\d.]+ MB/);
  }, 60_000);

  it('leaves packages marked external out and names them for the endpoint', async () => {
    const full = await bundleModule(join(fixtures, 'images', 'checksum.ts'), { root: fixtures, outDir: join(out, 'full') });
    const lean = await bundleModule(join(fixtures, 'images', 'checksum.ts'), { root: fixtures, outDir: join(out, 'lean'), external: ['zod'] });
    expect(full.findings).toEqual([]);
    expect(lean.bytes).toBeLessThan(full.bytes / 2);
    expect(lean.findings.map((f) => f.code)).toEqual(['CORRAL2002']);
    expect(lean.findings[0]!.message).toContain('imports packages left external: zod;');
  }, 60_000);
});
