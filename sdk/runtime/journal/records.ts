/* The typed records the journal's writers hand it: one per kind of state change. */
import type { StoredError } from './json-columns.js';

/**
 * A run as it starts.
 *
 * @example
 * ```ts
 * journal.insertRun({ id: 'r1', workflow: 'Images.pipeline', module: 'images.ts', exportName: 'Images', method: 'pipeline', startedAt: Date.now() });
 * ```
 */
export interface RunStart {
  readonly id: string;
  readonly workflow: string;
  readonly module: string | null;
  readonly exportName: string | null;
  readonly method: string | null;
  /** The arguments, v8-serialized (`encodeValue`). */
  readonly args?: Buffer | null;
  /** How the session was set up (policy, endpoints): stored as JSON. */
  readonly config?: Readonly<Record<string, unknown>> | null;
  /** The workflow's `@costBudget`: stored as JSON. */
  readonly budget?: Readonly<Record<string, unknown>> | null;
  readonly startedAt: number;
}

/** How a run ended. */
export interface RunEnd {
  readonly ok: boolean;
  readonly at: number;
  readonly error?: string | null;
  /** The workflow's value, v8-serialized, when it could be. */
  readonly result?: Buffer | null;
}

/** A call as the orchestrator makes it. */
export interface CallStart {
  readonly callId: string;
  readonly seq: number;
  readonly taskId: string;
  readonly dependsOn: readonly string[];
  readonly at: number;
}

/** Where the dispatcher placed a call's next attempt, and what it predicted. */
export interface CallPlacement {
  readonly endpoint: string;
  readonly attempt: number;
  readonly predicted: { readonly seconds: number; readonly usd: number; readonly joules: number };
}

/** An attempt sent to an endpoint. */
export interface AttemptStart {
  readonly callId: string;
  readonly attempt: number;
  readonly endpoint: string;
  readonly at: number;
}

/** How an attempt ended; a failed one is billed too. */
export interface AttemptEnd {
  readonly callId: string;
  readonly attempt: number;
  readonly state: 'done' | 'failed';
  readonly startedAt?: number | null;
  readonly endedAt: number;
  readonly queueSeconds?: number | null;
  readonly runSeconds?: number | null;
  readonly coldStartSeconds?: number | null;
  readonly usd: number;
  readonly joules: number;
  readonly error?: StoredError;
}

/** A call that has its value: computed, or taken from the cache or an earlier execution of the run. */
export interface CallEnd {
  readonly callId: string;
  readonly state: 'done' | 'cached' | 'replayed';
  readonly endpoint?: string;
  readonly at: number;
  readonly runSeconds: number;
  readonly usd: number;
  readonly joules: number;
  /** The value, v8-serialized (`encodeValue`). */
  readonly result: Buffer;
}

/** A call that failed for good. */
export interface CallFailure {
  readonly callId: string;
  readonly at: number;
  readonly error: { readonly name: string; readonly message: string };
}

/**
 * One row of a run's event log; `data` is stored as JSON.
 *
 * @example
 * ```ts
 * journal.recordEvent('r1', { type: 'run:replaced', at: Date.now(), data: { reason: 'slow', replaced: 2, moved: 1 } });
 * ```
 */
export interface EventRecord {
  readonly type: string;
  readonly at: number;
  readonly callId?: string | null;
  readonly data?: unknown;
}
