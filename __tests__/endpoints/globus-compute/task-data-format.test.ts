// The task side of the stores (sdk/bridge/python/corral_bridge_engines/task_data.py)
// converts between corral's data format and the wire JSON that `node` reads, in
// Python. Both directions must agree with the TypeScript codecs exactly.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import { decodeValue, encodeValue } from '../../../sdk/data/index.js';
import { decodeWire, encodeWire } from '../../../sdk/graph/index.js';

const PYTHON_DIR = fileURLToPath(new URL('../../../sdk/bridge/python', import.meta.url));
const SCRIPT = `
import base64, json, sys
from corral_bridge_engines import task_data
cases = json.load(sys.stdin)
out = {"wire": [task_data.wire_of(base64.b64decode(c)) for c in cases["objects"]],
       "objects": [base64.b64encode(task_data.object_of(w)).decode("ascii") for w in cases["wires"]]}
json.dump(out, sys.stdout)
`;

const values: unknown[] = [
  new Float64Array([1.5, -2, Number.MAX_VALUE]),
  { label: 'x', rows: [new Int32Array([1, 2, 3]), new Uint8Array(0)], at: new Date(7), big: 12n },
  new Map<unknown, unknown>([['k', new Float32Array([0.5])], [new Uint16Array([9]), 'v']]),
  new Set([new BigInt64Array([-5n]), 'a']),
  { $corral: 'Float64Array', b64: 'not a tag: the user\'s own object', inner: new Int8Array([-1]) },
  // Exactly the shape of a binary tag, but the user's own object: it must stay an object.
  [{ $corral: 'Float64Array', b64: 'AAAAAAAA8D8=' }, new Float64Array([1])],
  [new ArrayBuffer(3), undefined, null, Number.NaN, -Infinity, 'corral-part', /re/g],
  { nested: { $corral: 'object', v: { deep: new Uint8ClampedArray([255]) } } },
  'plain string',
  42,
];

async function python(cases: { objects: string[]; wires: unknown[] }): Promise<{ wire: unknown[]; objects: string[] }> {
  const { stdout } = await execa(DASK_PYTHON, ['-c', SCRIPT], { input: JSON.stringify(cases), env: { PYTHONPATH: PYTHON_DIR } });
  return JSON.parse(stdout) as { wire: unknown[]; objects: string[] };
}

describe('task_data.py and the TypeScript codecs agree', () => {
  let out: { wire: unknown[]; objects: string[] };
  beforeAll(async () => {
    out = await python({
      objects: values.map((v) => Buffer.from(encodeValue(v)).toString('base64')),
      wires: values.map((v) => encodeWire(v)),
    });
  });

  test.each(values.map((v, i) => [i, v]))('case %i: data format read in Python gives the wire JSON of the value', (i) => {
    expect(decodeWire(out.wire[i as number])).toEqual(values[i as number]);
    expect(out.wire[i as number]).toEqual(encodeWire(values[i as number]));
  });

  test.each(values.map((v, i) => [i, v]))('case %i: wire JSON written by Python in the data format decodes to the value', (i) => {
    expect(decodeValue(new Uint8Array(Buffer.from(out.objects[i as number]!, 'base64')))).toEqual(values[i as number]);
  });
});
