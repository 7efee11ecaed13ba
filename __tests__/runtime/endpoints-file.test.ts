import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, Corral, loadEndpointsFile } from '../../sdk/index.js';
import { parseEndpointsYaml } from '../../sdk/runtime/index.js';
import { Diamond } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

const valid = `# two local endpoints
policy: least-loaded
endpoints:
  laptop:
    kind: local
    workers: 2
    transferGroup: home
  sandbox:
    kind: local
    workers: 1
    mode: process
    env:
      TASK_MODE: isolated
`;

describe('endpoints.yaml', () => {
  test('a valid file gives validated entries and a policy', () => {
    const spec = parseEndpointsYaml(valid);
    expect(spec.policy).toBe('least-loaded');
    expect(spec.entries.map((e) => [e.common.name, e.common.kind, e.common.workers])).toEqual([['laptop', 'local', 2], ['sandbox', 'local', 1]]);
    expect(spec.entries[1]!.options).toEqual({ mode: 'process', env: { TASK_MODE: 'isolated' } });
  });

  test.each([
    ['workers: 0', valid.replace('workers: 2', 'workers: 0'), 6, 'endpoints.laptop.workers must be an integer >= 1 (got 0)'],
    ['an unknown kind', valid.replace('kind: local\n    workers: 2', 'kind: kubernetes\n    workers: 2'), 5, 'endpoints.laptop.kind "kubernetes" is not a known endpoint kind'],
    ['a field of another kind', valid.replace('mode: process', 'address: tcp://x:8786'), 11, 'endpoints.sandbox.address is not a field of local endpoints'],
    ['a bad mode', valid.replace('mode: process', 'mode: fork'), 11, 'endpoints.sandbox.mode must be "thread" or "process"'],
    ['an unknown top-level field', `${valid}polcy: delta\n`, 14, 'polcy is not a known top-level field'],
  ])('%s is refused naming line and field', (_what, text, line, message) => {
    let error: unknown;
    try { parseEndpointsYaml(text, '/project/endpoints.yaml'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).line).toBe(line);
    expect((error as Error).message).toContain(`/project/endpoints.yaml:${line}:`);
    expect((error as Error).message).toContain(message);
  });

  test('broken YAML is refused with its position', () => {
    expect(() => parseEndpointsYaml('endpoints:\n  a: [unclosed\n', 'e.yaml')).toThrow(/^e\.yaml:\d+:\d+: is not valid YAML/);
  });

  test('a missing file is named', () => {
    expect(() => loadEndpointsFile('/nonexistent/endpoints.yaml')).toThrow('/nonexistent/endpoints.yaml: cannot be read');
  });

  test('Corral.open runs workflows on the endpoints a file describes', async () => {
    const dir = tempDir();
    const file = join(dir, 'endpoints.yaml');
    writeFileSync(file, valid);
    const corral = await Corral.open({ endpoints: file, journal: join(dir, 'corral.db') });
    try {
      expect(corral.endpoints.map((e) => e.name)).toEqual(['laptop', 'sandbox']);
      expect(corral.policy.name).toBe('least-loaded');
      expect(await corral.run(Diamond, 'run', join(dir, 'log'), 3)).toBe(4 * 2 + 4 * 3);
      const used = new Set(corral.journal.calls(corral.lastRunId!).map((c) => c.endpoint));
      expect([...used].every((e) => e === 'laptop' || e === 'sandbox')).toBe(true);
    } finally {
      await corral.close();
    }
  });

  const simulated = (cost: string) => `endpoints:\n  cloud:\n    kind: simulated\n    workers: 2\n    speed: 3\n    cost: ${cost}\n`;

  test('a simulated endpoint takes the simulator\'s price shorthand or a pricing cost block, and is billed by it', async () => {
    const dir = tempDir();
    for (const [cost, usdPerHour] of [['{ usdPerHour: 3.6, watts: 90 }', 3.6], ['{ model: on-demand, usdPerHour: 7.2, minimumBilledS: 0 }', 7.2]] as const) {
      const file = join(dir, `endpoints-${usdPerHour}.yaml`);
      writeFileSync(file, simulated(cost));
      const corral = await Corral.open({ endpoints: file, journal: join(dir, `corral-${usdPerHour}.db`) });
      try {
        await corral.run(Diamond, 'run', join(dir, 'log'), 1);
        const calls = corral.journal.calls(corral.lastRunId!);
        expect(calls.every((c) => c.endpoint === 'cloud')).toBe(true);
        // Billed per second of (simulated) run time at the endpoint's hourly price.
        for (const c of calls) expect(c.usd!).toBeCloseTo((c.run_seconds! * usdPerHour) / 3600, 12);
      } finally {
        await corral.close();
      }
    }
  });

  test('a simulated endpoint\'s cost shorthand with a wrong field is refused naming line and field', () => {
    let error: unknown;
    try { parseEndpointsYaml(simulated('{ usdPerHr: 3.6 }'), '/project/endpoints.yaml'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^\/project\/endpoints\.yaml:6:\d+: endpoints\.cloud\.cost\.usdPerHr is not a field of a simulated cost/);
  });
});
