import type { TopLevelSpec } from 'vega-lite';
import { shortTaskName } from '../format.js';
import type { ReportEdge, RunReportData } from '../report-data.js';
import { layeredLayout } from './graph-layout.js';
import type { ReportChart } from './report-chart.js';
import { CHART_CONFIG } from './theme.js';

/**
 * Above this many calls the graph shows tasks, not calls, to stay readable.
 *
 * @example
 * ```ts
 * const perCall = data.calls.length <= MAX_CALL_NODES;
 * ```
 */
export const MAX_CALL_NODES = 80;

interface GraphNode {
  id: string;
  label: string;
  endpoint: string;
  failed: boolean;
}

/**
 * The task graph, left to right in dependency order. Nodes are calls coloured
 * by the endpoint they ran on (ringed red when they failed); runs with more than
 * {@link MAX_CALL_NODES} calls show one node per task with its call count.
 * Undefined for a run without calls.
 *
 * @example
 * ```ts
 * const chart = taskGraphChart(data);
 * ```
 */
export function taskGraphChart(data: RunReportData): ReportChart | undefined {
  if (data.calls.length === 0) return undefined;
  const { nodes, edges } = data.calls.length <= MAX_CALL_NODES ? callGraph(data) : taskGraph(data);
  const positions = layeredLayout(nodes.map((n) => n.id), edges);
  const layerSize = new Map<number, number>();
  for (const p of positions) layerSize.set(p.layer, Math.max(layerSize.get(p.layer) ?? 0, p.index + 1));
  const xy = new Map(positions.map((p) => [p.id, { x: p.layer, y: p.index - ((layerSize.get(p.layer) ?? 1) - 1) / 2 }]));
  const nodeRows = nodes.map((n) => ({ ...n, ...xy.get(n.id)! }));
  const edgeRows = edges.filter((e) => xy.has(e.from) && xy.has(e.to)).map((e) => ({
    x: xy.get(e.from)!.x, y: xy.get(e.from)!.y, x2: xy.get(e.to)!.x, y2: xy.get(e.to)!.y,
  }));
  const layers = Math.max(1, layerSize.size);
  const tallest = Math.max(1, ...layerSize.values());
  const hidden = { axis: null } as const;
  const xScale = { domain: [-0.5, layers - 0.5] };
  const yScale = { domain: [tallest / 2, -tallest / 2] };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...CHART_CONFIG, view: { stroke: null } },
    width: Math.min(1100, Math.max(240, layers * 130)),
    height: Math.min(900, Math.max(120, tallest * 34)),
    layer: [
      {
        data: { values: edgeRows },
        mark: { type: 'rule', color: '#90a4ae' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, ...hidden }, y: { field: 'y', type: 'quantitative', scale: yScale, ...hidden },
          x2: { field: 'x2' }, y2: { field: 'y2' },
        },
      },
      {
        data: { values: nodeRows },
        layer: [
          {
            mark: { type: 'circle', size: 220, opacity: 1 },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: xScale, ...hidden }, y: { field: 'y', type: 'quantitative', scale: yScale, ...hidden },
              color: { field: 'endpoint', type: 'nominal', title: 'endpoint' },
              stroke: { condition: { test: 'datum.failed', value: '#c62828' }, value: 'white' },
              strokeWidth: { condition: { test: 'datum.failed', value: 3 }, value: 1 },
            },
          },
          {
            mark: { type: 'text', dy: -14, fontSize: 10 },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: xScale, ...hidden }, y: { field: 'y', type: 'quantitative', scale: yScale, ...hidden },
              text: { field: 'label' },
            },
          },
        ],
      },
    ],
  };
  return {
    id: 'task-graph',
    title: 'Task graph',
    caption: data.calls.length <= MAX_CALL_NODES
      ? 'One node per call, left to right in dependency order, coloured by the endpoint it ran on; a red ring means the call failed.'
      : `More than ${MAX_CALL_NODES} calls: one node per task (with its number of calls), coloured by the endpoint most of its calls ran on.`,
    spec,
  };
}

function callGraph(data: RunReportData): { nodes: GraphNode[]; edges: readonly ReportEdge[] } {
  return {
    nodes: data.calls.map((c) => ({ id: c.callId, label: shortTaskName(c.taskId), endpoint: c.endpoint ?? '(not placed)', failed: c.state === 'failed' })),
    edges: data.edges,
  };
}

function taskGraph(data: RunReportData): { nodes: GraphNode[]; edges: ReportEdge[] } {
  const taskOf = new Map(data.calls.map((c) => [c.callId, c.taskId]));
  const tasks = [...new Set(data.calls.map((c) => c.taskId))];
  const nodes = tasks.map((t) => {
    const calls = data.calls.filter((c) => c.taskId === t);
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(c.endpoint ?? '(not placed)', (counts.get(c.endpoint ?? '(not placed)') ?? 0) + 1);
    const endpoint = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    return { id: t, label: `${shortTaskName(t)} ×${calls.length}`, endpoint, failed: calls.some((c) => c.state === 'failed') };
  });
  const seen = new Set<string>();
  const edges: ReportEdge[] = [];
  for (const e of data.edges) {
    const from = taskOf.get(e.from);
    const to = taskOf.get(e.to);
    if (!from || !to || from === to || seen.has(`${from}\u0000${to}`)) continue;
    seen.add(`${from}\u0000${to}`);
    edges.push({ from, to });
  }
  return { nodes, edges };
}
