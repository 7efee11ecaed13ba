import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Writable } from 'node:stream';
import { Corral, DASK_PYTHON, LocalEndpoint, attachProgress, createLogger } from '../../sdk/index.js';
import { Bridge } from '../../sdk/bridge/index.js';
import { RemoteEndpointCore } from '../../sdk/endpoints/index.js';
import { logRunEvents } from '../../sdk/report/index.js';
import { remoteTaskSpec } from '../bridge/fixtures/task-spec.js';
import { Leaky } from '../fixtures/tasks/secrets.js';
import { tempDir } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/corral.js');
const secret = `gc-secret-${process.pid}-${Date.now().toString(36)}`;
const token = `tok-${process.pid}-value`;

/** Every byte corral left in a folder (journal, its WAL, reports), in the encodings a string can take there. */
function leaks(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    for (const [encoding, value] of [['utf8', secret], ['utf16le', secret], ['utf8', token]] as const) {
      if (bytes.includes(Buffer.from(value, encoding))) found.push(`${name} (${encoding})`);
    }
  }
  return found;
}

describe.each(['thread', 'process'] as const)('secrets on a kind: local endpoint in %s mode', (mode) => {
  const saved = { secret: process.env.GLOBUS_COMPUTE_CLIENT_SECRET, token: process.env.CORRAL_TEST_TOKEN };
  beforeAll(() => {
    process.env.GLOBUS_COMPUTE_CLIENT_SECRET = secret;
    process.env.CORRAL_TEST_TOKEN = token;
  });
  afterAll(() => {
    for (const [name, value] of [['GLOBUS_COMPUTE_CLIENT_SECRET', saved.secret], ['CORRAL_TEST_TOKEN', saved.token]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test('a task cannot read them, and a secret passed in, returned or thrown never reaches the journal, logs, progress lines, show or the report', async () => {
    const dir = tempDir();
    const journal = join(dir, 'corral.db');
    const lines: string[] = [];
    const corral = await Corral.open({ journal, endpoints: [new LocalEndpoint({ name: 'laptop', workers: 1, mode, env: { CORRAL_TEST_MARKER: 'set' } })], retryBackoffS: 0.01 });
    const sink = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
    const stopLog = logRunEvents(corral.events, createLogger({ level: 'debug', destination: sink }));
    const view = attachProgress(corral.events, { tty: false, stream: sink });
    const stop = () => { stopLog(); view.detach(); };
    let runIds: string[];
    try {
      const out = await corral.run(Leaky, 'leak', secret) as { env: { globus: string | null; token: string | null }; echoed: { nested: { value: string } }; thrown: string };
      expect(out.env).toEqual({ globus: null, token: null });
      // The caller gets its own value back: redaction is of what corral writes, not of results in memory.
      expect(out.echoed.nested.value).toBe(secret);
      const leakRun = corral.lastRunId!;
      await expect(corral.run(Leaky, 'failWith', secret)).rejects.toThrow(secret);
      runIds = [leakRun, corral.lastRunId!];
    } finally {
      stop();
      await corral.close();
    }
    expect(lines.join('')).toContain('[redacted]');
    expect(lines.join('')).not.toContain(secret);

    for (const runId of runIds) {
      const show = await execa('node', [bin, 'show', runId, '--journal', journal], { cwd: root });
      expect(show.stdout).not.toContain(secret);
      await execa('node', [bin, 'report', runId, '--journal', journal, '--out', join(dir, `${runId}.html`)], { cwd: root });
      expect(existsSync(join(dir, `${runId}.html`))).toBe(true);
    }
    const failedShow = await execa('node', [bin, 'show', runIds[1]!, '--journal', journal], { cwd: root });
    expect(failedShow.stdout).toContain('login failed with "[redacted]"');
    expect(leaks(dir)).toEqual([]);
  }, 240_000);
});

describe('secrets on the bridge\'s workers (the process engine, which shares its task runner with Dask and Globus Compute)', () => {
  test('a *_TOKEN variable of corral\'s environment does not reach the task; a plain variable does', async () => {
    const saved = process.env.CORRAL_TEST_TOKEN;
    process.env.CORRAL_TEST_TOKEN = token;
    process.env.CORRAL_TEST_PLAIN = 'plain-value';
    const bridge = new Bridge({ python: DASK_PYTHON, log: () => undefined });
    const core = new RemoteEndpointCore({ name: 'dev', engine: 'process', config: { workers: 1 }, bridge });
    try {
      const [tokenSeen, plainSeen] = await Promise.all([
        core.submit(remoteTaskSpec('envSeen', ['CORRAL_TEST_TOKEN'])).result,
        core.submit(remoteTaskSpec('envSeen', ['CORRAL_TEST_PLAIN'])).result,
      ]);
      expect(tokenSeen.value).toBeNull();
      expect(plainSeen.value).toBe('plain-value');
    } finally {
      await core.close();
      await bridge.close();
      if (saved === undefined) delete process.env.CORRAL_TEST_TOKEN;
      else process.env.CORRAL_TEST_TOKEN = saved;
      delete process.env.CORRAL_TEST_PLAIN;
    }
  }, 180_000);
});
