// While a session is open, V8 may grow the old generation only heapGrowthPercent past what survived its last full
// collection; closing the session gives V8 its own rule back; a node flag of the user's own is left alone. Real V8
// in a node subprocess, churning promoted garbage as calls in flight make it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, '__tests__/fixtures/scripts/heap-growth-churn.ts');

interface Churned { liveMB: number; openMB: number; closedMB: number }

async function churn(growth: string, nodeFlags: string[] = []): Promise<Churned> {
  const run = await execa('node', ['--expose-gc', ...nodeFlags, '--import', 'tsx', script, growth], { cwd: root });
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Churned;
}

test('an open session bounds the old generation; closing it, or heapGrowthPercent: false, leaves V8 its own rule', async () => {
  const [capped, off] = await Promise.all([churn('default'), churn('off')]);
  // V8's own rule lets the old generation of this churn reach about 5x its live size (about 300 MB for 55 MB live).
  expect(off.openMB).toBeGreaterThan(3 * off.liveMB);
  // Capped at 50%, it stays near 2x (about 120 MB): what survived, its margin, and what was allocated while marking.
  expect(capped.openMB).toBeLessThan(0.6 * off.openMB);
  // Once the session is closed, the same churn grows as V8 decides again.
  expect(capped.closedMB).toBeGreaterThan(1.8 * capped.openMB);
}, 120_000);

test("node's own --heap-growing-percent is the user's choice: a session does not override it", async () => {
  const [theirs, tighter] = await Promise.all([churn('default', ['--heap-growing-percent=400']), churn('25')]);
  expect(theirs.openMB).toBeGreaterThan(3 * theirs.liveMB);
  expect(tighter.openMB).toBeLessThan(0.6 * theirs.openMB);
}, 120_000);
