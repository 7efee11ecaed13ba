import { dataRefToJson } from '../../sdk/data/index.js';
import { callInputs, dataLocations } from '../../sdk/runtime/data-plane/index.js';

const ref = dataRefToJson({ id: 'r1', bytes: 8_000_184, digest: `sha256:${'a'.repeat(64)}`, store: 'dask:hpc', site: 'dask:tcp://10.0.0.5:8786', producer: 'c1' });

describe('callInputs: where a call\'s inputs live, for placement', () => {
  test('a kept result gives its size and site; a value from the orchestrator is at the client', () => {
    const inputs = callInputs([ref, 3, new Float64Array(10)]);
    expect(inputs).toEqual([
      { bytes: 8_000_184, site: 'dask:tcp://10.0.0.5:8786' },
      { bytes: 8, site: 'client' },
      { bytes: 80, site: 'client' },
    ]);
    expect(dataLocations(inputs)).toEqual(['dask:tcp://10.0.0.5:8786', 'client']);
  });

  test('references inside arrays and objects count once each, the rest of the container at the client', () => {
    const inputs = callInputs([[ref, ref], { label: 'abcd', data: ref }]);
    expect(inputs).toEqual([
      { bytes: 8_000_184, site: 'dask:tcp://10.0.0.5:8786' },
      { bytes: 8_000_184, site: 'dask:tcp://10.0.0.5:8786' },
      { bytes: 8_000_184, site: 'dask:tcp://10.0.0.5:8786' },
      { bytes: 4, site: 'client' },
    ]);
  });

  test('plain values each travel from the client; those of no size move nothing', () => {
    const inputs = callInputs([3, '', null, 'ab', undefined, true]);
    expect(inputs).toEqual([{ bytes: 8, site: 'client' }, { bytes: 2, site: 'client' }, { bytes: 1, site: 'client' }]);
    expect(dataLocations(inputs)).toEqual(['client']);
    expect(callInputs([7])).toEqual([{ bytes: 8, site: 'client' }]);
    expect(callInputs([''])).toEqual([]);
  });

  test('no arguments, no inputs', () => {
    expect(callInputs([])).toEqual([]);
    expect(dataLocations([])).toEqual([]);
  });
});
