import { graphView, type GraphSource } from './graph-view.js';

/**
 * A Graphviz DOT digraph of a task graph (same conventions as {@link toMermaid}).
 *
 * @example
 * ```ts
 * await writeFile('graph.dot', toDot(manifest)); // dot -Tsvg graph.dot > graph.svg
 * ```
 */
export function toDot(source: GraphSource): string {
  const { nodes, edges } = graphView(source);
  const lines = ['digraph corral {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const n of nodes) {
    lines.push(`  ${n.key} [label=${quote(n.label)}, shape=${n.role === 'workflow' ? 'box, style=rounded' : 'box'}];`);
  }
  for (const e of edges) {
    const attrs = [e.label ? `label=${quote(e.label)}` : '', e.kind === 'call' ? 'style=dashed' : '', e.dynamic ? 'penwidth=2' : ''].filter(Boolean);
    lines.push(`  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function quote(s: string): string {
  return JSON.stringify(s);
}
