// Property-based fuzzing of endpoints.yaml (fast-check): generated and mutated
// documents read through the same path as `corral plan` / `corral simulate`
// (parse, kind and cost checks, simulation model) give a valid config or a
// ConfigError naming the file and the line or field; never another exception,
// a hang, or a changed file. A longer campaign: CORRAL_FUZZ_RUNS=20000 npm run jest -- __tests__/fuzz
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { ConfigError, endpointKindNames, loadSimulationEndpoints } from '../../sdk/index.js';

const RUNS = Number(process.env.CORRAL_FUZZ_RUNS ?? 250);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'corral-fuzz-yaml-'));
const file = join(dir, 'endpoints.yaml');
const seeds = ['examples/endpoints.local.yaml', 'examples/endpoints.federated-digits.yaml', '__tests__/fixtures/workflows/endpoints-continuum.yaml']
  .map((p) => readFileSync(join(repo, p), 'utf8'));

/** What reading `text` as endpoints.yaml gave: 'ok', or the ConfigError; anything else thrown fails the property. */
function readBack(text: string): 'ok' | ConfigError {
  writeFileSync(file, text);
  const before = statSync(file).mtimeMs;
  let outcome: 'ok' | ConfigError;
  try {
    const { endpoints } = loadSimulationEndpoints(file);
    for (const e of endpoints) {
      if (!(e.workers >= 1 && e.speed > 0 && Number.isFinite(e.usdPerHour) && Number.isFinite(e.watts))) throw new Error(`endpoint ${e.name} modelled with bad numbers: ${JSON.stringify(e)}`);
    }
    outcome = 'ok';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    outcome = error;
  }
  // Reading never writes the user's file.
  expect(readFileSync(file, 'utf8')).toBe(text);
  expect(statSync(file).mtimeMs).toBe(before);
  return outcome;
}

function isClear(e: ConfigError): boolean {
  return e.message.startsWith(`${file}:`) && e.code === 'CORRAL_CONFIG' && (e.line !== undefined || e.field !== '');
}

// Values a YAML field may be given: sane, odd and hostile.
const value = fc.oneof(
  fc.integer({ min: -3, max: 64 }), fc.double(), fc.constantFrom(Infinity, -Infinity, Number.NaN, 1e308, -0, 0.5),
  fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null),
  fc.constantFrom('thread', 'process', 'simulated', 'local', 'on-demand', 'energy', 'spot', 'hpc', 'free', 'iid', 'dirichlet'),
  fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.constantFrom('model', 'usdPerHour', 'watts', 'activeWatts', 'kind', 'alpha', 'x'), fc.oneof(fc.double(), fc.string({ maxLength: 6 }), fc.constantFrom('on-demand', 'energy', 'free', 'dirichlet')), { maxKeys: 3 }),
);
const field = fc.constantFrom('kind', 'workers', 'mode', 'transferGroup', 'cost', 'labels', 'data', 'speed', 'calibration', 'coldStartS', 'preemptionPerHour',
  'availability', 'noiseCv', 'memoryGiB', 'gpus', 'maxMemoryMB', 'address', 'endpointId', 'env', 'timeoutS', 'cores', 'store', 'bogus');
// Store blocks of the top-level `stores:`: connectors and their fields, sane and hostile.
const storeBlock = fc.dictionary(
  fc.constantFrom('connector', 'path', 'url', 'host', 'port', 'db', 'socket', 'passwordEnv', 'keyPrefix', 'chunkMiB', 'timeoutS', 'site', 'name', 'limitMiB', 'bogus'),
  fc.oneof(value, fc.constantFrom('file', 'redis', 'memory', 'redis://127.0.0.1:6379/0', 'http://x', '/scratch/corral', 'CORRAL_PW')), { maxKeys: 5 });
const entry = fc.tuple(fc.oneof(fc.constantFrom(...endpointKindNames()), fc.string({ maxLength: 8 })), fc.dictionary(field, value, { maxKeys: 6 }), fc.boolean())
  .map(([kind, rest, withKind]) => (withKind ? { ...rest, kind } : rest));
const document = fc.record({
  policy: fc.option(fc.oneof(fc.constantFrom('delta', 'heft', 'least-loaded'), fc.string({ maxLength: 8 })), { nil: undefined }),
  referenceCalibration: fc.option(fc.oneof(fc.double(), fc.integer()), { nil: undefined }),
  transfer: fc.option(fc.record({ default: fc.record({ latencyS: value, bytesPerS: value }) }), { nil: undefined }),
  stores: fc.option(fc.oneof(fc.dictionary(fc.constantFrom('scratch', 'campus', '', '9bad', 'x'), storeBlock, { maxKeys: 3 }), value), { nil: undefined }),
  endpoints: fc.oneof(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), entry, { maxKeys: 4 }), value),
}, { requiredKeys: [] });

