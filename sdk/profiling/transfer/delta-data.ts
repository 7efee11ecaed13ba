import { ProfilingError } from '../errors.js';
import type { ColdStartSample } from './cold-start-model.js';
import type { TransferSample } from './transfer-model.js';

/**
 * Reads DELTA's transfer_model.json (`sizes` and `times` per source and
 * destination transfer group) into samples.
 *
 * @example
 * ```ts
 * const samples = loadDeltaTransfers(JSON.parse(readFileSync('transfer_model.json', 'utf8')));
 * ```
 */
export function loadDeltaTransfers(json: unknown): TransferSample[] {
  const doc = json as { sizes?: Record<string, Record<string, number[]>>; times?: Record<string, Record<string, number[]>> };
  if (!doc?.sizes || !doc.times) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', 'DELTA transfer model: expected an object with "sizes" and "times"');
  const out: TransferSample[] = [];
  for (const [from, dests] of Object.entries(doc.times)) {
    for (const [to, times] of Object.entries(dests)) {
      const sizes = doc.sizes[from]?.[to];
      if (!sizes || sizes.length !== times.length) {
        throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `DELTA transfer model ${from} -> ${to}: ${times.length} times but ${sizes?.length ?? 0} sizes`);
      }
      times.forEach((seconds, i) => out.push({ from, to, bytes: sizes[i], seconds }));
    }
  }
  return out;
}

/**
 * Reads DELTA's import_model.json (`import_times[package][endpoint group]`)
 * into cold start samples.
 *
 * @example
 * ```ts
 * const samples = loadDeltaImports(JSON.parse(readFileSync('import_model.json', 'utf8')));
 * ```
 */
export function loadDeltaImports(json: unknown): ColdStartSample[] {
  const doc = json as { import_times?: Record<string, Record<string, number>> };
  if (!doc?.import_times) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', 'DELTA import model: expected an object with "import_times"');
  return Object.entries(doc.import_times).flatMap(([pkg, byEndpoint]) =>
    Object.entries(byEndpoint).map(([endpoint, seconds]) => ({ endpoint, package: pkg, seconds })));
}
