import type Database from 'better-sqlite3';
import type { Endpoint } from '../../endpoints/index.js';
import { definitionOfMethod } from '../../graph/index.js';
import { ClientDataError, FederatedConfigError } from '../errors.js';
import type { FederatedClient, FederatedJob } from './federated-options.js';

/** What `@federated` leaves to the caller: where to run, the model, and the session's services. */
export type FederatedJobInputs = Omit<FederatedJob, 'locator' | 'taskId' | 'clients' | 'rounds' | 'checkpoint'> & {
  readonly endpoints: readonly Endpoint[];
  /** Data spec per endpoint name (endpoints.yaml); the decorator's `data` fills the gaps. */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly rounds?: number;
  /** The corral database, for `checkpoint: true`. */
  readonly db?: Database.Database;
  readonly runId?: string;
  /** Where endpoint data specs come from (the endpoints.yaml path), for the message when one is missing. */
  readonly dataFile?: string;
};

/**
 * Builds the job for a `@federated` method from its decorator options: the
 * locator of the method (its module is where the decorator was applied), the
 * clients (`clients`: a count, or endpoint names), each client's data spec,
 * and the round settings. Options given here win over the decorator's.
 *
 * @example
 * ```ts
 * const job = federatedJob(Digits, 'train', { endpoints, initialWeights, training: { epochs: 1, batchSize: 32, learningRate: 0.1 }, db, runId: 'digits' });
 * const result = await runFederated(job);
 * ```
 */
export function federatedJob(cls: abstract new (...args: any[]) => unknown, member: string, inputs: FederatedJobInputs): FederatedJob {
  const def = definitionOfMethod(cls, member);
  const where = `${cls.name}.${member}`;
  if (!def?.federated) throw new FederatedConfigError(`${where} is not decorated with @federated`);
  if (!def.source?.file) throw new FederatedConfigError(`${where}: corral could not tell which module applied @federated, so endpoints cannot load it`);
  const o = def.federated;
  const { endpoints, data, db, runId, dataFile, ...rest } = inputs;
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  let chosen: Endpoint[];
  if (Array.isArray(o.clients)) {
    chosen = o.clients.map((name) => {
      const e = byName.get(name);
      if (!e) throw new FederatedConfigError(`${where}: @federated clients names endpoint "${name}", which is not open (open: ${[...byName.keys()].join(', ')})`);
      return e;
    });
  } else {
    const count = typeof o.clients === 'number' ? o.clients : endpoints.length;
    if (count > endpoints.length) throw new FederatedConfigError(`${where}: @federated asks for ${count} clients but only ${endpoints.length} endpoints are open`);
    chosen = endpoints.slice(0, count);
  }
  const clients: FederatedClient[] = chosen.map((endpoint) => {
    const spec = data?.[endpoint.name] ?? o.data?.[endpoint.name];
    if (spec === undefined) {
      const file = dataFile ? `\`data:\` under endpoints.${endpoint.name} in ${dataFile}` : 'one under its entry in endpoints.yaml';
      throw new ClientDataError(`${where}: endpoint ${endpoint.name} has no data spec: add ${file} or in @federated({ data: { '${endpoint.name}': ... } })`, { endpoint: endpoint.name });
    }
    return { id: endpoint.name, endpoint, data: spec };
  });
  if (o.checkpoint && !db) throw new FederatedConfigError(`${where}: @federated({ checkpoint: true }) needs the corral database handle`);
  return {
    strategy: o.strategy as FederatedJob['strategy'],
    minClients: o.minClients, fraction: o.fraction, roundDeadlineS: o.roundDeadlineS, evaluateEvery: o.evaluateEvery,
    ...rest,
    rounds: inputs.rounds ?? o.rounds ?? 10,
    locator: { module: def.source.file, kind: def.kind, className: def.className, member: def.member },
    taskId: def.id,
    clients,
    runId,
    checkpoint: o.checkpoint !== false && db ? { db, runId: runId ?? def.id } : undefined,
  };
}
