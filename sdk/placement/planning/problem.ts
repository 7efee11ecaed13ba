import type { TaskGraph } from '../../graph/index.js';
import type { CostVector } from '../../pricing/index.js';
import type { CallInput } from '../policy.js';
import type { TransferModel } from './transfer-model.js';

/**
 * One task of a workflow as the planner sees it. Run seconds come from
 * `seconds` (per endpoint, e.g. measured), else `baseSeconds / speed` of the
 * endpoint, else the problem's `predict`.
 *
 * @example
 * ```ts
 * const t: PlanTask = { id: 'mProject_1', type: 'mProject', baseSeconds: 13.4, inputBytes: 4e6, dataLocation: 'archive' };
 * ```
 */
export interface PlanTask {
  readonly id: string;
  /** Function name: tasks of one type share a cold start per endpoint. */
  readonly type?: string;
  /** Run seconds on an endpoint of speed 1. */
  readonly baseSeconds?: number;
  /** Run seconds per endpoint name (overrides `baseSeconds`). */
  readonly seconds?: Readonly<Record<string, number>>;
  /** Cold start seconds of this task's type per endpoint name (e.g. its imports there), overriding the endpoint's. */
  readonly coldStartS?: Readonly<Record<string, number>>;
  /** Bytes of inputs that come from outside the workflow. */
  readonly inputBytes?: number;
  /** Transfer group where those inputs are (moving compute there costs no transfer). */
  readonly dataLocation?: string;
  /** Outside inputs one by one (size and site), when they live at several sites; replaces `inputBytes` and `dataLocation`. */
  readonly inputs?: readonly CallInput[];
  /** What one attempt needs from a worker. */
  readonly requires?: { readonly memoryGiB?: number; readonly gpus?: number };
  /** Endpoint names this task may run on (all when absent). */
  readonly allow?: readonly string[];
}

/** Data flowing along an edge: bytes, or fixed seconds when crossing endpoints. */
export interface PlanEdge {
  readonly bytes: number;
  /** Seconds to move the data between two different endpoints, overriding the transfer model. */
  readonly seconds?: number;
}

/**
 * An endpoint as the planner sees it: capacity, speed, price, cold start and
 * where it sits for data transfer.
 *
 * @example
 * ```ts
 * const ep: PlanEndpoint = { name: 'aws-spot', workers: 8, speed: 2, transferGroup: 'aws', usdPerHour: 0.03, watts: 0, coldStartS: 2 };
 * ```
 */
export interface PlanEndpoint {
  readonly name: string;
  readonly workers: number;
  /** Relative speed: `baseSeconds / speed` is the run time here. */
  readonly speed: number;
  readonly transferGroup: string;
  /** Seconds to warm a worker for a task type the first time. */
  readonly coldStartS?: number;
  /** Price of one busy worker. */
  readonly usdPerHour?: number;
  /** Power draw of one busy worker. */
  readonly watts?: number;
  /** Expected preemptions per hour of one busy worker (spot capacity). */
  readonly preemptionPerHour?: number;
  readonly memoryGiB?: number;
  readonly gpus?: number;
}

/**
 * A whole-workflow planning problem: the static graph, the endpoints, and how
 * to predict time, price and transfer.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow({ graph, endpoints }, { policy: 'heft' });
 * ```
 */
export interface PlanningProblem {
  readonly graph: TaskGraph<PlanTask, PlanEdge>;
  readonly endpoints: readonly PlanEndpoint[];
  readonly transfer?: TransferModel;
  /** Run seconds of a task on an endpoint when the task gives none (e.g. a Predictor). */
  readonly predict?: (task: PlanTask, endpoint: PlanEndpoint) => number;
  /** Cost of `seconds` of one worker (e.g. a CostModel); defaults to usdPerHour and watts. */
  readonly cost?: (endpoint: PlanEndpoint, seconds: number) => CostVector;
}
