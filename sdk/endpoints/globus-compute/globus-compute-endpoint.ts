import { BridgeEndpoint, type DataStoreUser, type RemoteEndpointOptions, type TaskDataStore } from '../remote/index.js';
import type { EndpointStatus } from '../endpoint.js';
import { FunctionRegistry } from './function-registry.js';

/**
 * Globus Compute's limit on one submission (10 MB); corral refuses bigger payloads before sending.
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(JSON.stringify(args)) > GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES) passByReference();
 * ```
 */
export const GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES = 10_000_000;
/**
 * Globus Compute's limit on one result (10 MiB).
 *
 * @example
 * ```ts
 * hpc.describe().limits?.maxResultBytes === GLOBUS_COMPUTE_MAX_RESULT_BYTES; // true
 * ```
 */
export const GLOBUS_COMPUTE_MAX_RESULT_BYTES = 10 * 1024 * 1024;

/** A Globus Compute endpoint and how corral reaches it. */
export interface GlobusComputeEndpointOptions extends RemoteEndpointOptions {
  /** The Globus Compute endpoint's UUID. */
  readonly endpointId: string;
  /** Executor batch size (tasks coalesced per upstream request). */
  readonly batchSize?: number;
  /** corral's database, holding the function registrations (default: the journal, from $CORRAL_JOURNAL or `.corral/corral.db`). */
  readonly database?: string;
  /**
   * A store the endpoint's workers reach (endpoints.yaml `store:`): arguments
   * and results over the payload limit go through it by reference.
   */
  readonly dataStore?: TaskDataStore;
  /** Arguments and results whose JSON is larger go through the store (default: the 10 MB limit). */
  readonly storeOverBytes?: number;
}

/**
 * An endpoint backed by Globus Compute (HPC, cloud, edge) through corral's
 * Python bridge and the real globus_compute_sdk. Authenticates with a client
 * identity (GLOBUS_COMPUTE_CLIENT_ID/SECRET), registers one function per
 * bundle hash (cached in corral's database). Arguments and results over the
 * 10 MB cap go through its data store by reference when it has one
 * (`store:`); without one they are refused before sending.
 *
 * @example
 * ```ts
 * const hpc = new GlobusComputeEndpoint({ name: 'polaris', endpointId: '4b116d3c-1703-4f8f-9f6f-39921e5864df', workers: 32 });
 * if ((await hpc.status()).online) await hpc.submit(spec).result;
 * await hpc.close();
 * ```
 */
export class GlobusComputeEndpoint extends BridgeEndpoint implements DataStoreUser {
  readonly kind = 'globus-compute';
  private readonly registry: { current?: FunctionRegistry };

  constructor(readonly options: GlobusComputeEndpointOptions) {
    const registry: { current?: FunctionRegistry } = {};
    const functions = () => (registry.current ??= new FunctionRegistry(options.database));
    const clientId = process.env.GLOBUS_COMPUTE_CLIENT_ID ?? '';
    super(options, {
      engine: 'globus-compute', config: { endpointId: options.endpointId, batchSize: options.batchSize },
      maxPayloadBytes: GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES, storeOverBytes: options.storeOverBytes, transferGroup: `globus-compute:${options.endpointId}`,
      limits: { maxPayloadBytes: GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES, maxResultBytes: GLOBUS_COMPUTE_MAX_RESULT_BYTES },
      knownProgram: (key) => {
        const functionId = functions().lookup(clientId, key);
        return functionId ? { functionId } : undefined;
      },
      onDefined: (key, _program, data) => {
        if (typeof data.functionId === 'string') functions().remember(clientId, key, data.functionId);
      },
    });
    this.registry = registry;
    if (options.dataStore) this.useDataStore(options.dataStore);
  }

  /** Passes arguments and results over the cap through `store` from now on. */
  useDataStore(store: TaskDataStore): void { this.core.useDataStore(store); }

  /** Online, workers and pending tasks from `Client.get_endpoint_status`; offline when unreachable. */
  override status(): Promise<EndpointStatus> { return this.core.status(); }

  /** What `Client.get_endpoint_metadata` says about the endpoint. */
  metadata(): Promise<Record<string, unknown>> { return this.core.metadata(); }

  override async close(): Promise<void> {
    await super.close();
    this.registry.current?.close();
    this.registry.current = undefined;
  }
}
