import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Size of a generated project. */
export interface GeneratedProject {
  readonly dir: string;
  readonly files: number;
  readonly methods: number;
  /** Task-to-task calls written into the sources. */
  readonly calls: number;
  /** Of which across classes (and files). */
  readonly crossCalls: number;
}

/**
 * Writes a project of `files` modules, each an exported class of 5 `@remote`
 * methods; methods call earlier methods of their own class and of classes in
 * earlier files (imported), about half and half, and pass futures on.
 */
export async function generateProject(dir: string, files: number, corralIndex: string, typeRoots: string): Promise<GeneratedProject> {
  await mkdir(dir, { recursive: true });
  let calls = 0;
  let crossCalls = 0;
  for (let i = 0; i < files; i++) {
    const imports = [i - 1, i - 2].filter((j) => j >= 0).map((j) => `import { Stage${j} } from './stage-${j}.js';`);
    const body: string[] = [];
    const call = (cross: boolean) => { calls++; if (cross) crossCalls++; };
    body.push(`  @remote({ cpus: 1, retries: ${i % 3} })\n  async m0(x: number): Promise<number> {\n    return x + ${i};\n  }`);
    body.push(`  @remote({ memoryGiB: ${1 + (i % 4)} })\n  async m1(x: number): Promise<number> {\n    const a = await this.m0(x);\n    return a * 2;\n  }`);
    call(false);
    const m2Intra = i % 2 === 1;
    call(false);
    if (m2Intra) call(false);
    body.push(`  @remote({ timeoutS: 60 })\n  async m2(xs: number[]): Promise<number[]> {\n    const ys = xs.map((x) => this.m1(x));\n    ${m2Intra ? 'const z = await this.m0(xs.length);\n    return [...(await Promise.all(ys)), z];' : 'return Promise.all(ys);'}\n  }`);
    const prev = i >= 1 ? `Stage${i - 1}` : undefined;
    const prev2 = i >= 2 ? `Stage${i - 2}` : undefined;
    if (prev2) { call(true); call(false); }
    body.push(`  @remote()\n  async m3(x: number): Promise<number> {\n    ${prev2 ? `const other = new ${prev2}();\n    const [a, b] = await Promise.all([other.m1(x), this.m0(x)]);\n    return a + b;` : 'return this.m0(x);'}\n  }`);
    if (!prev2) call(false);
    if (prev) call(true);
    if (prev && i % 2 === 0) call(true);
    body.push(`  @remote({ retries: 1, features: (x: number) => ({ x }) })\n  async m4(x: number): Promise<number> {\n    ${prev ? `const p = new ${prev}();\n    const first = await p.m0(x);\n    ${i % 2 === 0 ? `return p.m3(first);` : 'return first;'}` : 'return x;'}\n  }`);
    const helpers = Array.from({ length: 8 }, (_, k) => `function helper${k}(values: readonly number[]): number {\n  let total = ${k};\n  for (const v of values) total += v * ${k + 1};\n  return total;\n}`);
    const text = [
      `import { remote } from ${JSON.stringify(corralIndex)};`,
      ...imports,
      '',
      ...helpers,
      '',
      `export class Stage${i} {`,
      body.join('\n\n'),
      '}',
      '',
    ].join('\n');
    await writeFile(join(dir, `stage-${i}.ts`), text);
  }
  await writeFile(join(dir, 'index.ts'), Array.from({ length: files }, (_, i) => `export { Stage${i} } from './stage-${i}.js';`).join('\n') + '\n');
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true, lib: ['ES2023'], noEmit: true, skipLibCheck: true, typeRoots: [typeRoots], types: ['node'] },
    include: ['*.ts'],
  }, null, 2));
  return { dir, files, methods: files * 5, calls, crossCalls };
}
