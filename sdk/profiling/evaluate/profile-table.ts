import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as CsvParse from 'csv-parse/sync';
import { ProfilingError } from '../errors.js';
import type { FeatureRow } from '../models/feature-basis.js';

// Loaded on first use, not with `import 'corral'`: a run reads a CSV only for its price tables or profiles.
const parse: typeof CsvParse.parse = (...args: Parameters<typeof CsvParse.parse>) => (createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse).parse(...args);

/** A table read for profiling: feature rows, a positive response each, optional groups. */
export interface ProfileTable {
  readonly rows: FeatureRow[];
  readonly response: number[];
  readonly groups?: string[];
}

/**
 * Reads a CSV with a header into a {@link ProfileTable}. A column whose
 * non-empty cells are all numbers is numeric (an empty cell is missing and
 * later imputed by the median); any other column is categorical. The response
 * must be a finite number > 0 on every row.
 *
 * @example
 * ```ts
 * const t = readProfileCsv('ec2-bench.csv', { response: 'ffmpeg_elapsed_s', features: ['vcpus', 'cpu_mhz'], group: 'family' });
 * ```
 */
export function readProfileCsv(file: string, spec: { response: string; features: readonly string[]; group?: string }): ProfileTable {
  const records = readRecords(file, [spec.response, ...spec.features, ...(spec.group ? [spec.group] : [])]);
  const response = records.map((r, i) => {
    const v = Number(r[spec.response]);
    if (r[spec.response] === '' || !Number.isFinite(v) || v <= 0) {
      throw new ProfilingError('CORRAL_PROFILE_BAD_RESPONSE', `${file} line ${i + 2}: ${spec.response} = "${r[spec.response]}"; the response must be a finite number > 0`);
    }
    return v;
  });
  return { rows: featureRows(records, spec.features), response, groups: spec.group ? records.map((r) => r[spec.group!]) : undefined };
}

/**
 * Reads candidate experiments (features only, no response yet) from a CSV,
 * with an optional column naming each candidate.
 *
 * @example
 * ```ts
 * const { rows, ids } = readCandidateCsv('instances.csv', ['vcpus', 'cpu_mhz'], 'instance_type');
 * ```
 */
export function readCandidateCsv(file: string, features: readonly string[], id?: string): { rows: FeatureRow[]; ids: (string | undefined)[] } {
  const records = readRecords(file, id ? [...features, id] : features);
  return { rows: featureRows(records, features), ids: records.map((r) => (id ? r[id] : undefined)) };
}

function readRecords(file: string, wanted: readonly string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `${file}: cannot read as CSV with a header: ${(e as Error).message}`, { cause: e });
  }
  if (records.length === 0) throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `${file}: no data rows`);
  const header = Object.keys(records[0]);
  const missing = wanted.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new ProfilingError('CORRAL_PROFILE_MISSING_COLUMN', `${file}: no column ${missing.map((m) => `"${m}"`).join(', ')}; columns are: ${header.join(', ')}`);
  }
  return records;
}

function featureRows(records: readonly Record<string, string>[], features: readonly string[]): FeatureRow[] {
  const numeric = new Set(features.filter((f) => records.every((r) => r[f] === '' || Number.isFinite(Number(r[f])))));
  return records.map((r) => {
    const row: Record<string, number | string | undefined> = {};
    for (const f of features) row[f] = numeric.has(f) ? (r[f] === '' ? undefined : Number(r[f])) : r[f];
    return row;
  });
}
