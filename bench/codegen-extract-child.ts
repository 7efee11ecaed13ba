// Child process of bench/codegen-extract.ts: extracts one project and prints
// what it found and how long extraction took inside the process.
import { extract } from '../codegen/extract/extract.js';

const dir = process.argv[2]!;
const t0 = performance.now();
const result = extract({ root: dir, tsconfig: 'tsconfig.json' });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(`${JSON.stringify({
  seconds, tasks: result.tasks.length,
  callEdges: result.edges.filter((e) => e.kind === 'call').length,
  dataEdges: result.edges.filter((e) => e.kind === 'data').length,
  errors: result.diagnostics.filter((d) => d.severity === 'error').length,
})}\n`);
