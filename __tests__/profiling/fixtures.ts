import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** Path of a file in __tests__/fixtures/profiling. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/profiling/${name}`, import.meta.url));
}

/** Reads a JSON fixture. */
export function jsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(fixture(name), 'utf8'));
}

/** Rows of the ec2-bench fixture, as strings by column. */
export function ec2Records(): Record<string, string>[] {
  return parse(readFileSync(fixture('ec2-bench.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
}

/** Numeric features and ffmpeg seconds of the ec2-bench fixture, with the family as group. */
export const EC2_FEATURES = ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s', 'gpus', 'numa_nodes', 'cuda_used'];
