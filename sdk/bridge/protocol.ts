/**
 * The bridge protocol (version 1) between corral and its Python bridge
 * program: JSON lines on the bridge's stdin/stdout. docs/endpoints.md
 * describes every message.
 *
 * @example
 * ```ts
 * const line: BridgeRequest = { id: 7, op: 'status', endpoint: 'cluster' };
 * ```
 */
export const BRIDGE_PROTOCOL_VERSION = 1;

/** Engines the bridge program knows. */
export type BridgeEngine = 'process' | 'dask' | 'globus-compute';

/** A request to the bridge; each gets exactly one {@link BridgeReply} with the same id. */
export interface BridgeRequest {
  readonly id: number;
  readonly op: 'ping' | 'open' | 'define' | 'submit' | 'status' | 'metadata' | 'cancel' | 'close' | 'shutdown';
  readonly endpoint?: string;
  readonly [field: string]: unknown;
}

/** How an engine runs one task's code on its side: `node` plus the entry protocol. */
export interface TaskProgram {
  /** Command before the bundle path, or the whole command for source modules (a process per attempt). */
  readonly argv: readonly string[];
  readonly cwd?: string;
  /** A codegen bundle shipped as text; the engine caches it by hash on the worker. */
  readonly bundle?: { readonly hash: string; readonly text: string };
  readonly env?: Readonly<Record<string, string>>;
  /** Command that starts a warm node worker (the warm host's path is appended). */
  readonly launcher?: readonly string[];
  /** Module exporting `__corralEntry` for source tasks (bundles export it themselves). */
  readonly entry?: string;
  /** Warm workers' limits, or false for a fresh `node` per attempt. */
  readonly warm?: WarmOptions | false;
  /** Variables the runner removes from the task's environment: these names, and names with these endings (corral's one secret list). */
  readonly secretEnv?: { readonly names: readonly string[]; readonly suffixes: readonly string[] };
}

/**
 * Limits of the long-lived `node` workers that run attempts on an engine's
 * workers (one per worker slot, bundles kept loaded).
 *
 * @example
 * ```ts
 * new DaskEndpoint({ name: 'cluster', address, warm: { recycleAfter: 1000, maxMemoryBytes: 2 ** 31 } });
 * ```
 */
export interface WarmOptions {
  /** Replace a worker after this many attempts (default: never). */
  readonly recycleAfter?: number;
  /** Kill and replace a worker whose resident memory passes this (the running attempt fails). */
  readonly maxMemoryBytes?: number;
}

/** The first line the bridge writes. */
export interface BridgeHello {
  readonly type: 'hello';
  readonly protocol: number;
  readonly pid: number;
  readonly python: string;
  readonly executable: string;
  readonly engines: Readonly<Record<string, { available: boolean; version?: string | null; install?: string }>>;
}

/** Error details an engine sends with a failed reply or task. */
export interface BridgeErrorBody {
  readonly code: string;
  readonly name?: string;
  readonly message: string;
  readonly hint?: string;
  readonly failure?: string;
  readonly remoteTaskId?: string;
}

/** The answer to one request. */
export type BridgeReply =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly type: 'reply'; readonly id: number | null; readonly ok: false; readonly error: BridgeErrorBody };

/** What the task runner on the engine's side reports about one run of `node`. */
export interface RunReport {
  /** `data-lost`: a stored argument was missing or damaged when the task side read it (see `lost`). */
  readonly kind: 'response' | 'timeout' | 'spawn' | 'crash' | 'memory' | 'data-lost';
  /** The reference the task side could not read, where it looked and why (kind `data-lost`). */
  readonly lost?: { readonly ref: { readonly id: string; readonly bytes: number; readonly digest: string; readonly store: string; readonly site: string; readonly producer?: string }; readonly where: string; readonly reason: string };
  readonly host?: string;
  readonly pid?: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly returncode?: number;
  /** The entry protocol's response line (JSON text), when kind is `response`. */
  readonly response?: string;
  readonly message?: string;
  readonly stderr?: string;
  readonly stdout?: string;
  readonly remoteTaskId?: string;
  /** Seconds of node start and module import this attempt paid (0 on a warm worker). */
  readonly coldStartSeconds?: number;
  /** True when a warm node worker ran it. */
  readonly warm?: boolean;
  /** Why no warm worker could start here (the attempt then ran on a node of its own). */
  readonly warmError?: string;
  /** True when the warm worker imported the task's bundle for this attempt (false: already loaded). */
  readonly imported?: boolean;
  /** The warm node worker's pid and how many attempts it has run. */
  readonly workerPid?: number;
  readonly workerTasks?: number;
}

/** The outcome of one task, sent when it finishes. */
export interface BridgeResult {
  readonly type: 'result';
  readonly endpoint: string;
  readonly task: string;
  readonly run?: RunReport;
  readonly error?: BridgeErrorBody;
}

/** Sent every few seconds while the bridge is alive. */
export interface BridgeHeartbeat {
  readonly type: 'heartbeat';
  readonly at: number;
  readonly inflight: number;
}

/** Any line the bridge writes. */
export type BridgeMessage = BridgeHello | BridgeReply | BridgeResult | BridgeHeartbeat;
