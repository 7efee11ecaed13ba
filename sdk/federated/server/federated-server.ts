import { randomUUID } from 'node:crypto';
import { RoundStore, type RoundCheckpoint } from '../checkpoint/round-store.js';
import { FederatedConfigError, FederatedError, TooFewClientsError } from '../errors.js';
import { createStrategy } from '../strategies/registry.js';
import type { ClientInfo, FitResult, Strategy } from '../strategies/strategy.js';
import { ClientSpeeds } from '../tuner/client-speed.js';
import { UniformTuner } from '../tuner/tuner.js';
import { decodeWeights, encodedBytes, encodeWeights, type EncodedWeights } from '../weights/compression.js';
import { describeShapes } from '../weights/flat-weights.js';
import type { ClientUpdate } from '../client/fit-client.js';
import type { FederatedClient, FederatedJob, FederatedResult, RoundRecord } from './federated-options.js';
import { runRoundClients } from './run-round-clients.js';
import { selectClients } from './select-clients.js';
import { validateUpdate } from './validate-update.js';

/**
 * The federated server loop over corral endpoints. Each round it selects
 * clients (fraction, minClients), configures them (strategy, then tuner),
 * submits the `@federated` method to each client's endpoint with the global
 * weights as binary, waits until the deadline, rejects wrong-shape or NaN
 * updates by name, aggregates, evaluates, checkpoints the round and emits
 * `fl:round`. Failed, late and rejected clients are tolerated while at least
 * `minClients` updates remain; below that the run stops with
 * TooFewClientsError and the last finished round stays checkpointed.
 *
 * @example
 * ```ts
 * const { weights, rounds } = await runFederated({
 *   locator: { module: '/app/digits.ts', kind: 'method', className: 'Digits', member: 'train' }, taskId: 'Digits.train',
 *   clients, initialWeights, rounds: 20, training: { epochs: 1, batchSize: 32, learningRate: 0.1 },
 *   strategy: 'fedavg', minClients: 4, roundDeadlineS: 30, checkpoint: { db, runId: 'digits' },
 * });
 * ```
 */
