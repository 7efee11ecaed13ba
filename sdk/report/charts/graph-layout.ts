import type { ReportEdge } from '../report-data.js';

/**
 * Position of one node in a layered drawing of a DAG.
 *
 * @example
 * ```ts
 * const p: NodePosition = { id: 'c3', layer: 1, index: 0 };
 * ```
 */
export interface NodePosition {
  readonly id: string;
  /** Length of the longest path from a source to this node. */
  readonly layer: number;
  /** Order within the layer. */
  readonly index: number;
}

/**
 * Lays a DAG out in layers: each node one layer after its deepest
 * predecessor, nodes within a layer ordered by the mean index of their
 * predecessors so edges cross less. Edges that would close a cycle, or name
 * unknown nodes, are ignored rather than looping forever.
 *
 * @example
 * ```ts
 * const pos = layeredLayout(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
 * // a: layer 0, b: layer 1, c: layer 2
 * ```
 */
export function layeredLayout(nodes: readonly string[], edges: readonly ReportEdge[]): NodePosition[] {
  const known = new Set(nodes);
  const preds = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) if (known.has(e.from) && known.has(e.to) && e.from !== e.to) preds.get(e.to)!.push(e.from);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (n: string): number => {
    const cached = layer.get(n);
    if (cached !== undefined) return cached;
    visiting.add(n);
    const d = Math.max(-1, ...preds.get(n)!.filter((p) => !visiting.has(p)).map(depth)) + 1;
    visiting.delete(n);
    layer.set(n, d);
    return d;
  };
  nodes.forEach(depth);
  const byLayer = new Map<number, string[]>();
  for (const n of nodes) {
    const l = layer.get(n)!;
    const row = byLayer.get(l);
    if (row) row.push(n);
    else byLayer.set(l, [n]);
  }
  const index = new Map<string, number>();
  const positions: NodePosition[] = [];
  for (const l of [...byLayer.keys()].sort((a, b) => a - b)) {
    const members = byLayer.get(l)!;
    const weight = (n: string) => {
      const ps = preds.get(n)!.filter((p) => index.has(p));
      return ps.length ? ps.reduce((s, p) => s + index.get(p)!, 0) / ps.length : members.indexOf(n);
    };
    const ordered = [...members].sort((a, b) => weight(a) - weight(b));
    ordered.forEach((n, i) => {
      index.set(n, i);
      positions.push({ id: n, layer: l, index: i });
    });
  }
  return positions;
}
