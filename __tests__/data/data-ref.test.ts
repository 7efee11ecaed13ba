import { DataRefError, dataRefToJson, isDataRefJson, parseDataRef, type DataRef } from '../../sdk/data/index.js';

const ref: DataRef = { id: 'a1b2', bytes: 8192, digest: `sha256:${'ab'.repeat(32)}`, store: 'scratch', site: 'hpc', producer: 'c12' };

describe('DataRef JSON form (the journal records references, never bytes)', () => {
  test('round-trips through JSON text, marked as a reference', () => {
    const json = JSON.parse(JSON.stringify(dataRefToJson(ref))) as unknown;
    expect(isDataRefJson(json)).toBe(true);
    expect(isDataRefJson({ id: 'a1b2' })).toBe(false);
    expect(parseDataRef(json, 'journal run r1 call c12 result')).toEqual(ref);
    const { producer: _p, ...noProducer } = ref;
    expect(parseDataRef(dataRefToJson(noProducer), 'x')).toEqual(noProducer);
  });

  test('a bad field is a DataRefError naming where, the field, the value and what is allowed', () => {
    const bad = { ...dataRefToJson(ref), digest: 'md5:abc' };
    let error: unknown;
    try { parseDataRef(bad, 'journal run r1 call c3 result'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DataRefError);
    expect(error).toMatchObject({ code: 'CORRAL_DATA_REF', retryable: false, field: 'digest', value: 'md5:abc' });
    expect((error as Error).message).toBe('journal run r1 call c3 result: data reference field digest is "md5:abc", must be "sha256:" and 64 hex digits');
    expect(() => parseDataRef({ ...dataRefToJson(ref), bytes: -1 }, 'w')).toThrow('field bytes is -1, must be an integer >= 0');
    expect(() => parseDataRef({ ...dataRefToJson(ref), id: '../etc' }, 'w')).toThrow('field id is "../etc", must be 1-128 letters, digits, _ or -');
    expect(() => parseDataRef({ ...dataRefToJson(ref), data: 'bytes' }, 'w')).toThrow(/field data is "bytes", not a field of a data reference \(allowed: \$data, id, bytes/);
    expect(() => parseDataRef('a string', 'w')).toThrow(/field \(reference\) is "a string", must be an object/);
  });
});