// Documents close to valid ones, one field possibly replaced by a hostile value: they reach the success path too.
const pricing = fc.oneof(
  fc.record({ activeWatts: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ model: fc.constant('on-demand'), instanceType: fc.constantFrom('c5.large', 'm5.xlarge', 'm9.giant', 'c5.nano') }),
  fc.record({ model: fc.constant('spot'), prices: fc.constantFrom('missing-prices.csv', 'data/none.csv'), instanceType: fc.constant('c5.large'), zone: fc.constant('use1-az1') }),
  fc.record({ model: fc.constant('hpc'), suPerNodeHour: fc.integer({ min: 0, max: 128 }), usdPerSu: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
const localEntry = fc.record({ kind: fc.constant('local'), workers: fc.integer({ min: 1, max: 8 }), mode: fc.constantFrom('thread', 'process'), cost: pricing }, { requiredKeys: ['kind'] });
const simulatedEntry = fc.record({
  kind: fc.constant('simulated'), workers: fc.integer({ min: 1, max: 16 }), speed: fc.double({ min: 0.01, max: 100, noNaN: true }), coldStartS: fc.double({ min: 0, max: 60, noNaN: true }),
  preemptionPerHour: fc.double({ min: 0, max: 5, noNaN: true }), availability: fc.double({ min: 0, max: 1, noNaN: true }), transferGroup: fc.constantFrom('aws', 'hpc', 'home'),
  cost: fc.record({ usdPerHour: fc.double({ min: 0, max: 50, noNaN: true }), watts: fc.double({ min: 0, max: 500, noNaN: true }) }),
}, { requiredKeys: ['kind'] });
const plausible = fc.tuple(
  fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.oneof(localEntry, simulatedEntry), { minKeys: 1, maxKeys: 4 }),
  fc.option(fc.tuple(field, value), { freq: 2 }),
).map(([endpoints, spoil]) => {
  const [first] = Object.keys(endpoints);
  if (!spoil) return { endpoints };
  return { endpoints: { ...endpoints, [first!]: { ...endpoints[first!], [spoil[0]]: spoil[1] } } };
});

// Edits that break YAML in the ways people and tools do.
const tokens = [':', '- ', '&a ', '*a', '*nope', '[', ']', '{', '}', '!!binary ', '!!js/function ', '<<: *a', '#', '|', '>', "'", '"', '\n', '  ', '\t', '%YAML 1.1\n', '.inf', '.nan', '1e400', '~', '---\n', '...\n', '? ', '\u0000', '\uFEFF'];
const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })) });
const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([seed, edits]) => edits.reduce((text, m) => {
  const at = m.at % (text.length + 1);
  return text.slice(0, at) + m.insert + text.slice(at + m.cut);
}, seed));

describe('endpoints.yaml fuzz', () => {
  test('the seed files read as they are', () => {
    for (const seed of seeds) expect(readBack(seed)).toBe('ok');
  });

  test('generated documents: a valid config or a clear ConfigError naming the file', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(fc.property(fc.oneof(document, plausible), (doc) => {
      const outcome = readBack(stringify(doc));
      if (outcome === 'ok') seen.ok++;
      else {
        seen.refused++;
        expect([isClear(outcome), outcome.message]).toEqual([true, outcome.message]);
      }
    }), { numRuns: RUNS });
    // Both paths were exercised, not only the error path.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  test('mutated real files: a valid config or a clear ConfigError naming the file', () => {
    fc.assert(fc.property(mutated, (text) => {
      const outcome = readBack(text);
      if (outcome !== 'ok') expect([isClear(outcome), outcome.message]).toEqual([true, outcome.message]);
    }), { numRuns: RUNS });
  });

  test('anchors and aliases, nested up to a bomb: expanded or refused at a line', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }), (depth, width) => {
      const lines = ['endpoints:', '  a: { kind: simulated }', 'x0: &a0 [1]'];
      for (let k = 1; k <= depth; k++) lines.push(`x${k}: &a${k} [${Array(width).fill(`*a${k - 1}`).join(', ')}]`);
      const outcome = readBack(`${lines.join('\n')}\n`);
      if (outcome !== 'ok') {
        expect(isClear(outcome)).toBe(true);
        expect(outcome.line).toBeGreaterThan(1);
      }
    }), { numRuns: Math.min(RUNS, 100) });
  });
});
