import { PassThrough } from 'node:stream';
import type { Endpoint } from '../../sdk/endpoints/index.js';
import { attachProgress, followSessions, RunProgress } from '../../sdk/report/index.js';
import { Corral, RunEvents } from '../../sdk/runtime/index.js';
import { sampleEvents } from './run-events-sample.js';

function collect(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 160 });
  let text = '';
  stream.on('data', (d: Buffer) => { text += d.toString(); });
  return { stream, text: () => text };
}

describe('RunProgress', () => {
  it('counts calls, endpoint activity, spend and the FL round from events', () => {
    const p = new RunProgress();
    const events = sampleEvents();
    const afterStart = events.findIndex((e) => e.type === 'attempt:started' && e.endpoint === 'spot');
    events.slice(0, afterStart + 1).forEach((e) => p.apply(e));
    expect(p.endpoints()).toEqual([
      { name: 'laptop', queued: 0, running: 0, done: 1, failedAttempts: 0, usd: 0.05 },
      { name: 'spot', queued: 0, running: 1, done: 0, failedAttempts: 0, usd: 0 },
    ]);
    expect(p.active).toBe(1);
    events.slice(afterStart + 1).forEach((e) => p.apply(e));
    expect([p.submitted, p.done, p.failed, p.active, p.usd, p.budgetUsd, p.flRound]).toEqual([2, 1, 1, 0, 0.05, 0.5, 3]);
    expect(p.endpoints().map((e) => [e.name, e.failedAttempts])).toEqual([['laptop', 1], ['spot', 1]]);
    expect(p.lastFailure('c2')).toMatchObject({ endpoint: 'laptop', attempt: 2, logRef: '/tmp/corral/logs/c2-2.log' });
    expect(p.finished).toEqual({ ok: false, error: 'call c2 failed' });
  });
});

describe('attachProgress', () => {
  it('prints plain lines off a TTY, naming task, endpoint, attempt and remote log on failures', () => {
    const events = new RunEvents();
    const out = collect(false);
    const view = attachProgress(events, { stream: out.stream });
    for (const e of sampleEvents()) events.emitEvent(e);
    view.detach();
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('run r1 Images.pipeline started (budget $0.50)');
    expect(lines).toContainEqual(expect.stringMatching(/^done Images\.thumbnail \(call c1\) on laptop in 1\.2 s, \$0\.050 \| 1\/2 done, 1 active, 0 failed \| \$0\.050 of \$0\.50$/));
    expect(lines).toContain('task Images.classify (call c2) failed on endpoint spot, attempt 1 (preempted): Preempted: spot instance reclaimed; retrying');
    const final = lines.find((l) => l.includes('giving up'))!;
    expect(final).toContain("task Images.classify (call c2) failed on endpoint laptop, attempt 2: TaskFailedError: gave up after 2 attempts; remote log: /tmp/corral/logs/c2-2.log");
    expect(lines).toContain('FL round 3: accuracy 0.9125, loss 0.31');
    expect(lines.at(-1)).toMatch(/^run r1 failed: call c2 failed \| 1\/2 done, 0 active, 1 failed \| \$0\.050 of \$0\.50 \| FL round 3 accuracy 0\.912 loss 0\.310$/);
    // placement and attempt starts are too frequent to print one per line
    expect(lines.some((l) => l.includes('placed'))).toBe(false);
  });

  it('draws bars per endpoint on a TTY and stops listening when detached', () => {
    const events = new RunEvents();
    const out = collect(true);
    const view = attachProgress(events, { stream: out.stream });
    const all = sampleEvents();
    for (const e of all.slice(0, -1)) events.emitEvent(e);
    view.detach();
    const text = out.text();
    expect(text).toContain('\u001b['); // cursor control: live bars, not lines
    expect(text).toMatch(/laptop .* 1 failed attempts, \$0\.050/);
    expect(text).toMatch(/spot .* 1 failed attempts, \$0/);
    expect(text).toContain('$0.050 of $0.50');
    expect(text).toContain('remote log: /tmp/corral/logs/c2-2.log');
    const before = view.progress.submitted;
    events.emitEvent(all[1]);
    expect(view.progress.submitted).toBe(before);
    expect(events.listenerCount('event')).toBe(0);
  });
});

describe('attachProgress across runs', () => {
  it('starts the counts again when the session starts another run', () => {
    const events = new RunEvents();
    const out = collect(false);
    const view = attachProgress(events, { stream: out.stream });
    for (const e of [...sampleEvents(), ...sampleEvents()]) events.emitEvent(e);
    view.detach();
    const done = out.text().split('\n').filter((l) => l.startsWith('done Images.thumbnail'));
    expect(done).toHaveLength(2);
    expect(done[1]).toContain('| 1/2 done,');
    expect(view.progress.submitted).toBe(2);
  });
});

describe('followSessions', () => {
  const idle: Endpoint = {
    name: 'idle', kind: 'test',
    describe: () => ({ name: 'idle', kind: 'test', workers: 1, hardware: { cores: 1 }, transferGroup: 'here' }),
    status: async () => ({ online: true, totalWorkers: 1, idleWorkers: 1, queued: 0 }),
    submit: () => { throw new Error('the idle endpoint runs nothing'); },
    close: async () => {},
  };

  it('shows the progress of sessions opened after it, until stopped', async () => {
    const out = collect(false);
    const stop = followSessions({ stream: out.stream });
    const followed = await Corral.open({ endpoints: [idle], journal: false });
    followed.events.emitEvent(sampleEvents()[0]);
    stop();
    followed.events.emitEvent(sampleEvents()[0]);
    const unfollowed = await Corral.open({ endpoints: [idle], journal: false });
    unfollowed.events.emitEvent(sampleEvents()[0]);
    await Promise.all([followed.close(), unfollowed.close()]);
    expect(out.text()).toBe('run r1 Images.pipeline started (budget $0.50)\n');
  });

  it('writes JSON log lines instead at debug level', async () => {
    const out = collect(false);
    const stop = followSessions({ stream: out.stream, level: 'debug' });
    const session = await Corral.open({ endpoints: [idle], journal: false });
    for (const e of sampleEvents().slice(0, 4)) session.events.emitEvent(e);
    stop();
    await session.close();
    const lines = out.text().trim().split('\n').map((l) => JSON.parse(l) as { event: string; level: number });
    expect(lines.map((l) => l.event)).toEqual(['run:started', 'task:submitted', 'task:submitted', 'task:placed']);
    expect(lines[3].level).toBe(20);
  });
});
