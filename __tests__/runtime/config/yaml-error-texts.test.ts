// endpoints.yaml error texts (issue 13, item 11): YAML aliases, numbers JSON
// cannot hold, and an empty endpoints mapping all name the file and line.
import { ConfigError } from '../../../sdk/index.js';
import { parseEndpointsYaml } from '../../../sdk/runtime/index.js';

function failure(text: string): ConfigError {
  try { parseEndpointsYaml(text, '/project/endpoints.yaml'); } catch (e) { return e as ConfigError; }
  throw new Error('expected an error');
}

describe('endpoints.yaml error texts', () => {
  test('an alias bomb is refused at the line of its first alias, without expanding it', () => {
    const bomb = ['endpoints:', '  a: { kind: local }', 'x0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
      ...Array.from({ length: 8 }, (_, k) => `x${k + 1}: &a${k + 1} [${Array(10).fill(`*a${k}`).join(', ')}]`)].join('\n');
    const e = failure(bomb);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/^\/project\/endpoints\.yaml:4:\d+: expands its anchors and aliases too far/);
    expect(e.line).toBe(4);
  });

  test('an alias with no anchor names the file, line and alias', () => {
    const e = failure('endpoints:\n  a:\n    kind: local\n    cost: *prices\n');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('/project/endpoints.yaml:4:11: uses the alias *prices before any anchor &prices is defined');
  });

  test.each([['.inf'], ['.nan'], ['1e400'], ['-.Inf']])('workers: %s is shown as written, not as null', (written) => {
    const e = failure(`endpoints:\n  a:\n    kind: local\n    workers: ${written}\n`);
    expect(e.message).toBe(`/project/endpoints.yaml:4:14: endpoints.a.workers must be an integer >= 1 (got ${written})`);
  });

  test('a non-finite number inside a kind or a cost block is shown as written', () => {
    expect(failure('endpoints:\n  s:\n    kind: simulated\n    speed: .inf\n').message).toMatch(/endpoints\.s\.speed must be .* \(got \.inf\)$/);
    expect(failure('endpoints:\n  s:\n    kind: simulated\n    cost: { usdPerHour: 1e400 }\n').message).toMatch(/endpoints\.s\.cost\.usdPerHour must be .* \(got 1e400\)$/);
  });

  test('endpoints: {} names the file and line', () => {
    const e = failure('policy: delta\nendpoints: {}\n');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('/project/endpoints.yaml:2:12: endpoints must name at least one endpoint (got {})');
  });
});
