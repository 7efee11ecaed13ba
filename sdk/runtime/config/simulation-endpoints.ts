import { dirname } from 'node:path';
import type { EndpointDescription } from '../../endpoints/index.js';
import { deltaTransferModel, deltaTransferSamples, TransferModel, type SimEndpoint } from '../../placement/index.js';
import { costModelFor, costValidator } from '../cost-models.js';
import { loadEndpointsFile, type EndpointsFile, type EndpointsFileEntry } from './endpoints-file.js';
import { pricedAt } from './priced-at.js';

/** The endpoints of endpoints.yaml as `corral plan` and `corral simulate` model them. */
export interface SimulationEndpoints {
  readonly endpoints: SimEndpoint[];
  /** The file's `transfer:` links and egress prices (a default of 50 ms and 100 MB/s when it has none, DELTA's with `seed: delta`). */
  readonly transfer: TransferModel;
}

/** What a simulated endpoint may set beyond the common fields (its kind's schema checked them). */
interface SimulatedFields {
  speed?: number; coldStartS?: number; preemptionPerHour?: number; availability?: number; noiseCv?: number; memoryGiB?: number; gpus?: number;
}

/**
 * The endpoints of an endpoints file as numbers for the planner and the
 * simulator. `kind: simulated` entries give their speed, cold start,
 * preemption and availability; any other kind (local, dask, globus-compute)
 * is modelled at speed 1 with its workers, transfer group and the price of a
 * busy hour under its `cost:` block, so a real session's file can be planned
 * and simulated as it is.
 *
 * @example
 * ```ts
 * const { endpoints, transfer } = simulationEndpoints(loadEndpointsFile('endpoints.yaml'));
 * const result = await simulate({ graph, endpoints, transfer }, { policy: 'heft' });
 * ```
 */
export function simulationEndpoints(spec: EndpointsFile): SimulationEndpoints {
  return {
    // A cost block can be well-formed yet unpriceable (unknown instance type, missing price file): say where it is.
    endpoints: spec.entries.map((e) => pricedAt(spec, e.common.name, () => toSimEndpoint(e, dirname(spec.file)))),
    transfer: transferModelOf(spec),
  };
}

/**
 * The transfer model an endpoints.yaml describes: its `transfer:` seed,
 * default and links, and each endpoint's `cost.egressUsdPerGB` as the egress
 * price of its transfer group. The runtime refines it with observed moves.
 *
 * @example
 * ```ts
 * const transfer = transferModelOf(loadEndpointsFile('endpoints.yaml'));
 * transfer.observeAll(journalMoves);
 * ```
 */
export function transferModelOf(spec: EndpointsFile): TransferModel {
  const t = spec.transfer;
  // An explicit default replaces DELTA's median link for the pairs DELTA never measured; its measured pairs stay.
  const model = t?.seed !== 'delta' ? new TransferModel(t?.default)
    : t.default ? new TransferModel(t.default).seed(deltaTransferSamples()) : deltaTransferModel();
  for (const l of t?.links ?? []) model.link(l.from, l.to, { latencyS: l.latencyS, bytesPerS: l.bytesPerS, ...(l.usdPerGB !== undefined ? { usdPerGB: l.usdPerGB } : {}) });
  for (const e of spec.entries) if (e.egressUsdPerGB !== undefined) model.egress(e.common.transferGroup ?? e.common.name, e.egressUsdPerGB);
  return model;
}

/**
 * {@link simulationEndpoints} of the endpoints.yaml at `file` (`cost:` blocks
 * checked as `Corral.open` checks them).
 *
 * @example
 * ```ts
 * const problem = { graph: readWorkflowFile('montage.xml'), ...loadSimulationEndpoints('endpoints.yaml') };
 * ```
 */
export function loadSimulationEndpoints(file: string): SimulationEndpoints {
  return simulationEndpoints(loadEndpointsFile(file, costValidator()));
}

function toSimEndpoint({ common, options }: EndpointsFileEntry, baseDir: string): SimEndpoint {
  const sim = (common.kind === 'simulated' ? options : {}) as SimulatedFields;
  const workers = common.workers ?? 1;
  const transferGroup = common.transferGroup ?? common.name;
  const { usdPerHour, watts } = busyHourPrice(common.name, common.kind, workers, transferGroup, common.cost, baseDir);
  return {
    name: common.name, workers, speed: sim.speed ?? 1, transferGroup, coldStartS: sim.coldStartS ?? 0, usdPerHour, watts,
    preemptionPerHour: sim.preemptionPerHour ?? 0, availability: sim.availability ?? 1, noiseCv: sim.noiseCv ?? 0,
    ...(sim.memoryGiB !== undefined ? { memoryGiB: sim.memoryGiB } : {}),
    ...(sim.gpus !== undefined ? { gpus: sim.gpus } : {}),
  };
}

/** Dollars and watts of one busy worker: the simulator's own shorthand, else an hour priced by the `cost:` block's model. */
function busyHourPrice(name: string, kind: string, workers: number, transferGroup: string, cost: Readonly<Record<string, unknown>> | undefined, baseDir: string): { usdPerHour: number; watts: number } {
  if (kind === 'simulated' && (!cost || !('model' in cost))) return { usdPerHour: Number(cost?.usdPerHour ?? 0), watts: Number(cost?.watts ?? 0) };
  const description: EndpointDescription = { name, kind, workers, transferGroup, hardware: { cores: 1 }, ...(cost ? { cost } : {}) };
  const hour = costModelFor(description, baseDir).estimate(description, 3600, new Date());
  return { usdPerHour: hour.usd, watts: hour.joules / 3600 };
}
