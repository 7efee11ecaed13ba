import { z } from 'zod';
import type { ProgramOptions } from '../../bridge/index.js';
import type { HardwareDescription } from '../endpoint.js';
import type { CommonEndpointConfig } from '../registry.js';

/** What every bridge-backed endpoint (Dask, Globus Compute) is configured with. */
export interface RemoteEndpointOptions extends ProgramOptions {
  readonly name: string;
  /** Attempts that can run at once (placement's view; status() reports the live count). */
  readonly workers?: number;
  readonly hardware?: HardwareDescription;
  readonly transferGroup?: string;
  readonly cost?: Readonly<Record<string, unknown>>;
  readonly labels?: Readonly<Record<string, string>>;
  /** Python with the engine's package for the bridge (else CORRAL_PYTHON, else python3). */
  readonly python?: string;
  /** Extra environment of the bridge process (never secrets: those come from corral's own environment). */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds submissions wait to be sent together in one batch (default 2). */
  readonly batchMs?: number;
  /** Times an in-flight attempt is sent again after the bridge died (default 1). */
  readonly resubmitOnBridgeLoss?: number;
  readonly heartbeatS?: number;
}

/**
 * endpoints.yaml fields every bridge-backed kind accepts, to spread into its schema.
 *
 * @example
 * ```ts
 * const schema = z.strictObject({ address: z.string(), ...remoteEndpointFields });
 * ```
 */
export const remoteEndpointFields = {
  python: z.string({ error: 'must be the path of a Python interpreter' }).optional(),
  node: z.string({ error: 'must be the node command on the workers' }).optional(),
  sourceRoot: z.string({ error: 'must be the path of corral on the workers' }).optional(),
  cores: z.number({ error: 'must be cores per worker' }).positive({ error: 'must be positive' }).optional(),
  memoryGiB: z.number({ error: 'must be GiB per worker' }).positive({ error: 'must be positive' }).optional(),
  env: z.record(z.string(), z.string(), { error: 'must map variable names to strings' }).optional(),
  warm: z.union([z.literal(false), z.strictObject({
    recycleAfter: z.number({ error: 'must be a number of attempts' }).int({ error: 'must be a whole number' }).positive({ error: 'must be positive' }).optional(),
    maxMemoryBytes: z.number({ error: 'must be bytes' }).positive({ error: 'must be positive' }).optional(),
  })], { error: 'must be false (a node per attempt) or { recycleAfter, maxMemoryBytes }' }).optional(),
};

/**
 * The {@link RemoteEndpointOptions} of an endpoints.yaml entry: its common
 * fields plus the kind's own, with `cores`/`memoryGiB` as the hardware.
 *
 * @example
 * ```ts
 * create: (common, options) => new DaskEndpoint(remoteEndpointOptions(common, options)),
 * ```
 */
export function remoteEndpointOptions<T extends { cores?: number; memoryGiB?: number }>(common: CommonEndpointConfig, options: T): Omit<T, 'cores' | 'memoryGiB'> & RemoteEndpointOptions {
  const { cores, memoryGiB, ...rest } = options;
  return {
    ...rest, name: common.name, workers: common.workers, transferGroup: common.transferGroup, cost: common.cost, labels: common.labels,
    hardware: { cores: cores ?? 1, memoryGiB },
  };
}
