import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The codegen fixtures folder. */
export const fixtures = join(here, '..', 'fixtures', 'codegen');
const sdkIndex = join(here, '..', '..', 'sdk', 'index.js');

/**
 * Copies a fixture project to a temporary folder as a user project would
 * look: its own tsconfig.json, corral imported by path.
 */
export async function tmpProject(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `corral-codegen-${name}-`));
  await cp(join(fixtures, name), dir, { recursive: true });
  for (const f of await readdir(dir)) {
    if (!f.endsWith('.ts')) continue;
    const text = await readFile(join(dir, f), 'utf8');
    await writeFile(join(dir, f), text.replaceAll("'../../../../sdk/index.js'", JSON.stringify(sdkIndex)));
  }
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, lib: ['ES2023'] },
  }));
  return dir;
}
