import { graphView, type GraphSource } from './graph-view.js';

/**
 * A Mermaid flowchart of a task graph: workflows as rounded boxes, tasks as
 * boxes, calls dashed, data edges solid, fan-outs labelled `×size`.
 *
 * @example
 * ```ts
 * await writeFile('docs/graphs/images.md', '```mermaid\n' + toMermaid(manifest) + '```\n');
 * ```
 */
export function toMermaid(source: GraphSource): string {
  const { nodes, edges } = graphView(source);
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const text = quote(n.label);
    lines.push(n.role === 'workflow' ? `  ${n.key}(["${text}"])` : `  ${n.key}["${text}"]`);
  }
  for (const e of edges) {
    const arrow = e.kind === 'call' ? '-.->' : e.dynamic ? '==>' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${quote(e.label)}"|` : ''} ${e.to}`);
  }
  return `${lines.join('\n')}\n`;
}

function quote(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
}
