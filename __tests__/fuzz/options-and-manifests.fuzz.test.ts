import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { costBudget, federated, readWorkflowFile, remote } from '../../sdk/index.js';
import { parseManifest } from '../../sdk/graph/index.js';
import { costBudgetOptionNames, federatedOptionNames, remoteOptionNames } from '../../sdk/decorators/index.js';
import { tempDir } from '../runtime/helpers.js';
import { FUZZ_TIMEOUT_MS, expectCleanOutcome, fuzzParameters } from './fuzz-settings.js';
import { mutatedJson } from './mutate.js';

const anyValue = fc.oneof(fc.anything(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0, Number.MAX_VALUE * 10, 2 ** 53, '', 'fedavg', ['a'], [], () => 1));

/** Options with corral's own keys (right and wrong values) and now and then an unknown key. */
function optionsFor(names: readonly string[]) {
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...names, 'retrys', '__proto__', 'constructor'), anyValue, { maxKeys: 4 }),
    anyValue,
  );
}

function decorateMethod(decorator: (o: never) => (t: object, k: string, d?: PropertyDescriptor) => void, options: unknown): void {
  class Target { async run(): Promise<number> { return 1; } }
  decorator(options as never)(Target.prototype, 'run', Object.getOwnPropertyDescriptor(Target.prototype, 'run'));
}

describe('decorator options', () => {
  test.each([
    ['@remote', remoteOptionNames, (o: unknown) => remote(o as never, async function task() { return 1; })],
    ['@costBudget', costBudgetOptionNames, (o: unknown) => decorateMethod(costBudget as never, o)],
    ['@federated', federatedOptionNames, (o: unknown) => decorateMethod(federated as never, o)],
  ] as const)('%s with any options: accepted, or an OptionError naming the option', (decorator, names, apply) => {
    fc.assert(fc.property(optionsFor(names), (options) => {
      expectCleanOutcome(() => apply(options), new RegExp(`^${decorator}`));
    }), fuzzParameters(400));
  }, FUZZ_TIMEOUT_MS);
});

describe('manifests', () => {
  const seed = JSON.parse(readFileSync(new URL('../fixtures/fuzz/diamond-manifest.json', import.meta.url), 'utf8'));

  test('the seed manifest is valid', () => {
    expect(parseManifest(seed, 'seed.json').tasks).toHaveLength(4);
  });

  test('a mutated manifest parses, or is refused with a ManifestError naming the file and field', () => {
    fc.assert(fc.property(mutatedJson(seed), (doc) => {
      expectCleanOutcome(() => parseManifest(doc, 'fuzzed-manifest.json'), 'manifest fuzzed-manifest.json: ');
    }), fuzzParameters(400));
  }, FUZZ_TIMEOUT_MS);

  test('corral simulate\'s reader takes a mutated manifest file or names the file, and leaves the file as it was', () => {
    const dir = tempDir();
    let i = 0;
    fc.assert(fc.property(mutatedJson(seed), (doc) => {
      const file = join(dir, `m${i++}.json`);
      const text = JSON.stringify(doc);
      writeFileSync(file, text);
      expectCleanOutcome(() => readWorkflowFile(file), file);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }), fuzzParameters(200));
  }, FUZZ_TIMEOUT_MS);
});
