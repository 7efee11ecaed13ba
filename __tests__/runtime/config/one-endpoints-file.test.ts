// One endpoints.yaml for corral run, plan and simulate: the mapping form with
// `simulated` as a kind, top-level transfer links, and the simulator's old
// list form read with a deprecation notice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ConfigError, Corral, type EndpointsFile } from '../../../sdk/index.js';
import { parseEndpointsYaml } from '../../../sdk/runtime/index.js';
import { simulationEndpoints } from '../../../sdk/runtime/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const montage = join(repo, '__tests__/fixtures/workflows/Montage_25.xml');
const dir = mkdtempSync(join(tmpdir(), 'corral-one-file-'));

const mapping = `referenceCalibration: 1000
transfer:
  default: { latencyS: 0.05, bytesPerS: 100000000 }
  links:
    - { from: home, to: aws, latencyS: 0.2, bytesPerS: 1000000 }
endpoints:
  pi:
    kind: simulated
    workers: 4
    calibration: 250
    transferGroup: home
    coldStartS: 13.8
  aws:
    kind: simulated
    speed: 2
    cost: { usdPerHour: 0.085, watts: 40 }
    preemptionPerHour: 0.3
`;

// The simulator's former dialect of the same endpoints.
const list = `referenceCalibration: 1000
endpoints:
  - name: pi
    workers: 4
    calibration: 250
    transferGroup: home
    coldStartS: 13.8
  - name: aws
    kind: simulated
    speed: 2
    cost: { usdPerHour: 0.085, watts: 40 }
    preemptionPerHour: 0.3
`;

function failure(text: string, file = 'eps.yaml'): ConfigError {
  try { parseEndpointsYaml(text, file); } catch (e) { return e as ConfigError; }
  throw new Error('expected an error');
}

