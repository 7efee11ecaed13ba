import { CorralError } from '../errors/index.js';
/** Stable codes of {@link BridgeError}. */
export type BridgeErrorCode =
  | 'CORRAL_BRIDGE_PYTHON_MISSING' | 'CORRAL_BRIDGE_PYTHON_TOO_OLD' | 'CORRAL_BRIDGE_ENGINE_MISSING'
  | 'CORRAL_BRIDGE_HANDSHAKE' | 'CORRAL_BRIDGE_LOST' | 'CORRAL_BRIDGE_UNAVAILABLE' | 'CORRAL_BRIDGE_REQUEST'
  | 'CORRAL_BRIDGE_TIMEOUT' | 'CORRAL_BRIDGE_CLOSED';

// The bridge died, timed out or is restarting: a new request may find it back. The rest needs a fix first.
const RETRYABLE: ReadonlySet<BridgeErrorCode> = new Set(['CORRAL_BRIDGE_LOST', 'CORRAL_BRIDGE_TIMEOUT', 'CORRAL_BRIDGE_UNAVAILABLE']);

/**
 * Something went wrong with the Python bridge itself (not with a task):
 * starting it, talking to it, or an engine refusing a request. `hint` says how
 * to fix it when corral knows (for instance which package to install).
 *
 * @example
 * ```ts
 * try { await endpoint.status(); } catch (e) {
 *   if (e instanceof BridgeError && e.code === 'CORRAL_BRIDGE_ENGINE_MISSING') console.error(e.hint);
 * }
 * ```
 */
export class BridgeError extends CorralError {
  override name = 'BridgeError';
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly hint?: string,
    /** The engine's own code (e.g. `CONNECT_FAILED`, `GC_AUTH`) for CORRAL_BRIDGE_REQUEST. */
    readonly engineCode?: string,
  ) {
    super(hint ? `${message}. Fix: ${hint}` : message, { retryable: RETRYABLE.has(code) });
  }
}
