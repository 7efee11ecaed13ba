import { cpus, totalmem, arch } from 'node:os';
import type { EndpointDescription, HardwareDescription } from '../../endpoints/index.js';
import type { ProfileStore } from '../store/profile-store.js';

/**
 * An endpoint's hardware with its calibration score: from the store when
 * measured before, else measured once by `measure` (for a remote endpoint,
 * run `runCalibrationKernel` there as a task) and cached in the store.
 *
 * @example
 * ```ts
 * const hw = await characteriseEndpoint(store, ep.describe(), async () => (await runOn(ep, runCalibrationKernel)).iterationsPerSecond);
 * ```
 */
export async function characteriseEndpoint(
  store: ProfileStore,
  description: Pick<EndpointDescription, 'name' | 'hardware' | 'transferGroup'>,
  measure: () => Promise<number> | number,
): Promise<HardwareDescription> {
  const known = store.endpoint(description.name);
  if (known?.calibration !== undefined) {
    if (JSON.stringify(known.hardware) !== JSON.stringify(description.hardware)) {
      store.saveEndpoint({ endpoint: description.name, hardware: description.hardware, transferGroup: description.transferGroup });
    }
    return { ...description.hardware, calibration: known.calibration };
  }
  const calibration = description.hardware.calibration ?? (await measure());
  store.saveEndpoint({ endpoint: description.name, hardware: description.hardware, transferGroup: description.transferGroup, calibration });
  return { ...description.hardware, calibration };
}

/**
 * Hardware of this machine as seen by Node (cores, clock, memory,
 * architecture), for endpoints that run here.
 *
 * @example
 * ```ts
 * localHardware(); // { cores: 8, clockMHz: 2400, memoryGiB: 16, arch: 'x64', cpuModel: '...' }
 * ```
 */
export function localHardware(): HardwareDescription {
  const list = cpus();
  return {
    cores: list.length,
    clockMHz: list[0]?.speed || undefined,
    memoryGiB: totalmem() / 2 ** 30,
    cpuModel: list[0]?.model,
    arch: arch(),
  };
}
