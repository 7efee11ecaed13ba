import type { SimulationResult } from './simulation-result.js';

/**
 * A Vega-Lite Gantt chart of a simulated run: one row per endpoint, one bar
 * per task from start to end, titled as a simulation. Render it with the
 * report's `chartToSvg`.
 *
 * @example
 * ```ts
 * writeFileSync('gantt.svg', await chartToSvg(simulationGanttSpec(result) as TopLevelSpec));
 * ```
 */
export function simulationGanttSpec(result: SimulationResult): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `SIMULATED: ${result.tasks} tasks, policy ${result.policy}, makespan ${+result.makespanS.toPrecision(4)} s, $${+result.costUsd.toPrecision(3)} (seed ${result.seed})`,
    width: 720,
    data: { values: result.placements.map((p) => ({ ...p, retried: p.attempts > 1 })) },
    mark: { type: 'bar', cornerRadius: 1 },
    encoding: {
      y: { field: 'endpoint', type: 'nominal', title: 'endpoint' },
      x: { field: 'startS', type: 'quantitative', title: 'seconds from start' },
      x2: { field: 'endS' },
      color: { field: 'retried', type: 'nominal', title: 'preempted and rerun' },
      tooltip: [{ field: 'task' }, { field: 'startS' }, { field: 'endS' }, { field: 'attempts' }],
    },
  };
}
