import type { SimulatedEndpointsFile } from './simulated-config.js';

/** A simulated endpoint as plain numbers, ready for the planner and the simulator. */
export interface SimulatedEndpointModel {
  readonly name: string;
  readonly workers: number;
  readonly speed: number;
  readonly transferGroup: string;
  readonly coldStartS: number;
  readonly usdPerHour: number;
  readonly watts: number;
  readonly preemptionPerHour: number;
  readonly availability: number;
  readonly noiseCv: number;
  readonly memoryGiB?: number;
  readonly gpus?: number;
}

/**
 * The endpoints of a simulator endpoints.yaml with defaults filled in; speed
 * comes from `speed`, else `calibration / referenceCalibration`, else 1.
 *
 * @example
 * ```ts
 * const endpoints = toSimEndpointModels(loadSimulatedEndpoints('endpoints.yaml'));
 * ```
 */
export function toSimEndpointModels(config: SimulatedEndpointsFile): SimulatedEndpointModel[] {
  return config.endpoints.map((ep) => ({
    name: ep.name,
    workers: ep.workers ?? 1,
    speed: ep.speed ?? (ep.calibration !== undefined && config.referenceCalibration ? ep.calibration / config.referenceCalibration : 1),
    transferGroup: ep.transferGroup ?? ep.name,
    coldStartS: ep.coldStartS ?? 0,
    usdPerHour: ep.cost?.usdPerHour ?? 0,
    watts: ep.cost?.watts ?? 0,
    preemptionPerHour: ep.preemptionPerHour ?? 0,
    availability: ep.availability ?? 1,
    noiseCv: ep.noiseCv ?? 0,
    ...(ep.memoryGiB !== undefined ? { memoryGiB: ep.memoryGiB } : {}),
    ...(ep.gpus !== undefined ? { gpus: ep.gpus } : {}),
  }));
}
