import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { EndpointsFileError } from './endpoints-file-error.js';
import { simulatedEndpointsFileSchema, type SimulatedEndpointsFile } from './simulated-config.js';

/**
 * Reads and validates a simulator endpoints.yaml; the first problem found is
 * thrown as an {@link EndpointsFileError} naming its line and field.
 *
 * @example
 * ```ts
 * const config = loadSimulatedEndpoints('bench/endpoints.yaml');
 * ```
 */
export function loadSimulatedEndpoints(path: string): SimulatedEndpointsFile {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new EndpointsFileError(path, 1, 1, '(file)', `cannot be read: ${(e as Error).message}`); }
  return parseSimulatedEndpoints(text, path);
}

/** Validates endpoints.yaml text; `file` is used in messages. */
export function parseSimulatedEndpoints(text: string, file = 'endpoints.yaml'): SimulatedEndpointsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = lines.linePos(err.pos[0]);
    throw new EndpointsFileError(file, pos.line, pos.col, '(YAML)', err.message.split('\n')[0]!);
  }
  const at = (path: readonly PropertyKey[]) => {
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  const raw = doc.toJS() as unknown;
  const parsed = simulatedEndpointsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pos = at(issue.path);
    const value = valueAt(raw, issue.path);
    throw new EndpointsFileError(file, pos.line, pos.col, fieldName(issue.path), `${describe(issue)}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`);
  }
  const seen = new Map<string, number>();
  parsed.data.endpoints.forEach((ep, k) => {
    if (seen.has(ep.name)) {
      const pos = at(['endpoints', k, 'name']);
      throw new EndpointsFileError(file, pos.line, pos.col, `endpoints[${k}].name`, `"${ep.name}" is already the name of endpoints[${seen.get(ep.name)}]`);
    }
    seen.set(ep.name, k);
    if (ep.calibration !== undefined && parsed.data.referenceCalibration === undefined) {
      const pos = at(['endpoints', k, 'calibration']);
      throw new EndpointsFileError(file, pos.line, pos.col, `endpoints[${k}].calibration`, 'needs referenceCalibration at the top level (the score of speed 1)');
    }
  });
  return parsed.data;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(top level)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v === null || typeof v !== 'object' ? v : undefined;
}
