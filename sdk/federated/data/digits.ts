import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ClientDataError } from '../errors.js';
import type { Dataset } from './dataset.js';

/**
 * Reads the UCI optical digits CSV (64 pixel counts 0..16, then the label; no
 * header; optionally gzipped), scaling pixels to [0, 1].
 *
 * @example
 * ```ts
 * const digits = await loadDigits('__tests__/fixtures/fl/digits.csv.gz'); // 1,797 examples
 * ```
 */
export async function loadDigits(file: string): Promise<Dataset> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ClientDataError(`cannot read digits data at ${file}: ${(e as Error).message}`);
  }
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const rows = text.split('\n').filter((line) => line.trim() !== '');
  const x = new Float32Array(rows.length * 64);
  const y = new Int32Array(rows.length);
  rows.forEach((line, r) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== 65 || cells.some((v) => !Number.isFinite(v))) {
      throw new ClientDataError(`${file} line ${r + 1}: expected 64 pixel values and a label, got ${cells.length} fields`);
    }
    for (let i = 0; i < 64; i++) x[r * 64 + i] = cells[i]! / 16;
    y[r] = cells[64]!;
  });
  return { x, y, featureShape: [64], numClasses: 10 };
}
