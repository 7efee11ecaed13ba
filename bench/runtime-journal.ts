import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorralDatabase } from '../sdk/database/index.js';
import { Journal, encodeValue } from '../sdk/runtime/journal/index.js';
import type { Benchmark } from './benchmark.js';

// A no-op call's journal traffic, in two turns of the event loop as a run makes it: submitted, ready, placed and
// started together; done (attempt, call, event) later. `window` calls per turn, as many as are in flight.
const result = encodeValue(1);

/** The journal as corral writes it: typed records, one group commit per turn. */
function viaJournal(file: string, n: number, window: number): void {
  const j = Journal.open(file);
  for (let start = 0; start < n; start += window) {
    const end = Math.min(n, start + window);
    for (let i = start; i < end; i++) {
      const callId = `c${i}`;
      const at = 1_700_000_000_000 + i;
      j.insertCall('r', { callId, seq: i, taskId: 'Noop.noop', dependsOn: [], at });
      j.setCallState('r', callId, 'ready', `Noop.noop:h${i}:1`);
      j.recordEvent('r', { callId, at, type: 'task:ready' });
      j.placeCall('r', callId, { endpoint: 'local', attempt: 1, predicted: { seconds: 0.001, usd: 0, joules: 0 } });
      j.recordAttempt('r', { callId, attempt: 1, endpoint: 'local', at });
    }
    j.flush();
    for (let i = start; i < end; i++) {
      const callId = `c${i}`;
      const at = 1_700_000_000_001 + i;
      j.finishAttempt('r', { callId, attempt: 1, state: 'done', startedAt: at, endedAt: at, queueSeconds: 0, runSeconds: 0.0001, coldStartSeconds: 0, usd: 0, joules: 0 });
      j.finishCall('r', { callId, state: 'done', endpoint: 'local', at, runSeconds: 0.0001, usd: 0, joules: 0, result });
      j.recordEvent('r', { callId, at, type: 'task:done', data: { endpoint: 'local', attempt: 1, runSeconds: 0.0001, usd: 0, joules: 0 } });
    }
    j.flush();
  }
  j.close();
}

/** The baseline: one prepared statement per state change (nine per call), each turn in one transaction, as corral wrote it before. */
function viaStatements(file: string, n: number, window: number): void {
  const db = openCorralDatabase(file);
  const s = {
    insertCall: db.prepare('INSERT INTO calls (run_id, call_id, seq, task_id, state, depends_on, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    callState: db.prepare('UPDATE calls SET state = ?, call_key = COALESCE(?, call_key) WHERE run_id = ? AND call_id = ?'),
    callPlaced: db.prepare('UPDATE calls SET state = ?, endpoint = ?, attempts = ?, predicted_seconds = ?, predicted_usd = ?, predicted_joules = ?, started_at = COALESCE(started_at, ?) WHERE run_id = ? AND call_id = ?'),
    callDone: db.prepare('UPDATE calls SET state = ?, endpoint = COALESCE(?, endpoint), ended_at = ?, run_seconds = ?, usd = ?, joules = ?, result = ? WHERE run_id = ? AND call_id = ?'),
    insertAttempt: db.prepare(`INSERT INTO attempts (run_id, call_id, attempt, endpoint, state, submitted_at) VALUES (?, ?, ?, ?, 'running', ?)`),
    finishAttempt: db.prepare(`UPDATE attempts SET state = ?, started_at = ?, ended_at = ?, queue_seconds = ?, run_seconds = ?, cold_start_seconds = ?, usd = ?, joules = ?, error = ?
      WHERE run_id = ? AND call_id = ? AND attempt = ?`),
    event: db.prepare('INSERT INTO events (run_id, call_id, at, type, data) VALUES (?, ?, ?, ?, ?)'),
  };
  const commit = db.transaction((ops: Array<() => void>) => { for (const op of ops) op(); });
  for (let start = 0; start < n; start += window) {
    const end = Math.min(n, start + window);
    const first: Array<() => void> = [];
    for (let i = start; i < end; i++) {
      const callId = `c${i}`;
      const at = 1_700_000_000_000 + i;
      first.push(() => s.insertCall.run('r', callId, i, 'Noop.noop', 'waiting', '[]', at));
      first.push(() => { s.callState.run('ready', `Noop.noop:h${i}:1`, 'r', callId); s.event.run('r', callId, at, 'task:ready', null); });
      first.push(() => s.callPlaced.run('queued', 'local', 1, 0.001, 0, 0, null, 'r', callId));
      first.push(() => { s.callState.run('running', null, 'r', callId); s.insertAttempt.run('r', callId, 1, 'local', at); });
    }
    commit(first);
    const second: Array<() => void> = [];
    for (let i = start; i < end; i++) {
      const callId = `c${i}`;
      const at = 1_700_000_000_001 + i;
      second.push(() => {
        s.finishAttempt.run('done', at, at, 0, 0.0001, 0, 0, 0, null, 'r', callId, 1);
        s.callDone.run('done', 'local', at, 0.0001, 0, 0, result, 'r', callId);
        s.event.run('r', callId, at, 'task:done', JSON.stringify({ endpoint: 'local', attempt: 1, runSeconds: 0.0001, usd: 0, joules: 0 }));
      });
    }
    commit(second);
  }
  db.close();
}

/** CPU microseconds per call of `write` on a fresh journal file. */
function cpuPerCall(write: (file: string, n: number, window: number) => void, n: number, window: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'corral-bench-journal-'));
  try {
    const t0 = process.cpuUsage();
    write(join(dir, 'corral.db'), n, window);
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / n;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The journal's share of a no-op call: the same state changes of `n` calls
 * (1,000 in flight per turn) written through corral's journal and through one
 * prepared statement per state change (the previous design), on disk, in
 * alternating rounds; CPU per call of each and their ratio.
 */
export const runtimeJournal: Benchmark = {
  suite: 'runtime',
  name: 'journal-per-call',
  async run({ quick }) {
    const n = quick ? 5_000 : 50_000;
    const rounds = quick ? 2 : 3;
    let journal = Infinity;
    let statements = Infinity;
    // Alternating rounds, best of each: the machine is shared and noisy.
    for (let r = 0; r < rounds; r++) {
      journal = Math.min(journal, cpuPerCall(viaJournal, n, 1000));
      statements = Math.min(statements, cpuPerCall(viaStatements, n, 1000));
    }
    return {
      metrics: { calls: n, inFlightPerTurn: 1000, journalCpuUsPerCall: journal, statementPerChangeCpuUsPerCall: statements },
      ratio: journal / statements,
      ratioMeaning: 'CPU per call of the journal / one prepared statement per state change (< 1 = corral cheaper)',
    };
  },
};
