// The per-endpoint `data:` field of endpoints.yaml: a federated client's data spec.
import { ConfigError } from '../../../sdk/index.js';
import { parseEndpointsYaml } from '../../../sdk/runtime/index.js';

const file = (data: string) => `endpoints:
  edge-1:
    kind: local
    workers: 1
    data:
${data.split('\n').map((l) => `      ${l}`).join('\n')}
  edge-2:
    kind: local
`;

describe('endpoints.yaml data:', () => {
  test('a data spec is kept per endpoint, with a relative path resolved from the file folder', () => {
    const spec = parseEndpointsYaml(file('dataset: digits\npath: data/digits.csv.gz\nclients: 4\nindex: 1\npartition: { kind: dirichlet, alpha: 0.5, minSize: 30, seed: 1 }\nsensor: north'), '/project/conf/endpoints.yaml');
    expect(spec.entries[0]!.data).toEqual({
      dataset: 'digits', path: '/project/conf/data/digits.csv.gz', clients: 4, index: 1, partition: { kind: 'dirichlet', alpha: 0.5, minSize: 30, seed: 1 }, sensor: 'north',
    });
    expect(spec.entries[1]!.data).toBeUndefined();
    // data: is not passed to the endpoint kind (whose own fields are strict) nor kept among the common fields.
    expect(spec.entries[0]!.options).toEqual({});
    expect(spec.entries[0]!.common).not.toHaveProperty('data');
  });

  test('an absolute path stays as written', () => {
    expect(parseEndpointsYaml(file('dataset: mnist\npath: /data/mnist'), '/p/endpoints.yaml').entries[0]!.data).toEqual({ dataset: 'mnist', path: '/data/mnist' });
  });

  test.each([
    ['not a mapping', 'data: [digits]', 'endpoints.edge-1.data must be a mapping (the client data spec of this endpoint, with at least `dataset`)', 5],
    ['no dataset', 'path: x.csv', 'endpoints.edge-1.data.dataset must be the name of a data set', 6],
    ['clients of 0', 'dataset: digits\nclients: 0', 'endpoints.edge-1.data.clients must be an integer >= 1 (got 0)', 7],
    ['index past clients', 'dataset: digits\nclients: 4\nindex: 4', 'endpoints.edge-1.data.index must be below clients (got 4)', 8],
    ['index without clients', 'dataset: digits\nindex: 2', 'endpoints.edge-1.data.index needs clients', 7],
    ['an unknown partition kind', 'dataset: digits\nclients: 2\npartition: { kind: zipf }', 'endpoints.edge-1.data.partition.kind must be one of iid, dirichlet, pathological, shard (got "zipf")', 8],
    ['a partition that is not a mapping', 'dataset: digits\nclients: 2\npartition: iid', 'endpoints.edge-1.data.partition must be a mapping with a kind (iid, dirichlet, pathological, shard) (got "iid")', 8],
    ['a misspelt partition field', 'dataset: digits\nclients: 2\npartition: { kind: dirichlet, alpa: 0.5 }', 'endpoints.edge-1.data.partition.alpa is not a field of this partition kind', 8],
    ['a holdout of 1', 'dataset: digits\nholdout: 1', 'endpoints.edge-1.data.holdout must be a fraction in [0, 1) (got 1)', 7],
  ])('%s is refused naming file:line and field', (_what, data, message, line) => {
    const text = data.startsWith('data:') ? file('x: 1').replace('    data:\n      x: 1', `    ${data}`) : file(data);
    let error: unknown;
    try { parseEndpointsYaml(text, '/project/endpoints.yaml'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(new RegExp(`^/project/endpoints\\.yaml:${line}:\\d+: `));
    expect((error as ConfigError).line).toBe(line);
  });
});