describe('one endpoints.yaml', () => {
  test('simulated is a kind of the mapping form; speed from calibration; transfer links', () => {
    const spec = parseEndpointsYaml(mapping, 'eps.yaml');
    expect(spec.deprecations).toEqual([]);
    const { endpoints, transfer } = simulationEndpoints(spec);
    expect(endpoints[0]).toMatchObject({ name: 'pi', workers: 4, speed: 0.25, transferGroup: 'home', coldStartS: 13.8, usdPerHour: 0, availability: 1 });
    expect(endpoints[1]).toMatchObject({ name: 'aws', workers: 1, speed: 2, transferGroup: 'aws', usdPerHour: 0.085, watts: 40, preemptionPerHour: 0.3 });
    expect(transfer.between('home', 'aws')).toEqual({ latencyS: 0.2, bytesPerS: 1000000 });
    expect(transfer.between('aws', 'home')).toEqual({ latencyS: 0.2, bytesPerS: 1000000 });
    expect(transfer.between('home', 'hpc')).toEqual({ latencyS: 0.05, bytesPerS: 100000000 });
  });

  test('the list form is read as the same endpoints, with a deprecation notice naming the file and line', () => {
    const old = parseEndpointsYaml(list, 'eps.yaml');
    expect(simulationEndpoints(old).endpoints).toEqual(simulationEndpoints(parseEndpointsYaml(mapping, 'eps.yaml')).endpoints);
    expect(old.deprecations).toEqual([expect.stringMatching(/^eps\.yaml:3:3: endpoints as a list is deprecated .*mapping of endpoint names/)]);
  });

  test('errors in the list form still name the line, field, bad value and what is allowed', () => {
    const e = failure(list.replace('speed: 2', 'speed: -2'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe('CORRAL_CONFIG');
    expect(e.line).toBe(10);
    expect(e.message).toBe('eps.yaml:10:12: endpoints.aws.speed must be a number of times the reference speed > 0 (got -2)');
    expect(failure(list.replace('coldStartS: 13.8', 'coldstart: 13.8')).message).toMatch(/^eps\.yaml:7:16: endpoints\.pi\.coldstart is not a field of simulated endpoints/);
    expect(failure(list.replace('name: aws', 'name: pi')).message).toMatch(/^eps\.yaml:8:11: endpoints\[1\]\.name "pi" is already the name of another endpoint/);
    expect(failure(list.replace('referenceCalibration: 1000\n', '')).message).toMatch(/^eps\.yaml:4:18: endpoints\.pi\.calibration needs referenceCalibration/);
    expect(failure('endpoints:\n  - name: [a\n').message).toMatch(/^eps\.yaml:\d+:\d+: is not valid YAML/);
    expect(failure('endpoints: []\n').message).toMatch(/^eps\.yaml:1:12: endpoints must name at least one endpoint/);
    expect(failure('endpoints:\n  - kind: simulated\n').message).toMatch(/^eps\.yaml:2:5: endpoints\[0\]\.name must be a name/);
  });

  test('other kinds are planned at speed 1 with the price of a busy hour under their cost: block', () => {
    const spec: EndpointsFile = parseEndpointsYaml(`endpoints:
  threads: { kind: local, workers: 2, mode: thread, cost: { activeWatts: 12 } }
  cloud: { kind: local, workers: 3, cost: { model: on-demand, usdPerHour: 3.6, watts: 50 } }
`, join(dir, 'kinds.yaml'));
    const { endpoints } = simulationEndpoints(spec);
    expect(endpoints[0]).toMatchObject({ name: 'threads', workers: 2, speed: 1, transferGroup: 'threads', usdPerHour: 0 });
    expect(endpoints[0]!.watts).toBeCloseTo(12, 6);
    expect(endpoints[1]).toMatchObject({ name: 'cloud', workers: 3, speed: 1 });
    expect(endpoints[1]!.usdPerHour).toBeCloseTo(3.6, 6);
  });

  test('a cost block that cannot be priced (unknown instance type) is a ConfigError at its line (found by the fuzz suite)', () => {
    const spec = parseEndpointsYaml('endpoints:\n  a:\n    kind: local\n    cost: { model: on-demand, instanceType: m9.giant }\n', join(dir, 'price.yaml'));
    let error: unknown;
    try { simulationEndpoints(spec); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`^${join(dir, 'price.yaml').replace(/[.\\/]/g, '\\$&')}:4:11: endpoints\\.a\\.cost cannot be priced: no on-demand price for instance type "m9\\.giant"`));
  });

  test('Corral.open runs on the simulated endpoints of the file corral simulate reads', async () => {
    const corral = await Corral.open({ endpoints: join(repo, '__tests__/fixtures/workflows/endpoints-continuum.yaml'), journal: false });
    try {
      expect(corral.endpoints.map((e) => [e.name, e.kind])).toEqual([['hpc-fast', 'simulated'], ['cloud-ondemand', 'simulated'], ['cloud-spot', 'simulated'], ['laptop', 'simulated']]);
    } finally {
      await corral.close();
    }
  });

  describe('the CLI (real corral processes)', () => {
    const corral = (...args: string[]) => execa('node', [join(repo, 'bin/corral.js'), ...args], { cwd: dir, reject: false });

    test('corral simulate and corral plan accept the endpoints.yaml corral run uses (examples/endpoints.local.yaml)', async () => {
      const file = join(repo, 'examples/endpoints.local.yaml');
      const sim = await corral('simulate', montage, '--endpoints', file, '--policy', 'heft', '--json');
      expect(sim.stderr).not.toMatch(/must be a list/);
      expect(sim.exitCode).toBe(0);
      const result = JSON.parse(sim.stdout) as { tasks: number; placements: Array<{ endpoint: string }> };
      expect(result.tasks).toBe(25);
      expect(new Set(result.placements.map((p) => p.endpoint))).toEqual(new Set(['threads', 'isolated']));
      const plan = await corral('plan', montage, '--endpoints', file, '--policy', 'heft', '--json');
      expect(plan.exitCode).toBe(0);
      expect((JSON.parse(plan.stdout) as { tasks: unknown[] }).tasks).toHaveLength(25);
    }, 60_000);

    test('a list-form file still simulates, with a deprecation warning on stderr', async () => {
      const file = join(dir, 'list.yaml');
      writeFileSync(file, list);
      const sim = await corral('simulate', montage, '--endpoints', file, '--policy', 'heft', '--json');
      expect(sim.exitCode).toBe(0);
      expect(sim.stderr).toContain(`${file}:3:3: endpoints as a list is deprecated`);
      expect((JSON.parse(sim.stdout) as { tasks: number }).tasks).toBe(25);
    }, 60_000);
  });
});
