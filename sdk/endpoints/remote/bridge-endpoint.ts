import type { Endpoint, EndpointDescription, EndpointStatus, TaskHandle, TaskSpec } from '../endpoint.js';
import { acquireSharedBridge, pythonInterpreter, releaseSharedBridge, type Bridge } from '../../bridge/index.js';
import { RemoteEndpointCore, type RemoteEndpointCoreOptions } from './remote-endpoint-core.js';
import type { RemoteEndpointOptions } from './remote-endpoint-options.js';

/** What a bridge-backed endpoint adds to {@link RemoteEndpointOptions}: its engine and its facts. */
export interface BridgeEndpointSetup extends Pick<RemoteEndpointCoreOptions, 'engine' | 'config' | 'maxPayloadBytes' | 'storeOverBytes' | 'knownProgram' | 'onDefined'> {
  readonly transferGroup: string;
  readonly limits: EndpointDescription['limits'];
}

/**
 * Base of the endpoints that run tasks through corral's Python bridge
 * (DaskEndpoint, GlobusComputeEndpoint): one shared bridge per interpreter,
 * a {@link RemoteEndpointCore} for the attempts.
 *
 * @example
 * ```ts
 * class MyEngineEndpoint extends BridgeEndpoint {
 *   readonly kind = 'my-engine';
 *   constructor(o: RemoteEndpointOptions) { super(o, { engine: 'process', config: {}, transferGroup: 'me', limits: {} }); }
 * }
 * ```
 */
export abstract class BridgeEndpoint implements Endpoint {
  abstract readonly kind: string;
  readonly name: string;
  /** The shared bridge (exposed for diagnostics and fault tests). */
  readonly bridge: Bridge;
  protected readonly core: RemoteEndpointCore;
  private closed = false;

  protected constructor(readonly remote: RemoteEndpointOptions, private readonly setup: BridgeEndpointSetup) {
    this.name = remote.name;
    this.bridge = acquireSharedBridge({ python: pythonInterpreter(remote.python), env: remote.env, heartbeatS: remote.heartbeatS });
    this.core = new RemoteEndpointCore({
      ...setup, name: remote.name, bridge: this.bridge, program: { node: remote.node, sourceRoot: remote.sourceRoot, warm: remote.warm },
      batchMs: remote.batchMs, resubmitOnBridgeLoss: remote.resubmitOnBridgeLoss,
    });
  }

  describe(): EndpointDescription {
    const o = this.remote;
    return {
      name: this.name, kind: this.kind, workers: o.workers ?? 1, hardware: o.hardware ?? { cores: 1 },
      transferGroup: o.transferGroup ?? this.setup.transferGroup, cost: o.cost, labels: o.labels, limits: this.setup.limits,
    };
  }

  status(): Promise<EndpointStatus> { return this.core.status(); }

  submit(task: TaskSpec): TaskHandle { return this.core.submit(task); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.core.close();
    await releaseSharedBridge(this.bridge);
  }
}
