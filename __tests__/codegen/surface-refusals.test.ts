// esbuild names the file relative to the working directory, as in a build run from the project root.
// An installed corral serves the task-side surface from dist/ (index.js): a task module that imports more
// of corral than a bundle carries is refused with the same named diagnostic as in a checkout (index.ts).
import { surfaceRefusals } from '../../codegen/bundle/self-contained.js';

const esbuildError = (lightIndex: string) => ({
  errors: [{
    text: `No matching export in "${lightIndex}" for import "Corral"`,
    location: { file: 'fl.ts', line: 12, column: 8, lineText: "import { Corral, federated } from 'corral';" },
  }],
});

test.each([
  ['installed (dist, .js)', 'node_modules/corral/dist/sdk/graph/entry/light/index.js'],
  ['a checkout (sources, .ts)', '../corral/sdk/graph/entry/light/index.ts'],
])('a task module importing Corral from corral %s is refused, naming the import and what to do', (_, lightIndex) => {
  const [refusal, ...rest] = surfaceRefusals('fl.ts', process.cwd(), esbuildError(lightIndex));
  expect(rest).toEqual([]);
  expect(refusal).toMatchObject({ code: 'CORRAL2004', severity: 'error', line: 12, column: 9 });
  expect(refusal!.message).toBe("task bundle of fl.ts refused: fl.ts:12:9 imports \"Corral\" from 'corral', which a task bundle does not carry " +
    "(it holds the task module and corral's task-side runtime: remote, costBudget, federated). Keep the tasks in a module that imports only the decorators, and use \"Corral\" in the script that imports that module");
});

test('any other build error is not a surface refusal', () => {
  expect(surfaceRefusals('fl.ts', process.cwd(), { errors: [{ text: 'Could not resolve "left-pad"' }] })).toEqual([]);
});
