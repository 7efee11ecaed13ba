import 'reflect-metadata';
import { remote, costBudget, federated, OptionError, definitionOfMethod, definitionOfFunction } from '../../sdk/index.js';
import { REMOTE_KEY } from '../../sdk/decorators/index.js';
import { budgetOfMethod } from '../../sdk/graph/index.js';

function decorate(apply: () => void): OptionError {
  try {
    apply();
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error('expected an OptionError');
}

describe('@remote options', () => {
  test('a bad value names decorator, class, method, field, value and what is allowed', () => {
    const e = decorate(() => {
      class Images {
        @remote({ retries: -1 })
        async thumbnail() { return 1; }
      }
      return Images;
    });
    expect(e.field).toBe('retries');
    expect(e.value).toBe(-1);
    expect(e.message).toMatch(/^@remote on Images\.thumbnail \(.*options\.test\.ts:\d+\): option "retries" must be an integer between 0 and 100 \(got -1\)$/);
  });

  test('an unknown option suggests the closest known one and lists the allowed ones', () => {
    const e = decorate(() => {
      class Images {
        @remote({ retrys: 2 } as never)
        async thumbnail() { return 1; }
      }
      return Images;
    });
    expect(e.field).toBe('retrys');
    expect(e.message).toContain('is not a known option (did you mean "retries"?)');
    expect(e.message).toContain('allowed: name, cpus, memoryGiB, gpus, retries, retryOn, timeoutS, endpoints, features, cache');
  });

  test.each([
    [{ cpus: 0 }, 'cpus', 'must be a positive number (cores per call)'],
    [{ memoryGiB: 'lots' }, 'memoryGiB', 'must be a positive number (GiB per call)'],
    [{ gpus: 1.5 }, 'gpus', 'must be an integer between 0 and 64'],
    [{ timeoutS: -3 }, 'timeoutS', 'must be a positive number (seconds)'],
    [{ endpoints: [] }, 'endpoints', 'must name at least one endpoint'],
    [{ endpoints: ['a', ''] }, 'endpoints.1', 'must not contain an empty endpoint names'],
    [{ retryOn: 'TimeoutError' }, 'retryOn', 'must be a list of error names (strings)'],
    [{ features: { bytes: 1 } }, 'features', 'must be a function ((...args) => Record<string, number>)'],
    [{ cache: 'yes' }, 'cache', 'must be true or false'],
    [{ name: '9lives' }, 'name', 'must start with a letter or _ and contain only letters, digits, _ . : -'],
  ])('%j is refused on field %s', (options, field, allowed) => {
    const e = decorate(() => remote(options as never, async function task() { return 1; }));
    expect(e.field).toBe(field);
    expect(e.allowed).toBe(allowed);
  });

  test('valid options are stored as metadata with defaults filled in', () => {
    class Images {
      @remote({ cpus: 2, retries: 3, endpoints: ['laptop'] })
      async thumbnail(img: Uint8Array) { return img; }
    }
    const def = definitionOfMethod(Images, 'thumbnail')!;
    expect(def.id).toBe('Images.thumbnail');
    expect(def.remote).toMatchObject({ cpus: 2, retries: 3, endpoints: ['laptop'], gpus: 0, retryOn: [], cache: false });
    expect(def.source?.file).toMatch(/options\.test\.ts$/);
    expect(Reflect.getOwnMetadata(REMOTE_KEY, Images.prototype, 'thumbnail')).toBe(def.remote);
  });

  test('remote(options, fn) wraps a free function and needs a name for anonymous ones', () => {
    const checksum = remote({ cache: true }, async function checksum(data: Uint8Array) { return data.length; });
    expect(definitionOfFunction(checksum)).toMatchObject({ id: 'checksum', kind: 'function', remote: { cache: true } });
    const e = decorate(() => remote({}, async (x: number) => x));
    expect(e.field).toBe('name');
    expect(e.message).toContain('is required for an anonymous function');
  });

  test('decorating something that is not a method is refused', () => {
    const e = decorate(() => {
      const decorator = remote();
      decorator({}, 'field', undefined);
    });
    expect(e.message).toContain('can only decorate a method');
  });
});

describe('@costBudget and @federated options', () => {
  test('a budget needs at least one limit', () => {
    const e = decorate(() => {
      class W { @costBudget({ scope: 'workflow' }) async run() { return 1; } }
      return W;
    });
    expect(e.message).toContain('@costBudget on W.run');
    expect(e.allowed).toBe('must set at least one of usd, joules, deadlineS');
  });

  test('a negative budget and an unknown onExceed are refused', () => {
    expect(decorate(() => { class W { @costBudget({ usd: -1 }) async run() { return 1; } } return W; }).field).toBe('usd');
    const e = decorate(() => { class W { @costBudget({ usd: 1, onExceed: 'panic' as never }) async run() { return 1; } } return W; });
    expect(e.allowed).toBe('must be one of "fail", "degrade"');
  });

  test('scope defaults to call on a task and to workflow elsewhere', () => {
    class W {
      @remote()
      @costBudget({ usd: 0.01 })
      async classify() { return 1; }

      @costBudget({ usd: 2, deadlineS: 600 })
      async pipeline() { return 1; }
    }
    expect(budgetOfMethod(W, 'classify')).toMatchObject({ usd: 0.01, scope: 'call', onExceed: 'fail' });
    expect(budgetOfMethod(W, 'pipeline')).toMatchObject({ usd: 2, deadlineS: 600, scope: 'workflow' });
  });

  test('@federated checks its table: strategy names, minClients <= clients, fraction in (0, 1]', () => {
    const bad = (options: object) => decorate(() => { class F { @federated(options as never) async train() { return 1; } } return F; });
    expect(bad({ strategy: 'fedsgd' }).allowed).toContain('must be a strategy name (fedavg, fedprox');
    expect(bad({ clients: 4, minClients: 6 }).field).toBe('minClients');
    expect(bad({ fraction: 0 }).allowed).toBe('must be a fraction in (0, 1]');
    class F { @federated({ strategy: 'fedavg', rounds: 3, clients: 4 }) async train() { return 1; } }
    expect(definitionOfMethod(F, 'train')?.federated).toMatchObject({ strategy: 'fedavg', rounds: 3 });
  });
});
