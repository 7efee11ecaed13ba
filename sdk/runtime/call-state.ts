import type { DataRef } from '../data/index.js';
import type { TaskDefinition, TaskLocator } from '../graph/index.js';
import type { TaskHandle, TaskResult } from '../endpoints/index.js';
import type { EndpointSlot } from './endpoint-slot.js';
import type { TaskState } from './events.js';
import type { CallOutcome } from './task-future.js';

/** Who starts a call once its endpoint has room: the dispatcher of the call's run (slots are shared by the runs of a session). */
export interface CallOwner {
  start(slot: EndpointSlot<CallState>, call: CallState): void;
  /** Places a call that waits on an endpoint again (the endpoint went offline, or predictions moved). */
  replace(call: CallState): void;
  /** Whether the run's budget counts money or energy: its calls wait in corral, where they are checked again, until a worker is free. */
  readonly holdsBudget: boolean;
}

/** Everything the runtime tracks about one call of a task in a run. */
export interface CallState {
  readonly runId: string;
  readonly callId: string;
  readonly seq: number;
  readonly def: TaskDefinition;
  locator?: TaskLocator;
  readonly dependsOn: readonly string[];
  args: readonly unknown[];
  state: TaskState;
  attempt: number;
  features: Record<string, number>;
  inputBytes: number;
  /** Endpoints where an attempt of this call failed (made on the first failure: most calls never fail). */
  failedOn?: Set<string>;
  endpoint?: string;
  argsHash?: string;
  /**
   * Which call of its task with these arguments this is in the execution: with
   * the task and `argsHash`, its replay key (`callKeyOf` in call-keys.ts), which a kept result
   * carries as its lineage. A number here, not the key's text, for every call in flight.
   */
  occurrence?: number;
  /** The kept results among the arguments, found once (the data plane asks when the call is ready, submitted and settled). */
  inputRefs?: readonly DataRef[];
  /** What placement expected of the current attempt; `known` is false when the run time was only a prior. */
  predicted?: { seconds: number; usd: number; joules: number; known: boolean };
  handle?: TaskHandle;
  /** Epoch milliseconds when the current attempt was handed to its endpoint. */
  attemptStartedAt?: number;
  owner?: CallOwner;
  /** The only endpoint this call may run on (a federated client's training runs where its data is). */
  pinned?: string;
  /** Seconds an attempt may run (default: the task's `timeoutS`). */
  timeoutS?: number;
  /** Timings of the attempt that finished the call. */
  timings?: TaskResult['timings'];
  /** Settles the call's future. */
  readonly outcome: CallOutcome;
}

