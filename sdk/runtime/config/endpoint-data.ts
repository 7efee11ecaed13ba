import { isAbsolute, resolve as resolvePath } from 'node:path';
import { z } from 'zod';

const wholeAtLeast = (min: number) => z.number({ error: `must be an integer >= ${min}` }).int({ error: `must be an integer >= ${min}` }).min(min, { error: `must be an integer >= ${min}` });

const partitionKinds = ['iid', 'dirichlet', 'pathological', 'shard'] as const;

// Each partition kind's own fields, so a typo such as `alpa` is caught here rather than on the endpoint mid-run.
const partitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('iid'), seed: z.number({ error: 'must be a number' }).optional() }),
  z.strictObject({
    kind: z.literal('dirichlet'), alpha: z.number({ error: 'must be a number > 0' }).positive({ error: 'must be a number > 0' }),
    minSize: wholeAtLeast(0).optional(), seed: z.number({ error: 'must be a number' }).optional(),
  }),
  z.strictObject({ kind: z.literal('pathological'), classesPerClient: wholeAtLeast(1), seed: z.number({ error: 'must be a number' }).optional() }),
  z.strictObject({ kind: z.literal('shard'), shardsPerClient: wholeAtLeast(1), seed: z.number({ error: 'must be a number' }).optional() }),
], { error: (issue) => ((issue as { code: string }).code === 'invalid_type' ? `must be a mapping with a kind (${partitionKinds.join(', ')})` : `must be one of ${partitionKinds.join(', ')}`) });

/**
 * The `data:` field of an endpoint in endpoints.yaml: the client data spec of
 * a federated client running there (`ClientDataSpec`). Known fields are
 * checked; other fields pass through for data sets registered with
 * `registerDatasetLoader`.
 *
 * @example
 * ```ts
 * const checked = endpointDataSchema.safeParse({ dataset: 'digits', path: 'data/digits.csv.gz', clients: 4, index: 1 });
 * ```
 */
export const endpointDataSchema = z.looseObject({
  dataset: z.string({ error: 'must be the name of a data set (digits, mnist, or one given to registerDatasetLoader)' }).min(1, { error: 'must not be empty' }),
  path: z.string({ error: 'must be a path (a string)' }).min(1, { error: 'must not be empty' }).optional(),
  clients: wholeAtLeast(1).optional(),
  index: wholeAtLeast(0).optional(),
  partition: partitionSchema.optional(),
  holdout: z.number({ error: 'must be a fraction in [0, 1)' }).min(0, { error: 'must be a fraction in [0, 1)' }).lt(1, { error: 'must be a fraction in [0, 1)' }).optional(),
  maxExamples: wholeAtLeast(1).optional(),
  seed: z.number({ error: 'must be a number' }).optional(),
}, { error: 'must be a mapping (the client data spec of this endpoint, with at least `dataset`)' })
  .refine((d) => d.index === undefined || d.clients === undefined || d.index < d.clients, { error: 'must be below clients', path: ['index'] })
  .refine((d) => d.index === undefined || d.clients !== undefined, { error: 'needs clients (how many parts the data set is split into)', path: ['index'] });

/**
 * A data spec with a relative `path` made absolute from `baseDir` (the folder
 * of endpoints.yaml), as `cost:` file paths are; absolute paths and specs
 * without a path are returned unchanged.
 *
 * @example
 * ```ts
 * resolveDataPath({ dataset: 'digits', path: 'data/digits.csv.gz' }, '/project'); // path: /project/data/digits.csv.gz
 * ```
 */
export function resolveDataPath<T extends { path?: string }>(spec: T, baseDir: string): T {
  if (spec.path === undefined || isAbsolute(spec.path)) return spec;
  return { ...spec, path: resolvePath(baseDir, spec.path) };
}
