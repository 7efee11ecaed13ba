import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arith = fileURLToPath(new URL('../fixtures/tasks/arith.ts', import.meta.url));

// A JavaScript task module (what a bundle is): reports what its worker thread loaded.
const PROBE = `
export function probe() {
  // reflect-metadata defines Reflect.getMetadata in each thread that loads it (corral's decorators and manifest schemas bring it).
  return { execArgv: process.execArgv, tsx: globalThis[Symbol.for('corral.tsx-registered')] === true, decorators: typeof Reflect.getMetadata === 'function' };
}
probe[Symbol.for('corral.task')] = { decorator: 'remote', name: 'probe', options: {} };
`;

// Run in a node process started as a checkout starts corral (`node --import tsx`): the flag worker threads used to inherit.
const SCRIPT = (probe: string) => `
import { LocalEndpoint } from ${JSON.stringify(join(root, 'sdk/index.ts'))};
const ep = new LocalEndpoint({ name: 'probe', workers: 1 });
const spec = (id, locator, args) => ({ attemptId: id, callId: id, taskId: id, attempt: 1, locator, args });
const probeLocator = { module: ${JSON.stringify(probe)}, kind: 'function', member: 'probe' };
const before = (await ep.submit(spec('a1', probeLocator, [])).result).value;
const sum = (await ep.submit(spec('a2', { module: ${JSON.stringify(arith)}, kind: 'method', className: 'Arith', member: 'add' }, [2, 40])).result).value;
const after = (await ep.submit(spec('a3', probeLocator, [])).result).value;
await ep.close();
console.log(JSON.stringify({ before, sum, after }));
`;

/** Runs SCRIPT in `node <flags> --import tsx`, as a checkout starts corral. */
async function runProbe(flags: string[]): Promise<{ stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'corral-worker-loader-'));
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const script = join(dir, 'main.mts');
  writeFileSync(script, SCRIPT(probe));
  return execa('node', [...flags, '--import', 'tsx', script], { cwd: root });
}

describe('LocalEndpoint worker threads in a checkout (node --import tsx)', () => {
  test('a worker loads no TypeScript loader for a JavaScript task module, and registers one when a TypeScript module needs it', async () => {
    const { stdout } = await runProbe([]);
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { before: { execArgv: string[]; tsx: boolean }; sum: number; after: { tsx: boolean } };
    expect(out.before.execArgv).not.toContain('tsx');
    expect(out.before.tsx).toBe(false);
    expect(out.sum).toBe(42);
    expect(out.after.tsx).toBe(true);
  }, 120_000);
  test('a worker running a light-marked task (what a bundle is) loads neither corral\'s decorators nor its schemas; a module decorated by corral itself still runs', async () => {
    const { stdout } = await runProbe([]);
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { before: { decorators: boolean }; sum: number; after: { decorators: boolean } };
    expect(out.before.decorators).toBe(false);
    expect(out.sum).toBe(42);
    // Arith is decorated with corral's full decorators: its worker read their metadata.
    expect(out.after.decorators).toBe(true);
  }, 120_000);
  test('corral run with V8 heap flags (node --max-old-space-size --max-semi-space-size): workers start without them, keep the flags they take, and say which were left out', async () => {
    const { stdout, stderr } = await runProbe(['--max-old-space-size=512', '--max-semi-space-size=32', '--enable-source-maps']);
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { before: { execArgv: string[] }; sum: number };
    expect(out.sum).toBe(42);
    expect(out.before.execArgv).toEqual(['--enable-source-maps']);
    expect(stderr).toContain('endpoint probe: worker threads do not take the node flags --max-old-space-size=512 --max-semi-space-size=32');
  }, 120_000);
});
