// Shared set-up of the federated benchmarks: process endpoints (optionally with emulated
// slowdowns, labelled as such), data specs, a warm-up round, and a run to a target accuracy.
import { fileURLToPath } from 'node:url';
import { LocalEndpoint } from '../sdk/endpoints/index.js';
import { federatedJob, loadClientData, loadTestData, runFederated, type ClientDataSpec, type FederatedJob, type FederatedResult, type PartitionSpec, type TrainingDefaults, type Tuner, type WeightCompression, type Dataset } from '../sdk/federated/index.js';
import { initialModelWeights, modelEvaluator, trainLocally, useWasmBackend, buildModel, evaluateModel, type ModelSpec } from '../sdk/federated/training.js';
import { DIGITS_MLP, FederatedBenchClients, MNIST_CNN, MNIST_MLP } from './federated-clients.js';

export type BenchTask = 'digitsMlp' | 'mnistMlp' | 'mnistCnn';
export const MODELS: Record<BenchTask, ModelSpec> = { digitsMlp: DIGITS_MLP, mnistMlp: MNIST_MLP, mnistCnn: MNIST_CNN };
const digitsFile = fileURLToPath(new URL('../__tests__/fixtures/fl/digits.csv.gz', import.meta.url));

/** One data spec per client of a partition of digits or MNIST. */
export function dataSpecs(task: BenchTask, clients: number, partition: PartitionSpec, maxExamples?: number): ClientDataSpec[] {
  return Array.from({ length: clients }, (_, index) => (task === 'digitsMlp'
    ? { dataset: 'digits', path: digitsFile, clients, index, partition, seed: 1 }
    : { dataset: 'mnist', clients, index, partition, seed: 1, maxExamples }));
}

/** Process endpoints, one per client; `slowdowns[i]` > 1 emulates a slower endpoint (sleep-throttled, not real hardware). */
export function processEndpoints(prefix: string, slowdowns: readonly number[]): LocalEndpoint[] {
  return slowdowns.map((s, i) => new LocalEndpoint({
    name: `${prefix}-${i}`, workers: 1, mode: 'process', labels: s > 1 ? { 'corral.emulatedSlowdown': String(s) } : {},
  }));
}

export interface BenchRun {
  readonly result: FederatedResult;
  /** Test accuracy after each round. */
  readonly accuracy: number[];
  /** Seconds since the first measured round began, at the end of each round. */
  readonly elapsed: number[];
  /** Seconds until the target accuracy was first reached, if it was. */
  readonly secondsToTarget?: number;
  readonly roundsToTarget?: number;
}

/**
 * Runs one federated job on already-warm endpoints, stopping early once the
 * test accuracy reaches `stopAt` (saves CPU on a shared machine).
 */
export async function runToTarget(options: {
  task: BenchTask; endpoints: readonly LocalEndpoint[]; specs: readonly ClientDataSpec[]; rounds: number; training: TrainingDefaults;
  strategy?: string; tuner?: Tuner; compression?: WeightCompression; stopAt?: number; test: Dataset; log?: (line: string) => void;
}): Promise<BenchRun> {
  const { task, endpoints, specs } = options;
  const accuracy: number[] = [];
  const elapsed: number[] = [];
  const abort = new AbortController();
  const t0 = performance.now();
  let secondsToTarget: number | undefined;
  let roundsToTarget: number | undefined;
  const job: FederatedJob = federatedJob(FederatedBenchClients, task, {
    endpoints, data: Object.fromEntries(endpoints.map((e, i) => [e.name, specs[i]])),
    rounds: options.rounds, strategy: options.strategy ?? 'fedavg', tuner: options.tuner, compression: options.compression,
    initialWeights: await initialModelWeights(MODELS[task]), training: options.training,
    evaluate: modelEvaluator(MODELS[task], options.test), signal: abort.signal,
    events: { emitEvent: (e) => {
      if (e.type !== 'fl:round') return;
      accuracy.push(e.metrics.accuracy!);
      elapsed.push((performance.now() - t0) / 1000);
      options.log?.(`  round ${e.round}: accuracy ${(e.metrics.accuracy! * 100).toFixed(2)}% round ${e.metrics.roundSeconds!.toFixed(2)} s overhead ${e.metrics.overheadSeconds!.toFixed(3)} s`);
      if (options.stopAt !== undefined && e.metrics.accuracy! >= options.stopAt && secondsToTarget === undefined) {
        secondsToTarget = elapsed[elapsed.length - 1];
        roundsToTarget = e.round;
        abort.abort();
      }
    } },
  });
  const result = await runFederated(job);
  return { result, accuracy, elapsed, secondsToTarget, roundsToTarget };
}

/** One tiny round so every endpoint process has loaded tfjs, the task module and its data before timing starts. */
export async function warmUp(task: BenchTask, endpoints: readonly LocalEndpoint[], specs: readonly ClientDataSpec[], test: Dataset): Promise<void> {
  await runToTarget({ task, endpoints, specs, rounds: 1, training: { epochs: 1, batchSize: 8, learningRate: 0.01, sampleCount: 8 }, test: { ...test, x: test.x.subarray(0, 8 * test.featureShape.reduce((a, b) => a * b, 1)), y: test.y.subarray(0, 8) } });
}

/** Centralised baseline in this process: the same model trained on the union of the clients' data. */
export async function centralised(task: BenchTask, specs: readonly ClientDataSpec[], test: Dataset, training: TrainingDefaults): Promise<{ accuracy: number; seconds: number }> {
  const tf = await useWasmBackend();
  const parts = await Promise.all(specs.map((s) => loadClientData(s)));
  const width = parts[0]!.featureShape.reduce((a, b) => a * b, 1);
  const n = parts.reduce((k, p) => k + p.y.length, 0);
  const x = new Float32Array(n * width);
  const y = new Int32Array(n);
  let at = 0;
  for (const p of parts) { x.set(p.x, at * width); y.set(p.y, at); at += p.y.length; }
  const model = buildModel(tf, MODELS[task]);
  const t0 = performance.now();
  await trainLocally(tf, model, { x, y, featureShape: parts[0]!.featureShape, numClasses: 10 }, { round: 1, client: 'central', ...training, compression: 'none', seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const { accuracy } = evaluateModel(tf, model, test);
  model.dispose();
  return { accuracy, seconds };
}

export { loadTestData };

/** Progress lines of the federated benchmarks go to stderr (stdout carries the JSON result). */
export function benchLog(line: string): void {
  process.stderr.write(`${line}\n`);
}