export async function runFederated(job: FederatedJob): Promise<FederatedResult> {
  checkJob(job);
  const started = performance.now();
  const strategy = createStrategy(job.strategy);
  const tuner = job.tuner ?? new UniformTuner();
  const runId = job.checkpoint?.runId ?? job.runId ?? randomUUID();
  const store = job.checkpoint ? new RoundStore(job.checkpoint.db) : undefined;
  const shapes = job.initialWeights.shapes;
  const minClients = job.minClients ?? 1;
  const evaluateEvery = job.evaluateEvery ?? 1;
  const compression = job.compression ?? 'none';
  let weights = job.initialWeights.data;
  let speeds = new ClientSpeeds(0.5, job.knownSpeeds);
  const examples = new Map<string, number>();

  const resume = store?.last(runId);
  if (resume) {
    if (describeShapes(resume.shapes) !== describeShapes(shapes)) {
      throw new FederatedConfigError(`run ${runId}: checkpointed model has shapes ${describeShapes(resume.shapes)}, this job's model ${describeShapes(shapes)}; use another runId`);
    }
    weights = resume.weights;
    restoreStrategy(strategy, resume.strategy, runId, resume.round);
    speeds = new ClientSpeeds(0.5, { ...job.knownSpeeds, ...resume.speeds });
    for (const [key, value] of Object.entries(resume.metrics)) {
      const m = /^client\.(.+)\.examples$/.exec(key);
      if (m) examples.set(m[1]!, value);
    }
  }
  const resumedAfter = resume?.round ?? 0;
  const records: RoundRecord[] = store && resumedAfter > 0 ? store.rounds(runId).map((r) => ({ round: r.round, metrics: r.metrics, dropped: {} })) : [];

  for (let round = resumedAfter + 1; round <= job.rounds; round++) {
    if (job.signal?.aborted) break;
    const r0 = performance.now();
    let overheadMs = 0;
    const timed = <T>(fn: () => T): T => {
      const t = performance.now();
      try { return fn(); } finally { overheadMs += performance.now() - t; }
    };

    const online: FederatedClient[] = [];
    const dropped: Record<string, string> = {};
    await Promise.all(job.clients.map(async (c) => {
      const status = await c.endpoint.status().catch(() => ({ online: false }));
      if (status.online) online.push(c);
      else dropped[c.id] = `endpoint ${c.endpoint.name} is offline`;
    }));
    online.sort((a, b) => job.clients.indexOf(a) - job.clients.indexOf(b));
    const selected = selectClients(online, { fraction: job.fraction ?? 1, minClients, round, seed: job.seed ?? 0 });
    const infos: ClientInfo[] = selected.map((c) => ({
      id: c.id, endpoint: c.endpoint.name, numExamples: examples.get(c.id), samplesPerS: speeds.get(c.id)?.samplesPerS,
    }));
    const base = strategy.configure(round, infos, job.training);
    const configs = tuner.tune(base, infos, speeds, { deadlineS: job.roundDeadlineS }).map((cfg, i) => ({
      ...cfg, compression, endpoint: selected[i]!.endpoint.name, data: selected[i]!.data,
      emulatedSlowdown: emulatedSlowdown(selected[i]!),
    }));
    const payload = timed(() => encodeWeights(weights, compression));

    const outcomes = await runRoundClients({
      runId, round, taskId: job.taskId, locator: job.locator, payload, clients: selected, configs, deadlineS: job.roundDeadlineS, signal: job.signal, submit: job.submit,
    });

    const accepted: FitResult[] = [];
    const clientMetrics: Record<string, number> = {};
    let bytesUp = 0;
    let runSecondsMax = 0;
    for (const o of outcomes) {
      const id = o.client.id;
      clientMetrics[`client.${id}.seconds`] = o.wallSeconds;
      if (o.kind === 'late') { dropped[id] = `missed the ${job.roundDeadlineS} s deadline`; continue; }
      if (o.kind === 'failed') { dropped[id] = `failed on endpoint ${o.client.endpoint.name}: ${o.error.message}`; continue; }
      const update = o.result.value as ClientUpdate;
      try {
        const data = timed(() => {
          if (!update || typeof update !== 'object' || update.weights === undefined) {
            throw new FederatedError('CORRAL_FL_BAD_UPDATE', `client ${id} on endpoint ${o.client.endpoint.name}, round ${round}: returned ${typeof update} instead of { weights, numExamples, metrics }`, { round, client: id, endpoint: o.client.endpoint.name });
          }
          bytesUp += encodedBytes(update.weights as EncodedWeights);
          const decoded = decodeWeights(update.weights as EncodedWeights);
          validateUpdate(decoded, update.shapes, shapes, { round, client: id, endpoint: o.client.endpoint.name });
          return decoded;
        });
        const metrics = update.metrics ?? {};
        accepted.push({ client: infos.find((c) => c.id === id)!, weights: data, numExamples: update.numExamples, metrics });
        if (metrics.examples !== undefined) examples.set(id, metrics.examples);
        const runSeconds = o.result.timings.runSeconds ?? o.wallSeconds;
        runSecondsMax = Math.max(runSecondsMax, runSeconds);
        speeds.observe(id, { samples: metrics.samples ?? 0, trainSeconds: metrics.trainSeconds ?? runSeconds, wallSeconds: o.wallSeconds });
        clientMetrics[`client.${id}.examples`] = examples.get(id) ?? update.numExamples;
        clientMetrics[`client.${id}.samples`] = metrics.samples ?? update.numExamples;
      } catch (e) {
        if (!(e instanceof FederatedError)) throw e;
        dropped[id] = e.message;
      }
    }
    if (accepted.length < minClients) {
      throw new TooFewClientsError(
        `round ${round}: ${accepted.length} usable updates, minClients is ${minClients}; dropped: ${Object.entries(dropped).map(([c, why]) => `${c} (${why})`).join('; ') || 'none'}`,
        accepted.length, minClients, { round },
      );
    }
    weights = timed(() => strategy.aggregate(round, accepted, weights));

    const e0 = performance.now();
    const evaluated = round % evaluateEvery === 0 || round === job.rounds ? await job.evaluate?.(weights, round) : undefined;
    const evaluateSeconds = (performance.now() - e0) / 1000;
    const trainLoss = weightedMean(accepted, 'loss');
    const roundSeconds = (performance.now() - r0) / 1000;
    const metrics: Record<string, number> = {
      round, roundSeconds, clientsSelected: selected.length, clientsAccepted: accepted.length,
      clientsFailed: outcomes.filter((o) => o.kind === 'failed').length, clientsLate: outcomes.filter((o) => o.kind === 'late').length,
      clientsRejected: outcomes.filter((o) => o.kind === 'ok').length - accepted.length,
      bytesDown: encodedBytes(payload) * selected.length, bytesUp,
      // Everything in the round but the slowest client's own training and the evaluation: transport, queueing, serialisation, validation, aggregation.
      overheadSeconds: Math.max(0, roundSeconds - runSecondsMax - evaluateSeconds), serverSeconds: overheadMs / 1000, evaluateSeconds,
      ...(trainLoss === undefined ? {} : { trainLoss }),
      ...evaluated,
      ...clientMetrics,
    };
    const c0 = performance.now();
    store?.save({ runId, round, weights, shapes, metrics, speeds: speeds.toJSON(), strategy: { name: strategy.name, state: strategy.saveState?.() }, at: Date.now() });
    metrics.checkpointSeconds = (performance.now() - c0) / 1000;
    records.push({ round, metrics, dropped });
    const clientSeconds = Object.fromEntries(outcomes.map((o) => [o.client.id, o.wallSeconds]));
    job.events?.emitEvent({ type: 'fl:round', runId, at: Date.now(), round, metrics, clientSeconds, strategy: strategy.name, bytesMoved: metrics.bytesDown! + metrics.bytesUp! });
  }
  return { weights, shapes, rounds: records, resumedAfter, wallSeconds: (performance.now() - started) / 1000 };
}

