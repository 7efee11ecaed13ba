/**
 * The files `corral init` writes, by path relative to the project folder: a
 * workflow that runs at once on this machine, its tasks in their own module,
 * and a unit test that runs the tasks as plain code.
 */
export const INIT_FILES: Readonly<Record<string, string>> = {
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: true,
      outDir: 'dist',
    },
    include: ['main.ts', 'tasks'],
  }, null, 2)}\n`,

  'endpoints.yaml': `# Where corral may run tasks. Names are yours; placement picks among them per call.
policy: delta
endpoints:
  local:
    kind: local          # worker threads on this machine
    workers: 2
  # A Dask cluster (needs python3 with dask.distributed on this machine):
  # cluster:
  #   kind: dask
  #   address: tcp://10.0.0.5:8786
  #   workers: 16
  # A Globus Compute endpoint (needs globus-compute-sdk and GLOBUS_COMPUTE_CLIENT_ID/SECRET):
  # hpc:
  #   kind: globus-compute
  #   endpointId: 4b116d3c-1703-4f8f-9f6f-39921e5864df
  #   workers: 32
`,

  'tasks/shapes.ts': `import { remote, workflow } from 'corral';

/** Tasks: each call of a @remote method runs on an endpoint that corral chooses. */
export class Shapes {
  @remote({ cpus: 1, retries: 1 })
  async area(width: number, height: number): Promise<number> {
    return width * height;
  }

  /** The workflow: calls start in parallel; corral places each one within the budget. */
  @workflow({ deadlineS: 300 })
  async totalArea(sizes: Array<[number, number]>): Promise<number> {
    const areas = await Promise.all(sizes.map(([w, h]) => this.area(w, h)));
    return areas.reduce((sum, a) => sum + a, 0);
  }
}
`,

  'tasks/shapes.test.ts': `// Outside a corral session, decorated methods run as plain local code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Shapes } from './shapes.js';

test('totalArea adds the areas', async () => {
  assert.equal(await new Shapes().totalArea([[2, 3], [4, 5]]), 26);
});
`,

  'main.ts': `import { Corral } from 'corral';
import { Shapes } from './tasks/shapes.js';

const corral = await Corral.open({ endpoints: 'endpoints.yaml' });
try {
  const total = await corral.run(Shapes, 'totalArea', [[2, 3], [4, 5], [6, 7]]);
  console.log(\`total area: \${total}\`);
} finally {
  await corral.close();
}
`,

  '.gitignore': `node_modules/
dist/
.corral/
`,
};

/** Scripts `corral init` adds to package.json when they are not there. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  start: 'corral run main.ts',
  test: 'node --import tsx --test tasks/*.test.ts',
  build: 'tsc',
};

/**
 * Development packages `corral init` adds to package.json when absent: the
 * compiler for `npm run build` (`npx tsc` alone would fetch an unrelated
 * package named tsc) and Node's types.
 */
export const INIT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  typescript: '~5.9.3',
  '@types/node': '^20.19.0',
};
