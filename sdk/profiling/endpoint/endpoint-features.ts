import type { EndpointDescription } from '../../endpoints/index.js';

/**
 * The features an endpoint contributes to a composite model: cores, clock,
 * memory, GPUs, the calibration score and the architecture (a category).
 * Missing facts are left out, and the model imputes them.
 *
 * @example
 * ```ts
 * endpointFeatures(laptop.describe()); // { 'ep.cores': 8, 'ep.memoryGiB': 16, 'ep.calibration': 41200, 'ep.arch': 'x64' }
 * ```
 */
export function endpointFeatures(d: Pick<EndpointDescription, 'hardware'>): Record<string, number | string> {
  const h = d.hardware;
  const out: Record<string, number | string> = {};
  if (Number.isFinite(h.cores)) out['ep.cores'] = h.cores;
  if (h.clockMHz !== undefined && Number.isFinite(h.clockMHz)) out['ep.clockMHz'] = h.clockMHz;
  if (h.memoryGiB !== undefined && Number.isFinite(h.memoryGiB)) out['ep.memoryGiB'] = h.memoryGiB;
  out['ep.gpus'] = h.gpus ?? 0;
  if (h.calibration !== undefined && Number.isFinite(h.calibration) && h.calibration > 0) out['ep.calibration'] = h.calibration;
  out['ep.arch'] = h.arch ?? 'unknown';
  return out;
}

/**
 * Names of the endpoint features {@link endpointFeatures} may produce.
 *
 * @example
 * ```ts
 * const inputOnly = Object.keys(row).filter((k) => !(ENDPOINT_FEATURE_NAMES as readonly string[]).includes(k));
 * ```
 */
export const ENDPOINT_FEATURE_NAMES = ['ep.cores', 'ep.clockMHz', 'ep.memoryGiB', 'ep.gpus', 'ep.calibration', 'ep.arch'] as const;
