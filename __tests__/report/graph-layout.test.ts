import { layeredLayout } from '../../sdk/report/charts/index.js';

const layerOf = (positions: ReturnType<typeof layeredLayout>) => Object.fromEntries(positions.map((p) => [p.id, p.layer]));

describe('layeredLayout', () => {
  it('puts each node one layer after its deepest predecessor', () => {
    const edges = [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'd' }, { from: 'c', to: 'd' }, { from: 'a', to: 'd' }];
    expect(layerOf(layeredLayout(['d', 'c', 'b', 'a'], edges))).toEqual({ a: 0, b: 1, c: 1, d: 2 });
  });

  it('gives nodes of one layer distinct indices', () => {
    const positions = layeredLayout(['x', 'y', 'z'], []);
    expect(new Set(positions.map((p) => `${p.layer}:${p.index}`)).size).toBe(3);
  });

  it('orders a layer by its predecessors so parallel chains do not cross', () => {
    const edges = [{ from: 'a1', to: 'b1' }, { from: 'a2', to: 'b2' }, { from: 'a3', to: 'b3' }];
    const pos = layeredLayout(['a1', 'a2', 'a3', 'b3', 'b1', 'b2'], edges);
    const index = Object.fromEntries(pos.map((p) => [p.id, p.index]));
    for (const k of [1, 2, 3]) expect(index[`b${k}`]).toBe(index[`a${k}`]);
  });

  it('terminates on a cycle and ignores edges to unknown nodes', () => {
    const pos = layeredLayout(['a', 'b'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'ghost', to: 'a' }]);
    expect(pos).toHaveLength(2);
  });
});
