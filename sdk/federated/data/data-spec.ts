import { ClientDataError } from '../errors.js';
import { partition, type PartitionSpec } from '../partition/partitioners.js';
import { seededRandom, shuffleInPlace } from '../partition/random.js';
import { subset, type Dataset } from './dataset.js';
import { loadDigits } from './digits.js';
import { loadMnist, mnistDirectory } from './mnist.js';

/**
 * Where a client's data is, as its endpoint reads it: a data set by name, the
 * path on that endpoint, and (for experiments) which part of a partition is
 * this client's. Given per endpoint in endpoints.yaml or `@federated({ data })`.
 *
 * @example
 * ```ts
 * const spec: ClientDataSpec = { dataset: 'digits', path: '/data/digits.csv.gz', clients: 8, index: 3, partition: { kind: 'dirichlet', alpha: 0.5, seed: 1 } };
 * ```
 */
export interface ClientDataSpec {
  /** A built-in (`digits`, `mnist`) or a name given to {@link registerDatasetLoader}. */
  readonly dataset: string;
  /** File or directory on the endpoint; the loader's default when omitted. */
  readonly path?: string;
  /** Experiments: the data set is split among this many clients... */
  readonly clients?: number;
  /** ...and this client gets part `index`. */
  readonly index?: number;
  readonly partition?: PartitionSpec;
  /** Fraction kept aside as the test set when the data set has no test split of its own (default 0.2). */
  readonly holdout?: number;
  /** Uses only a seeded sample of this many training examples (reduced runs). */
  readonly maxExamples?: number;
  readonly seed?: number;
}

/**
 * Train and (optional) test examples of a data set.
 *
 * @example
 * ```ts
 * const loaded: LoadedDataset = { train, test };
 * ```
 */
export interface LoadedDataset {
  readonly train: Dataset;
  readonly test?: Dataset;
}

/**
 * Loads a named data set from a spec on the endpoint.
 *
 * @example
 * ```ts
 * const loader: DatasetLoader = async (spec) => ({ train: await loadDigits(spec.path!) });
 * ```
 */
export type DatasetLoader = (spec: ClientDataSpec) => Promise<LoadedDataset>;

const loaders = new Map<string, DatasetLoader>([
  ['digits', async (spec) => {
    if (!spec.path) throw new ClientDataError('the digits data set needs a path to digits.csv(.gz) on the endpoint');
    return holdOut(await loadDigits(spec.path), spec.holdout ?? 0.2, spec.seed ?? 0);
  }],
  ['mnist', async (spec) => {
    const dir = spec.path ?? mnistDirectory();
    return { train: await loadMnist(dir, 'train'), test: await loadMnist(dir, 'test') };
  }],
]);
// Only clients' own parts stay cached: a whole data set per worker process would multiply memory by the number of clients.
const clientCache = new Map<string, Promise<Dataset>>();
const loading = new Map<string, Promise<LoadedDataset>>();

/**
 * Makes a data set name usable in data specs.
 *
 * @example
 * ```ts
 * registerDatasetLoader('sensors', async (spec) => ({ train: await readSensors(spec.path!) }));
 * ```
 */
export function registerDatasetLoader(name: string, loader: DatasetLoader): void {
  loaders.set(name, loader);
}

/**
 * This client's training examples, loaded where the call runs (once per
 * process: later rounds reuse them).
 *
 * @example
 * ```ts
 * const mine = await loadClientData(config.data, { client: config.client });
 * ```
 */
export async function loadClientData(spec: unknown, where: { client?: string; endpoint?: string } = {}): Promise<Dataset> {
  const s = checkSpec(spec, where);
  const key = JSON.stringify(s);
  let pending = clientCache.get(key);
  if (!pending) {
    pending = clientPart(s, where);
    clientCache.set(key, pending);
    pending.catch(() => clientCache.delete(key));
  }
  return pending;
}

async function clientPart(s: ClientDataSpec, where: { client?: string; endpoint?: string }): Promise<Dataset> {
  const { train } = await loadAll(s, where);
  const limited = s.maxExamples !== undefined && s.maxExamples < train.y.length
    ? subset(train, shuffleInPlace(Array.from({ length: train.y.length }, (_, i) => i), seededRandom(`${s.seed ?? 0}:max`)).slice(0, s.maxExamples))
    : train;
  if (s.clients === undefined) return limited;
  const index = s.index ?? 0;
  if (!(Number.isInteger(index) && index >= 0 && index < s.clients)) {
    throw new ClientDataError(`${describeWhere(where)}: data spec index ${index} is outside 0..${s.clients - 1}`, where);
  }
  const parts = partition(limited.y, s.clients, s.partition ?? { kind: 'iid', seed: s.seed ?? 0 });
  return subset(limited, parts[index]!);
}

/**
 * The test examples of a spec's data set (for server-side evaluation).
 *
 * @example
 * ```ts
 * const test = await loadTestData({ dataset: 'mnist' });
 * ```
 */
export async function loadTestData(spec: unknown): Promise<Dataset> {
  const s = checkSpec(spec, {});
  const { test } = await loadAll(s, {});
  if (!test) throw new ClientDataError(`data set ${s.dataset} has no test split`);
  return test;
}

function loadAll(s: ClientDataSpec, where: { client?: string; endpoint?: string }): Promise<LoadedDataset> {
  const loader = loaders.get(s.dataset);
  if (!loader) throw new ClientDataError(`${describeWhere(where)}: unknown data set "${s.dataset}"; known: ${[...loaders.keys()].join(', ')}`, where);
  const key = JSON.stringify([s.dataset, s.path, s.holdout, s.seed]);
  let pending = loading.get(key);
  if (!pending) {
    pending = loader(s).catch((e: unknown) => {
      if (e instanceof ClientDataError) throw new ClientDataError(`${describeWhere(where)}: ${e.message}`, where);
      throw e;
    }).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

function checkSpec(spec: unknown, where: { client?: string; endpoint?: string }): ClientDataSpec {
  if (spec === undefined || spec === null) throw new ClientDataError(`${describeWhere(where)}: no data spec: give one per endpoint in endpoints.yaml or @federated({ data })`, where);
  if (typeof spec !== 'object' || typeof (spec as { dataset?: unknown }).dataset !== 'string') {
    throw new ClientDataError(`${describeWhere(where)}: data spec must be an object with a "dataset" name; got ${JSON.stringify(spec)}`, where);
  }
  return spec as ClientDataSpec;
}

function holdOut(all: Dataset, fraction: number, seed: number): LoadedDataset {
  const order = shuffleInPlace(Array.from({ length: all.y.length }, (_, i) => i), seededRandom(`${seed}:holdout`));
  const cut = Math.round(all.y.length * fraction);
  return { test: subset(all, order.slice(0, cut)), train: subset(all, order.slice(cut)) };
}

function describeWhere(where: { client?: string; endpoint?: string }): string {
  return [where.client && `client ${where.client}`, where.endpoint && `endpoint ${where.endpoint}`].filter(Boolean).join(' on ') || 'data spec';
}
