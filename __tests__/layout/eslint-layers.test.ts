// eslint's corral/layers rule (eslint.config.js): a wrong-way import fails `npm run lint`.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'corral/layers').map((m) => m.message);
}

describe('eslint corral/layers', () => {
  test('placement importing runtime (upward) fails, type-only imports included', async () => {
    const errors = await layerErrors('sdk/placement/wrong-way.ts', "import type { Corral } from '../runtime/index.js';\nexport type X = Corral;\n");
    expect(errors).toEqual([expect.stringMatching(/^sdk\/placement may not import sdk\/runtime: .*may import only errors, secrets, database, decorators, graph, bridge, endpoints, data, pricing, profiling/)]);
  });

  test('a folder in the same layer fails (pricing importing profiling)', async () => {
    expect(await layerErrors('sdk/pricing/wrong-way.ts', "export { ProfileStore } from '../profiling/index.js';\n")).toHaveLength(1);
  });

  test("reaching past another folder's index.ts fails", async () => {
    const errors = await layerErrors('sdk/runtime/wrong-way.ts', "import { AttemptError } from '../endpoints/attempt-error.js';\nexport const x = AttemptError;\n");
    expect(errors).toEqual([expect.stringContaining('reaches into sdk/endpoints/ past its index.ts')]);
  });

  test("a worker's lighter surface (graph/task-side.ts) passes; any other file past index.ts still fails", async () => {
    expect(await layerErrors('sdk/endpoints/local/right-way.ts', "import { resolveLightTask } from '../../graph/task-side.js';\nexport const x = resolveLightTask;\n")).toEqual([]);
    expect(await layerErrors('sdk/endpoints/local/wrong-way.ts', "import { resolveLightTask } from '../../graph/entry/light/light-resolve.js';\nexport const x = resolveLightTask;\n"))
      .toEqual([expect.stringContaining('reaches into sdk/graph/ past its index.ts')]);
  });

  test('a static import of bench/ from the CLI fails; codegen may not import runtime', async () => {
    expect(await layerErrors('sdk/cli/commands/wrong-way.ts', "import { benchmarks } from '../../../bench/index.js';\nexport const b = benchmarks;\n"))
      .toEqual([expect.stringContaining('never import bench/ statically')]);
    expect(await layerErrors('codegen/wrong-way.ts', "import { Corral } from '../sdk/runtime/index.js';\nexport const c = Corral;\n"))
      .toEqual([expect.stringContaining('codegen/ may import only')]);
  });

  test('downward imports through index.ts and imports inside a folder pass', async () => {
    expect(await layerErrors('sdk/runtime/right-way.ts', "import { createPolicy } from '../placement/index.js';\nimport { Journal } from './journal/index.js';\nexport const x = [createPolicy, Journal];\n")).toEqual([]);
    expect(await layerErrors('sdk/endpoints/dask/right-way.ts', "import { BridgeEndpoint } from '../remote/index.js';\nimport { Bridge } from '../../bridge/index.js';\nexport const x = [BridgeEndpoint, Bridge];\n")).toEqual([]);
  });
});
