// `corral plan` shows the data a plan moves between sites; `corral simulate --data-blind` is the ablation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corral } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'corral-data-cli-'));
const endpoints = join(dir, 'endpoints.yaml');
writeFileSync(endpoints, `transfer:
  links:
    - { from: origin, to: B, latencyS: 12, bytesPerS: 20000000 }
endpoints:
  near:
    kind: simulated
    transferGroup: origin
    cost: { usdPerHour: 0, watts: 0, egressUsdPerGB: 0.09 }
  far:
    kind: simulated
    speed: 4
    transferGroup: B
`);

/** make -> scale -> sum in WfFormat 1.4, each passing a file of `bytes`, the input file at the origin. */
function chainFile(name: string, bytes: number): string {
  const file = (id: string, link: 'input' | 'output') => ({ name: id, link, size: bytes });
  const tasks = [
    { name: 'make', runtime: 40, parents: [], files: [file('in.dat', 'input'), file('a.dat', 'output')] },
    { name: 'scale', runtime: 40, parents: ['make'], files: [file('a.dat', 'input'), file('b.dat', 'output')] },
    { name: 'sum', runtime: 40, parents: ['scale'], files: [file('b.dat', 'input'), file('c.dat', 'output')] },
  ];
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ name, workflow: { tasks } }));
  return path;
}

describe('corral plan shows the data moved per edge', () => {
  it('lists each move between sites with bytes, seconds and egress dollars, in --json and in the table', async () => {
    const small = chainFile('small.json', 4e6);
    const r = await corral('plan', small, '--endpoints', endpoints, '--policy', 'heft', '--json');
    expect(r.exitCode).toBe(0);
    const plan = JSON.parse(r.stdout) as { tasks: Array<{ endpoint: string }>; data: { movedBytes: number; moves: unknown[] } };
    // 4 MB cross in 12.2 s and the chain runs 4x faster at B: all goes there, the input moves once.
    expect(plan.tasks.map((t) => t.endpoint)).toEqual(['far', 'far', 'far']);
    expect(plan.data).toEqual({ movedBytes: 4e6, moves: [{ from: null, to: 'make', fromSite: 'origin', toSite: 'B', bytes: 4e6, seconds: 12.2, usd: 4e6 * 0.09 / 1e9 }] });
    const table = await corral('plan', small, '--endpoints', endpoints, '--policy', 'heft');
    expect(table.stdout).toMatch(/data moved between sites \(1 move\(s\), 4000000 bytes\):\n[^\n]*\n.*data from.*to task.*from site.*to site.*bytes.*seconds.*USD[\s\S]*\(input\).*make.*origin.*B.*4000000.*12\.2.*0\.00036/);
  });

  it('says when nothing moves', async () => {
    const big = chainFile('big.json', 4e9);
    const r = await corral('plan', big, '--endpoints', endpoints, '--policy', 'delta');
    expect(r.stdout).toContain('data moved between sites: none (every input is used where it lives)');
  });
});

describe('corral simulate --data-blind', () => {
  it('places as if data were free and is charged the real transfers: 4 GB over 20 MB/s make it slower than data-aware', async () => {
    const big = chainFile('big.json', 4e9);
    for (const policy of ['delta', 'heft']) {
      const aware = JSON.parse((await corral('simulate', big, '--endpoints', endpoints, '--policy', policy, '--json')).stdout) as { makespanS: number; dataBlind: boolean; placements: Array<{ endpoint: string }> };
      const blind = JSON.parse((await corral('simulate', big, '--endpoints', endpoints, '--policy', policy, '--data-blind', '--json')).stdout) as typeof aware & { costUsd: number };
      expect([aware.dataBlind, blind.dataBlind]).toEqual([false, true]);
      expect(aware.placements.map((p) => p.endpoint)).toEqual(['near', 'near', 'near']);
      expect(blind.placements.map((p) => p.endpoint)).toEqual(['far', 'far', 'far']);
      expect(aware.makespanS).toBeCloseTo(120, 6);
      expect(blind.makespanS).toBeCloseTo(12 + 200 + 30, 6);
      expect(blind.costUsd).toBeCloseTo(4 * 0.09, 9); // the input left the origin: egress charged
    }
    const text = await corral('simulate', big, '--endpoints', endpoints, '--policy', 'delta', '--data-blind');
    expect(text.stdout).toMatch(/SIMULATED run of 3 tasks with policy delta \(data-blind\)/);
    expect(text.stdout).toContain('note: data-blind: placed as if data moved for free; transfers charged as they happen');
  });
});
