import type { Manifest } from '../../sdk/graph/index.js';

/**
 * What the emitters draw from: a manifest, or an extraction result.
 *
 * @example
 * ```ts
 * const source: GraphSource = await loadManifest('.corral/build/manifest.json');
 * ```
 */
export type GraphSource = Pick<Manifest, 'tasks' | 'workflows' | 'edges'>;

/**
 * A node to draw.
 *
 * @example
 * ```ts
 * const node: ViewNode = { key: 'n0', id: 'Images.pipeline', role: 'workflow', label: 'Images.pipeline' };
 * ```
 */
export interface ViewNode {
  readonly key: string;
  readonly id: string;
  readonly role: 'task' | 'workflow';
  readonly label: string;
}

/**
 * An edge to draw: call edges and data edges between the same nodes are merged per kind.
 *
 * @example
 * ```ts
 * const edge: ViewEdge = { from: 'n1', to: 'n2', kind: 'data', label: 'map ×thumbs.length', dynamic: true };
 * ```
 */
export interface ViewEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'call' | 'data';
  readonly label: string;
  readonly dynamic: boolean;
}

/**
 * Nodes and merged edges of a task graph, with short stable keys (`n0`, `n1`...)
 * that every diagram language accepts.
 *
 * @example
 * ```ts
 * const { nodes, edges } = graphView(manifest);
 * ```
 */
export function graphView(source: GraphSource): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const nodes = new Map<string, ViewNode>();
  const node = (id: string, role: ViewNode['role'], label: string) => {
    if (!nodes.has(id)) nodes.set(id, { key: `n${nodes.size}`, id, role, label });
    return nodes.get(id)!;
  };
  for (const w of source.workflows) {
    if (w.task) continue;
    const budget = w.budget ? Object.entries(w.budget.static).filter(([k]) => k !== 'scope' && k !== 'onExceed' && k !== 'confidence').map(([k, v]) => `${k} ${v}`).join(', ') : '';
    node(w.id, 'workflow', budget ? `${w.id}\nbudget: ${budget}` : w.id);
  }
  for (const t of source.tasks) node(t.id, 'task', t.id);
  const merged = new Map<string, { from: string; to: string; kind: 'call' | 'data'; labels: Set<string>; dynamic: boolean }>();
  for (const e of source.edges) {
    const from = nodes.get(e.from) ?? node(e.from, 'workflow', e.from);
    const to = nodes.get(e.to) ?? node(e.to, 'task', e.to);
    const k = `${e.kind}|${from.key}|${to.key}`;
    let m = merged.get(k);
    if (!m) merged.set(k, (m = { from: from.key, to: to.key, kind: e.kind, labels: new Set(), dynamic: false }));
    const dynamic = e.multiplicity === 'dynamic';
    m.dynamic ||= dynamic;
    const what = e.kind === 'call' ? '' : e.flow;
    m.labels.add([what, dynamic ? `×${e.sizedBy ?? 'n'}` : ''].filter(Boolean).join(' '));
  }
  const edges = [...merged.values()].map((m) => ({
    from: m.from, to: m.to, kind: m.kind, dynamic: m.dynamic, label: [...m.labels].filter(Boolean).sort().join('; '),
  }));
  return { nodes: [...nodes.values()], edges };
}
