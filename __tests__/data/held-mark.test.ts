import { DATA_REF_MARK, dataRefToJson } from '../../sdk/data/index.js';
import { HELD_MARK, heldArgumentIds, isHeldArgument } from '../../sdk/endpoints/index.js';

// Endpoints and data do not import each other: the endpoints' copy of the mark must stay the data plane's.
test('an endpoint reads a reference\'s JSON form as a held argument', () => {
  expect(HELD_MARK).toBe(DATA_REF_MARK);
  const ref = dataRefToJson({ id: 'r7', bytes: 10, digest: `sha256:${'0'.repeat(64)}`, store: 'dask:hpc', site: 'hpc' });
  expect(isHeldArgument(ref)).toBe(true);
  expect(isHeldArgument({ id: 'r7' })).toBe(false);
  expect(heldArgumentIds([ref, [ref, { inner: ref }], 3])).toEqual(['r7']);
});
