import { EventEmitter } from 'node:events';
import { BridgeError } from './bridge-error.js';
import { BridgeProcess, type BridgeProcessOptions } from './bridge-process.js';
import type { BridgeResult } from './protocol.js';

/** Restart policy of a {@link Bridge}. */
export interface BridgeOptions extends BridgeProcessOptions {
  /** Restarts allowed within `restartWindowS` before the bridge counts as unavailable. */
  readonly maxRestarts?: number;
  readonly restartWindowS?: number;
}

/**
 * A supervised bridge program shared by several endpoints: started on first
 * use, restarted when it dies (each start is a new `generation`, so endpoints
 * know to open themselves again), up to `maxRestarts` in `restartWindowS`.
 * Emits `result` for every task outcome and `lost` (with the error) when the
 * process died.
 *
 * @example
 * ```ts
 * const bridge = new Bridge({ python: '/usr/bin/python3' });
 * const { process, generation } = await bridge.ready();
 * await process.request('ping');
 * await bridge.close();
 * ```
 */
export class Bridge extends EventEmitter {
  private current?: BridgeProcess;
  private starting?: Promise<BridgeProcess>;
  private starts: number[] = [];
  private closed = false;
  /** Incremented on every start of the bridge program. */
  generation = 0;

  constructor(readonly options: BridgeOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** The running bridge, started (or restarted) when needed. */
  async ready(): Promise<{ process: BridgeProcess; generation: number }> {
    if (this.closed) throw new BridgeError('CORRAL_BRIDGE_CLOSED', 'bridge was closed');
    if (this.current?.alive) return { process: this.current, generation: this.generation };
    this.starting ??= this.start().finally(() => { this.starting = undefined; });
    const process = await this.starting;
    return { process, generation: this.generation };
  }

  private async start(): Promise<BridgeProcess> {
    const now = Date.now();
    const windowMs = (this.options.restartWindowS ?? 60) * 1000;
    this.starts = this.starts.filter((t) => now - t < windowMs);
    if (this.generation > 0 && this.starts.length > (this.options.maxRestarts ?? 3)) {
      throw new BridgeError('CORRAL_BRIDGE_UNAVAILABLE', `bridge died ${this.starts.length} times within ${windowMs / 1000} s; not restarting it again`);
    }
    this.starts.push(now);
    const process = await BridgeProcess.start(this.options);
    process.on('result', (r: BridgeResult) => this.emit('result', r));
    process.on('lost', (e: BridgeError) => {
      if (this.current === process) this.current = undefined;
      this.emit('lost', e);
    });
    this.current = process;
    this.generation += 1;
    return process;
  }

  /** Process id of the running bridge program (for fault tests and diagnostics). */
  get pid(): number | undefined { return this.current?.alive ? this.current.pid : undefined; }

  /** Shuts the bridge down gracefully. */
  async close(): Promise<void> {
    this.closed = true;
    const p = this.current ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.current = undefined;
    await p?.shutdown();
  }
}
