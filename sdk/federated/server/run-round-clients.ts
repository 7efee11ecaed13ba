import { AttemptError, type TaskResult, type TaskSpec } from '../../endpoints/index.js';
import type { TaskLocator } from '../../graph/index.js';
import type { ClientConfig } from '../strategies/strategy.js';
import type { EncodedWeights } from '../weights/compression.js';
import type { ClientSubmit, FederatedClient } from './federated-options.js';

/** How one client's call in a round ended. */
export type ClientOutcome =
  | { readonly kind: 'ok'; readonly client: FederatedClient; readonly result: TaskResult; readonly wallSeconds: number }
  | { readonly kind: 'failed'; readonly client: FederatedClient; readonly error: Error; readonly wallSeconds: number }
  | { readonly kind: 'late'; readonly client: FederatedClient; readonly wallSeconds: number };

/**
 * Submits the `@federated` method to every selected client's endpoint (through
 * the job's `submit`, corral's dispatcher in a session) and
 * waits until all answer or the round deadline passes; late attempts are
 * cancelled. Never throws: each client's fate is in its outcome.
 *
 * @example
 * ```ts
 * const outcomes = await runRoundClients({ runId, round: 3, taskId, locator, payload, clients, configs, deadlineS: 30 });
 * ```
 */
export async function runRoundClients(options: {
  runId: string; round: number; taskId: string; locator: TaskLocator; payload: EncodedWeights;
  clients: readonly FederatedClient[]; configs: readonly ClientConfig[]; deadlineS?: number; signal?: AbortSignal; submit?: ClientSubmit;
}): Promise<ClientOutcome[]> {
  const { runId, round, taskId, locator, payload, clients, configs, deadlineS, signal } = options;
  const submit = options.submit ?? ((client: FederatedClient, task: TaskSpec) => client.endpoint.submit(task));
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const handles = clients.map((client, i) => submit(client, {
    attemptId: `${runId}:fl:${round}:${client.id}`, callId: `${runId}:fl:${round}:${client.id}`, taskId, attempt: 1, locator,
    args: [payload, configs[i]],
    // A little past the deadline so the endpoint does not kill work the round still waits for.
    timeoutS: deadlineS === undefined ? undefined : deadlineS + 1,
  }));
  const settled = handles.map((h, i) => h.result.then(
    (result): ClientOutcome => ({ kind: 'ok', client: clients[i]!, result, wallSeconds: seconds() }),
    (error: unknown): ClientOutcome => ({ kind: 'failed', client: clients[i]!, error: error instanceof Error ? error : new AttemptError(String(error), 'error', 'Error'), wallSeconds: seconds() }),
  ));
  const outcomes: (ClientOutcome | undefined)[] = clients.map(() => undefined);
  settled.forEach((p, i) => p.then((o) => { outcomes[i] ??= o; }));
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cutoff = new Promise<void>((resolve) => {
    if (deadlineS !== undefined) timer = setTimeout(resolve, deadlineS * 1000);
    onAbort = () => resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  await Promise.race([Promise.all(settled), cutoff]);
  if (timer) clearTimeout(timer);
  if (onAbort) signal?.removeEventListener('abort', onAbort);
  return outcomes.map((o, i) => {
    if (o) return o;
    handles[i]!.cancel(`client ${clients[i]!.id} missed the round ${round} deadline of ${deadlineS} s`);
    return { kind: 'late', client: clients[i]!, wallSeconds: seconds() };
  });
}
