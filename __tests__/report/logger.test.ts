import { Writable } from 'node:stream';
import { createLogger, logRunEvents } from '../../sdk/report/index.js';
import { RunEvents } from '../../sdk/runtime/index.js';
import { sampleEvents } from './run-events-sample.js';

function jsonLines() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({ write(chunk, _enc, done) { for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l)); done(); } });
  return { destination, lines };
}

describe('createLogger and logRunEvents', () => {
  it('logs failures as warn and error lines that name task, endpoint, attempt and remote log', async () => {
    const { destination, lines } = jsonLines();
    const events = new RunEvents();
    const stop = logRunEvents(events, createLogger({ level: 'info', destination }));
    for (const e of sampleEvents()) events.emitEvent(e);
    stop();
    await new Promise((r) => setImmediate(r));
    const failed = lines.find((l) => l.event === 'task:failed')!;
    expect(failed).toMatchObject({ level: 50, name: 'corral', callId: 'c2', taskId: 'Images.classify', endpoint: 'laptop', attempt: 2, logRef: '/tmp/corral/logs/c2-2.log' });
    expect(failed.msg).toContain('failed on endpoint laptop, attempt 2');
    expect(failed.msg).toContain('remote log: /tmp/corral/logs/c2-2.log');
    const preempted = lines.find((l) => l.event === 'attempt:failed' && l.attempt === 1)!;
    expect(preempted).toMatchObject({ level: 40, endpoint: 'spot' });
    expect(preempted.msg).toContain('(preempted)');
    expect(lines.find((l) => l.event === 'task:done')).toMatchObject({ level: 30, endpoint: 'laptop', usd: 0.05 });
    expect(lines.find((l) => l.event === 'run:finished')).toMatchObject({ level: 50, ok: false });
  });

  it('keeps debug lines out at info and lets them through at debug', async () => {
    const count = async (level: string) => {
      const { destination, lines } = jsonLines();
      const events = new RunEvents();
      logRunEvents(events, createLogger({ level, destination }));
      for (const e of sampleEvents()) events.emitEvent(e);
      await new Promise((r) => setImmediate(r));
      return lines.filter((l) => l.event === 'task:placed').length;
    };
    expect(await count('info')).toBe(0);
    expect(await count('debug')).toBe(3);
  });

  it('refuses an unknown level and names the allowed ones', () => {
    expect(() => createLogger({ level: 'loud' })).toThrow('log level "loud" is not one of fatal, error, warn, info, debug, trace, silent');
  });
});
