import { Bridge, type BridgeOptions } from './bridge.js';

const shared = new Map<string, { bridge: Bridge; users: number }>();

/**
 * The bridge shared by every endpoint with the same interpreter and
 * environment: several endpoints, one Python process. Pair with
 * {@link releaseSharedBridge}.
 *
 * @example
 * ```ts
 * const bridge = acquireSharedBridge({ python: '/usr/bin/python3' });
 * // ... endpoints use bridge ...
 * await releaseSharedBridge(bridge);
 * ```
 */
export function acquireSharedBridge(options: BridgeOptions): Bridge {
  const key = JSON.stringify([options.python, options.env ?? {}, options.heartbeatS ?? null]);
  let entry = shared.get(key);
  if (!entry) {
    entry = { bridge: new Bridge(options), users: 0 };
    shared.set(key, entry);
  }
  entry.users += 1;
  return entry.bridge;
}

/**
 * Gives a shared bridge back; the last user shuts it down.
 *
 * @example
 * ```ts
 * await releaseSharedBridge(bridge);
 * ```
 */
export async function releaseSharedBridge(bridge: Bridge): Promise<void> {
  for (const [key, entry] of shared) {
    if (entry.bridge !== bridge) continue;
    entry.users -= 1;
    if (entry.users <= 0) {
      shared.delete(key);
      await bridge.close();
    }
    return;
  }
}
