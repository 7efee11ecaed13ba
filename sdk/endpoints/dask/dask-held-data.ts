import { decodeWire } from '../../graph/index.js';
import { BridgeError, type Bridge } from '../../bridge/index.js';
import type { TaskHandle, TaskResult, TaskSpec } from '../endpoint.js';
import { HeldDataLostError, heldArgumentIds, type EndpointData } from '../held-data.js';
import { mapResult } from '../map-result.js';

/** Marks the envelope the bridge's dask engine reads first (dask_held.py). */
const ENVELOPE = '$corralData';

/**
 * Results kept on a Dask cluster's workers: the bridge holds their Dask
 * futures by ref id. A task that reads them names them in an envelope before
 * its arguments, so Dask hands the values to it worker to worker; a task
 * asked to keep its result reports only size and digest.
 *
 * @example
 * ```ts
 * const data = new DaskHeldData('cluster', bridge);
 * const handle = data.submit(spec, (s) => core.submit(s));
 * const { value } = await data.fetch(ref.id);
 * ```
 */
export class DaskHeldData implements EndpointData {
  readonly store: string;

  constructor(private readonly endpoint: string, private readonly bridge: Bridge) {
    this.store = `dask:${endpoint}`;
  }

  /** Submits through `send`, wrapping the arguments in the envelope when the task reads or keeps held data. */
  submit(spec: TaskSpec, send: (spec: TaskSpec) => TaskHandle): TaskHandle {
    const held = heldArgumentIds(spec.args);
    if (!spec.keep && held.length === 0) return send(spec);
    const envelope = { [ENVELOPE]: { held, keep: spec.keep ?? null } };
    const handle = send({ ...spec, args: [envelope, ...spec.args] });
    return mapResult(handle, (r) => this.unwrap(r));
  }

  private unwrap(result: TaskResult): TaskResult {
    const v = result.value as { $corralHeld?: unknown; id?: unknown; bytes?: unknown; digest?: unknown } | null;
    if (v === null || typeof v !== 'object' || v.$corralHeld !== 1) return result;
    return { value: undefined, timings: result.timings, held: { id: String(v.id), bytes: Number(v.bytes), digest: String(v.digest) } };
  }

  async fetch(id: string): Promise<{ value: unknown; bytes: number; seconds: number }> {
    let data: Record<string, unknown>;
    let seconds: number;
    try {
      const { process } = await this.bridge.ready();
      const started = performance.now();
      data = await process.request('fetch', { endpoint: this.endpoint, ref: id }, 600);
      // The wire only: decoding the value below is not part of the move.
      seconds = (performance.now() - started) / 1000;
    } catch (error) {
      if (error instanceof BridgeError && (error.engineCode === 'DATA_LOST' || error.engineCode === 'ENDPOINT_NOT_OPEN')) {
        throw new HeldDataLostError(this.endpoint, id, error.message);
      }
      throw error;
    }
    return { value: decodeWire(data.value), bytes: Number(data.bytes), seconds };
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || this.bridge.pid === undefined) return;
    const { process } = await this.bridge.ready();
    await process.request('release', { endpoint: this.endpoint, refs: ids }, 60).catch(() => undefined);
  }
}
