// corral.federate: a @federated job run from a session, with data specs from endpoints.yaml,
// rounds in the journal, the run in the runs table, and resume by run id.
import { execa } from 'execa';
import { killAtRound } from './kill-at-round.js';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corral, WorkflowError, reportDataFromJournal } from '../../sdk/index.js';
import { ClientDataError, FederatedStoppedError, RoundStore, TooFewClientsError, type FederateInputs } from '../../sdk/federated/index.js';
import { ToyClients } from '../fixtures/fl/toy-clients.js';
import { NamedToyClients } from '../fixtures/fl/toy-named-clients.js';

const dir = mkdtempSync(path.join(tmpdir(), 'corral-federate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Endpoints toy-0..2 with toy data specs (targets 2, 4, 6 unless given), and optionally one without data. */
function endpointsYaml(name: string, options: { withoutData?: boolean; behaviours?: Array<string | undefined>; sleepMs?: number } = {}): string {
  const entries = [2, 4, 6].map((target, i) => `  toy-${i}:
    kind: local
    workers: 1
    data:
      dataset: toy
      target: ${target}
      examples: 1${options.behaviours?.[i] ? `\n      behaviour: ${options.behaviours[i]}` : ''}${options.sleepMs ? `\n      behaviour: sleep\n      sleepMs: ${options.sleepMs}` : ''}
`);
  const extra = options.withoutData ? '  bare:\n    kind: local\n    workers: 1\n' : '';
  const file = path.join(dir, name);
  writeFileSync(file, `endpoints:\n${entries.join('')}${extra}`);
  return file;
}

const inputs = (extra: Partial<FederateInputs> = {}): FederateInputs => ({
  initialWeights: { data: new Float32Array(3), shapes: [[3]] }, training: { epochs: 1, batchSize: 1, learningRate: 1 }, ...extra,
});
/** Every client moves halfway to its target each round: FedAvg gives mean·(1 − 0.5^r). */
const expected = (mean: number, rounds: number) => Math.fround(mean * (1 - 0.5 ** rounds));

describe('corral.federate', () => {
  test('runs a @federated method on the session endpoints with their endpoints.yaml data, recorded as a run with a report', async () => {
    const journal = path.join(dir, 'ok.db');
    const corral = await Corral.open({ endpoints: endpointsYaml('ok.yaml'), journal });
    try {
      const rounds: number[] = [];
      corral.events.on('fl:round', (e) => rounds.push(e.round));
      const result = await corral.federate(ToyClients, 'train', inputs());
      // @federated({ rounds: 3 }) on ToyClients; targets 2, 4, 6 with one example each.
      expect(rounds).toEqual([1, 2, 3]);
      expect(result.weights[0]).toBeCloseTo(expected(4, 3), 6);
      expect(result.runId).toBe(corral.lastRunId);
      const run = corral.journal.getRun(result.runId)!;
      expect(run).toMatchObject({ workflow: 'ToyClients.train', status: 'done', error: null, export_name: 'ToyClients', method: 'train' });
      const report = reportDataFromJournal(corral.journal, result.runId);
      expect(report.run.outcome).toBe('succeeded');
      expect(report.federated!.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
      expect(new Set(report.federated!.clientTimes.map((c) => c.client))).toEqual(new Set(['toy-0', 'toy-1', 'toy-2']));
      expect(new RoundStore(corral.journal.db).rounds(result.runId).map((r) => r.round)).toEqual([1, 2, 3]);
      expect(corral.journal.listRuns().map((r) => r.id)).toContain(result.runId);
      const cli = (...args: string[]) => execa('node', ['bin/corral.js', 'show', result.runId, '--journal', journal, ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
      expect((await cli()).stdout).toMatch(/federated rounds \(3\):/);
      const shown = JSON.parse((await cli('--json')).stdout) as { rounds: Array<{ round: number; clients: number; seconds: number }> };
      expect(shown.rounds.map((r) => [r.round, r.clients])).toEqual([[1, 3], [2, 3], [3, 3]]);
      expect(shown.rounds.every((r) => r.seconds > 0)).toBe(true);
    } finally {
      await corral.close();
    }
  }, 120_000);

  test('client training goes through the dispatcher: corral show --json lists every client attempt with its endpoint and seconds, profiled', async () => {
    const journal = path.join(dir, 'dispatched.db');
    const corral = await Corral.open({ endpoints: endpointsYaml('dispatched.yaml'), journal });
    try {
      const result = await corral.federate(ToyClients, 'train', inputs());
      const cli = (...args: string[]) => execa('node', ['bin/corral.js', 'show', result.runId, '--journal', journal, ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
      const shown = JSON.parse((await cli('--json')).stdout) as { calls: Array<{ task: string; state: string; endpoint: string; attempts: number; seconds: number }> };
      // 3 rounds of 3 clients, each on its own endpoint.
      expect(shown.calls).toHaveLength(9);
      expect(shown.calls.every((c) => c.task === 'ToyClients.train' && c.state === 'done' && c.attempts === 1 && c.seconds > 0)).toBe(true);
      expect(shown.calls.map((c) => c.endpoint).sort()).toEqual(['toy-0', 'toy-0', 'toy-0', 'toy-1', 'toy-1', 'toy-1', 'toy-2', 'toy-2', 'toy-2']);
      const attempts = corral.journal.attempts(result.runId);
      expect(attempts.map((a) => [a.state, a.attempt])).toEqual(Array(9).fill(['done', 1]));
      expect(corral.profiles.attempts('ToyClients.train').filter((a) => a.runId === result.runId)).toHaveLength(9);
    } finally {
      await corral.close();
    }
  }, 120_000);

  test('a client past the round deadline is dropped as late: its call is cancelled through the dispatcher and journaled as failed', async () => {
    const file = path.join(dir, 'late.yaml');
    writeFileSync(file, `endpoints:\n${[2, 4].map((target, i) => `  toy-${i}:\n    kind: local\n    workers: 1\n    data:\n      dataset: toy\n      target: ${target}\n      examples: 1\n`).join('')}  toy-2:\n    kind: local\n    workers: 1\n    data:\n      dataset: toy\n      target: 100\n      examples: 1\n      behaviour: sleep\n      sleepMs: 60000\n`);
    const corral = await Corral.open({ endpoints: file, journal: path.join(dir, 'late.db') });
    try {
      const result = await corral.federate(ToyClients, 'train', inputs({ rounds: 1, roundDeadlineS: 15, runId: 'fl-late' }));
      expect(result.rounds[0]!.dropped).toMatchObject({ 'toy-2': 'missed the 15 s deadline' });
      const calls = corral.journal.calls('fl-late');
      expect(calls.map((c) => [c.endpoint, c.state]).sort()).toEqual([['toy-0', 'done'], ['toy-1', 'done'], ['toy-2', 'failed']]);
    } finally {
      await corral.close();
    }
  }, 120_000);

  test('a run stopped after 2 rounds resumes with the same runId and does only the remaining rounds', async () => {
    const file = endpointsYaml('resume.yaml');
    const journal = path.join(dir, 'resume.db');
    const first = await Corral.open({ endpoints: file, journal });
    const controller = new AbortController();
    first.events.on('fl:round', (e) => { if (e.round === 2) controller.abort(); });
    const stopped = await first.federate(ToyClients, 'train', inputs({ rounds: 5, strategy: 'fedadam', runId: 'fl-resume', signal: controller.signal })).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(FederatedStoppedError);
    expect((stopped as Error).message).toMatch(/ToyClients\.train: run fl-resume stopped after round 2 of 5 \(aborted\); resume it with corral\.federate\(ToyClients, 'train', \{ \.\.\.inputs, runId: 'fl-resume' \}\)/);
    expect(first.journal.getRun('fl-resume')).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped after round 2 of 5') });
    await first.close();

    // A new session (as after a crash) on the same journal.
    const second = await Corral.open({ endpoints: file, journal });
    try {
      const rounds: number[] = [];
      second.events.on('fl:round', (e) => rounds.push(e.round));
      const resumed = await second.federate(ToyClients, 'train', inputs({ rounds: 5, strategy: 'fedadam', runId: 'fl-resume' }));
      expect(resumed.resumedAfter).toBe(2);
      expect(rounds).toEqual([3, 4, 5]);
      expect(resumed.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4, 5]);
      expect(second.journal.getRun('fl-resume')).toMatchObject({ status: 'done', error: null, resumes: 1 });
      // The report covers all five rounds, from both sessions.
      expect(reportDataFromJournal(second.journal, 'fl-resume').federated!.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4, 5]);

      // An uninterrupted FedAdam run of five rounds ends on exactly the same weights: the optimiser's moments were restored.
      const straight = await second.federate(ToyClients, 'train', inputs({ rounds: 5, strategy: 'fedadam', runId: 'fl-straight' }));
      expect(Array.from(resumed.weights)).toEqual(Array.from(straight.weights));
      await expect(second.federate(ToyClients, 'train', inputs({ rounds: 6, strategy: 'fedyogi', runId: 'fl-resume' })))
        .rejects.toThrow('run fl-resume: round 5 was checkpointed with strategy fedadam, this job uses fedyogi');
    } finally {
      await second.close();
    }
  }, 180_000);

  test('a session run killed mid-way (SIGKILL) resumes in a new session; the report has every round', async () => {
    const file = endpointsYaml('killed.yaml', { sleepMs: 300 });
    const journal = path.join(dir, 'killed.db');
    const runner = fileURLToPath(new URL('../fixtures/fl/run-toy-session.ts', import.meta.url));
    const { ended } = await killAtRound(runner, [file, journal, 'fl-killed', '6'], 2);
    expect(ended.signal).toBe('SIGKILL');
    const corral = await Corral.open({ endpoints: file, journal });
    try {
      expect(corral.journal.getRun('fl-killed')).toMatchObject({ workflow: 'ToyClients.train', status: 'running' });
      const finished = new RoundStore(corral.journal.db).last('fl-killed')!.round;
      expect(finished).toBeGreaterThanOrEqual(2);
      // As if the process had died between the round's checkpoint and the journal's next commit.
      corral.journal.db.prepare("DELETE FROM events WHERE run_id = 'fl-killed' AND type = 'fl:round' AND json_extract(data, '$.round') = ?").run(finished);
      const rounds: number[] = [];
      corral.events.on('fl:round', (e) => rounds.push(e.round));
      const resumed = await corral.federate(ToyClients, 'train', inputs({ rounds: 6, strategy: 'fedavgm', runId: 'fl-killed' }));
      expect(resumed.resumedAfter).toBe(finished);
      expect(rounds[0]).toBe(finished + 1);
      expect(corral.journal.getRun('fl-killed')).toMatchObject({ status: 'done', resumes: 1 });
      const report = reportDataFromJournal(corral.journal, 'fl-killed').federated!;
      expect(report.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(report.clientTimes.filter((c) => c.round === finished).map((c) => c.client).sort()).toEqual(['toy-0', 'toy-1', 'toy-2']);
    } finally {
      await corral.close();
    }
  }, 300_000);

  test('a failing run is recorded as failed with its error message', async () => {
    const journal = path.join(dir, 'fail.db');
    const corral = await Corral.open({ endpoints: endpointsYaml('fail.yaml', { behaviours: [undefined, 'throw', 'nan'] }), journal });
    try {
      const error = await corral.federate(ToyClients, 'train', inputs({ runId: 'fl-fail' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooFewClientsError);
      const run = corral.journal.getRun('fl-fail')!;
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^round 1: 1 usable updates, minClients is 2; dropped: toy-1 \(failed on endpoint toy-1: sensor on toy-1 is offline\)/);
    } finally {
      await corral.close();
    }
  }, 120_000);

  test('an endpoint without data is named with the file to add it to; corral.run refuses a @federated method', async () => {
    const file = endpointsYaml('bare.yaml', { withoutData: true });
    const corral = await Corral.open({ endpoints: file, journal: path.join(dir, 'bare.db') });
    try {
      const error = await corral.federate(ToyClients, 'train', inputs({ runId: 'fl-bare' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientDataError);
      expect((error as Error).message).toBe(`ToyClients.train: endpoint bare has no data spec: add \`data:\` under endpoints.bare in ${file} or in @federated({ data: { 'bare': ... } })`);
      // Nothing started, so nothing is recorded.
      expect(corral.journal.getRun('fl-bare')).toBeUndefined();
      // inputs.data fills the gap.
      const result = await corral.federate(ToyClients, 'train', inputs({ rounds: 1, data: { bare: { dataset: 'toy', target: 8, examples: 4 } } }));
      expect(result.weights[0]).toBeCloseTo(expected((2 + 4 + 6 + 32) / 7, 1), 6);

      const run = () => corral.run(ToyClients, 'train', new Float32Array(3), { round: 1, client: 'x', epochs: 1, batchSize: 1, learningRate: 1, compression: 'none', seed: 1 });
      await expect(run()).rejects.toThrow(WorkflowError);
      await expect(run()).rejects.toThrow("ToyClients.train is @federated: run it with corral.federate(ToyClients, 'train', { initialWeights, training, ... })");
    } finally {
      await corral.close();
    }
  }, 120_000);

  test('@federated({ clients }) names the endpoints used; relative data paths resolve from the yaml folder', async () => {
    const sub = path.join(dir, 'conf');
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, 'endpoints.yaml');
    writeFileSync(file, 'endpoints:\n  a:\n    kind: local\n    data:\n      dataset: toy\n      path: data/a.bin\n      target: 1\n      examples: 1\n');
    const corral = await Corral.open({ endpoints: file, journal: path.join(dir, 'rel.db') });
    try {
      expect(corral.endpointData).toEqual({ a: { dataset: 'toy', path: path.join(sub, 'data', 'a.bin'), target: 1, examples: 1 } });
    } finally {
      await corral.close();
    }
    const named = await Corral.open({ endpoints: endpointsYaml('named.yaml', { withoutData: true }), journal: path.join(dir, 'named.db') });
    try {
      const clients: string[][] = [];
      named.events.on('fl:round', (e) => clients.push(Object.keys(e.clientSeconds ?? {})));
      // 'bare' has no data but is not named by @federated({ clients }), so it is not asked.
      const result = await named.federate(NamedToyClients, 'train', inputs());
      expect(clients).toEqual([['toy-0', 'toy-2']]);
      expect(result.weights[0]).toBeCloseTo(expected(4, 1), 6);
      expect(named.journal.getRun(result.runId)!.workflow).toBe('NamedToyClients.train');
    } finally {
      await named.close();
    }
  }, 120_000);
});