function restoreStrategy(strategy: Strategy, saved: RoundCheckpoint['strategy'], runId: string, round: number): void {
  if (!saved?.state) return;
  // Another optimiser's moments would silently change the update rule: refuse rather than guess.
  if (saved.name !== strategy.name) {
    throw new FederatedConfigError(`run ${runId}: round ${round} was checkpointed with strategy ${saved.name}, this job uses ${strategy.name}; resume with ${saved.name} or use another runId`);
  }
  if (!strategy.loadState) {
    throw new FederatedConfigError(`run ${runId}: round ${round} checkpointed state of strategy ${saved.name}, but this ${strategy.name} instance has no loadState() to restore it`);
  }
  strategy.loadState(saved.state);
}

function emulatedSlowdown(client: FederatedClient): number | undefined {
  const label = client.endpoint.describe().labels?.['corral.emulatedSlowdown'];
  const value = label === undefined ? NaN : Number(label);
  return Number.isFinite(value) && value > 1 ? value : undefined;
}

function weightedMean(results: readonly FitResult[], key: string): number | undefined {
  const withKey = results.filter((r) => typeof r.metrics[key] === 'number');
  const total = withKey.reduce((n, r) => n + r.numExamples, 0);
  return total > 0 ? withKey.reduce((s, r) => s + r.metrics[key]! * r.numExamples, 0) / total : undefined;
}

function checkJob(job: FederatedJob): void {
  const problems: string[] = [];
  if (!(Number.isInteger(job.rounds) && job.rounds >= 1)) problems.push(`rounds must be a positive whole number; got ${job.rounds}`);
  if (job.clients.length === 0) problems.push('clients is empty');
  const ids = new Set<string>();
  for (const c of job.clients) {
    if (ids.has(c.id)) problems.push(`client id ${c.id} appears twice`);
    ids.add(c.id);
  }
  if (job.minClients !== undefined && job.minClients > job.clients.length) {
    throw new TooFewClientsError(`minClients is ${job.minClients} but the job has only ${job.clients.length} clients (${[...ids].join(', ')})`, job.clients.length, job.minClients);
  }
  if (job.fraction !== undefined && !(job.fraction > 0 && job.fraction <= 1)) problems.push(`fraction must be in (0, 1]; got ${job.fraction}`);
  if (job.roundDeadlineS !== undefined && !(job.roundDeadlineS > 0)) problems.push(`roundDeadlineS must be > 0; got ${job.roundDeadlineS}`);
  if (problems.length) throw new FederatedConfigError(`federated job ${job.taskId}: ${problems.join('; ')}`);
}
