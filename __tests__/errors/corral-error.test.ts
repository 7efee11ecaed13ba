// CorralError: every error corral exports shares the base, a stable code and a
// retryable flag carried by the failure itself (real endpoints, real parsers).
import { fileURLToPath } from 'node:url';
import * as codegen from '../../codegen/index.js';
import * as corral from '../../sdk/index.js';
import { AttemptError, BridgeError, ConfigError, CorralError, LocalEndpoint, UnknownPolicyError, createPolicy, errorCode, isRetryable, type TaskSpec } from '../../sdk/index.js';
import { parseEndpointsYaml } from '../../sdk/runtime/index.js';
import { attemptFailureOf } from '../../sdk/endpoints/index.js';

const faulty = fileURLToPath(new URL('../fixtures/tasks/faulty.ts', import.meta.url));
let seq = 0;
const spec = (member: string, args: unknown[]): TaskSpec => ({
  attemptId: `a${++seq}`, callId: `c${seq}`, taskId: `Faulty.${member}`, attempt: 1, locator: { module: faulty, kind: 'method', className: 'Faulty', member }, args,
});

describe('CorralError', () => {
  test('every error class corral and its codegen export extends CorralError', () => {
    const classes = Object.entries({ ...corral, ...codegen })
      .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error) as Array<[string, { prototype: object }]>;
    expect(classes.length).toBeGreaterThanOrEqual(30);
    expect(classes.filter(([n, c]) => n !== 'CorralError' && !(c.prototype instanceof CorralError)).map(([n]) => n)).toEqual([]);
  });

  describe('attempt failures on a real process endpoint', () => {
    let ep: LocalEndpoint;
    beforeAll(() => { ep = new LocalEndpoint({ name: 'errors-process', workers: 1, mode: 'process' }); });
    afterAll(() => ep.close());

    test('a crashed worker: retryable and billed, code CORRAL_ATTEMPT_CRASH', async () => {
      const e = await ep.submit(spec('exitWorker', [3])).result.catch((x: unknown) => x) as AttemptError;
      expect(e).toBeInstanceOf(CorralError);
      expect(e).toMatchObject({ failure: 'crash', code: 'CORRAL_ATTEMPT_CRASH', retryable: true, billed: true });
      expect(isRetryable(e)).toBe(true);
      expect(errorCode(e)).toBe('CORRAL_ATTEMPT_CRASH');
    });

    test('a result that cannot be sent back: not retryable (a new attempt cannot fix it)', async () => {
      const e = await ep.submit(spec('returnFunction', [])).result.catch((x: unknown) => x) as AttemptError;
      expect(e).toMatchObject({ failure: 'serialization', code: 'CORRAL_ATTEMPT_SERIALIZATION', retryable: false });
      expect(isRetryable(e)).toBe(false);
    });
  });

  test('configuration and policy errors are not retryable and keep their codes', () => {
    let config: unknown;
    try { parseEndpointsYaml('endpoints:\n  a: { kind: local, workers: 0 }\n', 'e.yaml'); } catch (e) { config = e; }
    expect(config).toBeInstanceOf(ConfigError);
    expect(config).toMatchObject({ code: 'CORRAL_CONFIG', retryable: false });
    let policy: unknown;
    try { createPolicy('no-such-policy'); } catch (e) { policy = e; }
    expect(policy).toBeInstanceOf(UnknownPolicyError);
    expect(policy).toBeInstanceOf(CorralError);
    expect(isRetryable(policy)).toBe(false);
    expect(errorCode(policy)).toBe('CORRAL_UNKNOWN_POLICY');
  });

  test('a lost bridge is retryable, a missing engine is not', () => {
    expect(new BridgeError('CORRAL_BRIDGE_LOST', 'bridge exited').retryable).toBe(true);
    expect(new BridgeError('CORRAL_BRIDGE_ENGINE_MISSING', 'no dask', 'apt install python3-distributed').retryable).toBe(false);
  });

  test('errors corral does not know are not retryable and have no code', () => {
    expect(isRetryable(new Error('boom'))).toBe(false);
    expect(isRetryable({ retryable: true, code: 'CORRAL_FAKE' })).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
    expect(errorCode(new TypeError('x'))).toBeUndefined();
  });

  test('failure kinds from outside (bridge replies) are checked, not cast', () => {
    expect(attemptFailureOf('preempted')).toBe('preempted');
    expect(attemptFailureOf('melted')).toBeUndefined();
    expect(attemptFailureOf(null)).toBeUndefined();
    expect(attemptFailureOf({ toString: () => 'crash' })).toBeUndefined();
  });
});
