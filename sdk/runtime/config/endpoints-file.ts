import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LineCounter, parseDocument, isMap, type Node } from 'yaml';
import { z } from 'zod';
import { endpointKind, endpointKindNames, type CommonEndpointConfig, type Endpoint } from '../../endpoints/index.js';
import { ConfigError } from './config-error.js';
import { endpointDataSchema, resolveDataPath } from './endpoint-data.js';

/** The common fields of an endpoint entry; the kind's own schema checks the rest. */
const commonSchema = z.object({
  kind: z.string({ error: 'must be an endpoint kind (a string)' }),
  workers: z.number({ error: 'must be an integer >= 1' }).int({ error: 'must be an integer >= 1' }).min(1, { error: 'must be an integer >= 1' }).optional(),
  transferGroup: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).optional(),
  cost: z.record(z.string(), z.unknown(), { error: 'must be a mapping (the cost model of this endpoint)' }).optional(),
  labels: z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a mapping of strings' }).optional(),
});

const fileSchema = z.strictObject({
  policy: z.string({ error: 'must be the name of a placement policy' }).optional(),
  endpoints: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/, { error: 'must be a name of letters, digits, _ . -' }), z.unknown(), { error: 'must be a mapping of endpoint names to endpoint entries' }),
});

/** What endpoints.yaml holds, validated. */
export interface EndpointsFile {
  readonly file: string;
  readonly policy?: string;
  /** Per endpoint: its common fields, its kind's options, and its `data:` (a federated client's data spec, relative `path` resolved from the file's folder). */
  readonly entries: ReadonlyArray<{ common: CommonEndpointConfig; options: unknown; data?: Readonly<Record<string, unknown>> }>;
}

/** Validates a cost block; set by sdk/pricing when it provides a schema. */
export type CostValidator = (cost: Record<string, unknown>) => { ok: true } | { ok: false; path: string[]; message: string };

/**
 * Reads and validates endpoints.yaml. Errors name the file, line, column and
 * field.
 *
 * @example
 * ```ts
 * const spec = loadEndpointsFile('endpoints.yaml');
 * const endpoints = createEndpoints(spec);
 * ```
 */
export function loadEndpointsFile(file: string, validateCost?: CostValidator): EndpointsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, undefined, undefined, '', `cannot be read: ${(error as Error).message}`);
  }
  return parseEndpointsYaml(text, file, validateCost);
}

/** Same as {@link loadEndpointsFile}, from text. */
export function parseEndpointsYaml(text: string, file = 'endpoints.yaml', validateCost?: CostValidator): EndpointsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ConfigError(file, pos.line, pos.col, '', `is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const at = (path: Array<string | number>, field: string, detail: string): ConfigError => {
    const node = nodeAt(doc.contents as Node | null, path);
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    return new ConfigError(file, pos?.line, pos?.col, field, detail);
  };
  const raw = doc.toJS() as unknown;
  const top = fileSchema.safeParse(raw ?? {});
  if (!top.success) {
    const issue = top.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') throw at([issue.keys[0]!], issue.keys[0]!, 'is not a known top-level field (allowed: policy, endpoints)');
    const path = issue.path.map(String);
    throw at(path, path.join('.') || '(file)', issue.message);
  }
  const entries: Array<{ common: CommonEndpointConfig; options: unknown; data?: Readonly<Record<string, unknown>> }> = [];
  for (const [name, entry] of Object.entries(top.data.endpoints)) {
    const base = ['endpoints', name];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw at(base, base.join('.'), 'must be a mapping with at least `kind`');
    const common = commonSchema.safeParse(entry);
    if (!common.success) {
      const issue = common.error.issues[0]!;
      const path = [...base, ...issue.path.map(String)];
      throw at(path, path.join('.'), `${issue.message}${describeGot(entry, issue.path.map(String))}`);
    }
    const kind = endpointKind(common.data.kind);
    if (!kind) throw at([...base, 'kind'], `${base.join('.')}.kind`, `"${common.data.kind}" is not a known endpoint kind (known: ${endpointKindNames().join(', ')})`);
    const shorthand = common.data.cost && !('model' in common.data.cost) ? kind.costShorthand : undefined;
    if (common.data.cost && shorthand) {
      const checked = shorthand.safeParse(common.data.cost);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        const path = [...base, 'cost', ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : [])];
        throw at(path, path.join('.'), issue.code === 'unrecognized_keys' ? `is not a field of a ${common.data.kind} cost (give usdPerHour and watts, or a pricing block with model:)` : issue.message);
      }
    } else if (common.data.cost && validateCost) {
      const checked = validateCost(common.data.cost);
      if (!checked.ok) {
        const path = [...base, 'cost', ...checked.path];
        throw at(path, path.join('.'), checked.message);
      }
    }
    const { kind: _k, workers: _w, transferGroup: _t, cost: _c, labels: _l, data: rawData, ...own } = entry as Record<string, unknown>;
    let data: Record<string, unknown> | undefined;
    if (rawData !== undefined) {
      const checked = endpointDataSchema.safeParse(rawData);
      if (!checked.success) {
        // A misspelt field explains the "missing" one zod also reports, so name it first.
        const typo = checked.error.issues.find((i) => i.code === 'unrecognized_keys');
        if (typo?.code === 'unrecognized_keys') {
          const path = [...base, 'data', ...typo.path.map(String), typo.keys[0]!];
          throw at(path, path.join('.'), 'is not a field of this partition kind');
        }
        const issue = checked.error.issues[0]!;
        const path = [...base, 'data', ...issue.path.map(String)];
        throw at(path, path.join('.'), `${issue.message}${describeGot(rawData, issue.path.map(String))}`);
      }
      data = resolveDataPath(checked.data, dirname(file));
    }
    const options = kind.schema.safeParse(own);
    if (!options.success) {
      const issue = options.error.issues[0]!;
      if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0]!;
        throw at([...base, key], `${base.join('.')}.${key}`, `is not a field of ${common.data.kind} endpoints`);
      }
      const path = [...base, ...issue.path.map(String)];
      throw at(path, path.join('.'), `${issue.message}${describeGot(own, issue.path.map(String))}`);
    }
    entries.push({ common: { name, ...common.data }, options: options.data, ...(data ? { data } : {}) });
  }
  return { file, policy: top.data.policy, entries };
}

/** Creates the endpoints an endpoints file describes. */
export function createEndpoints(spec: EndpointsFile): Endpoint[] {
  return spec.entries.map(({ common, options }) => endpointKind(common.kind)!.create(common, options));
}

function nodeAt(root: Node | null, path: Array<string | number>): Node | undefined {
  let node: Node | null | undefined = root;
  let last: Node | undefined = root ?? undefined;
  for (const key of path) {
    if (!node || !isMap(node)) break;
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    if (!pair) break;
    node = pair.value as Node | null;
    last = (node ?? (pair.key as Node)) ?? last;
  }
  return last;
}

function describeGot(entry: unknown, path: string[]): string {
  let v: unknown = entry;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  if (v === undefined) return '';
  try { return ` (got ${JSON.stringify(v)})`; } catch { return ''; }
}
