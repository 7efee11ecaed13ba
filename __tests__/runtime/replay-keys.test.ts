// Replay keys hash a call's arguments; a kept result among them hashes as its
// lineage (the producing call's replay key). Journals written before lineage
// hold keys hashed from whole references: those must come out the same, or
// their runs could not resume.
import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import { dataRefToJson, type DataRef } from '../../sdk/data/index.js';
import { hashArguments } from '../../sdk/runtime/call-arguments.js';

/** The hash journals were keyed with before lineage: JSON text for plain values, else v8 serialization. */
function keyedBefore(args: readonly unknown[]): string {
  const simple = args.every((v) => typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v)));
  return createHash('sha1').update(simple ? `j${JSON.stringify(args)}` : serialize(args)).digest('base64url');
}

const ref = (id: string, extra: Partial<DataRef> = {}): DataRef => ({
  id, bytes: 800_184, digest: `sha256:${id.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, 'a')}`, store: 'local', site: 'client', producer: 'c1', ...extra,
});

test('arguments without references hash as they did before lineage', () => {
  for (const args of [[1, 'a', true, null], ['/tmp/log', new Float64Array([1, 2, 3]), 2], [{ a: [1, 2], b: 'x' }], []]) {
    expect(hashArguments(args)).toBe(keyedBefore(args));
  }
});

test('references journaled before lineage (no lineage field) hash as they did then, so runs started before still resume', () => {
  const args = ['/tmp/log', dataRefToJson(ref('0b7e')), 2];
  expect(hashArguments(args)).toBe(keyedBefore(args));
  const nested = ['/tmp/log', [dataRefToJson(ref('0b7e')), { x: dataRefToJson(ref('9f1a')) }]];
  expect(hashArguments(nested)).toBe(keyedBefore(nested));
});

test('a reference with a lineage hashes as its lineage: a recomputed value (new id, producer call, digest) keys the same, another lineage does not', () => {
  const first = dataRefToJson(ref('0b7e', { lineage: 'Arrays.make:abc:1' }));
  const recomputed = dataRefToJson(ref('77aa', { lineage: 'Arrays.make:abc:1', producer: 'c9', digest: `sha256:${'b'.repeat(64)}`, store: 'dask:cluster', site: 'hpc' }));
  const other = dataRefToJson(ref('0b7e', { lineage: 'Arrays.make:abc:2' }));
  expect(hashArguments(['/tmp/log', first, 2])).toBe(hashArguments(['/tmp/log', recomputed, 2]));
  expect(hashArguments(['/tmp/log', first, 2])).not.toBe(hashArguments(['/tmp/log', other, 2]));
  expect(hashArguments([[first, first]])).toBe(hashArguments([[recomputed, recomputed]]));
  expect(hashArguments([{ a: first }])).not.toBe(hashArguments([{ a: other }]));
  // The other arguments still count.
  expect(hashArguments(['/tmp/log', first, 2])).not.toBe(hashArguments(['/tmp/log', first, 3]));
});
