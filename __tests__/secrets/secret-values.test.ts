import { secretValues } from '../../sdk/secrets/index.js';

describe('secretValues of the live environment', () => {
  const names = ['CORRAL_TEST_LATE_TOKEN', 'CORRAL_TEST_PLAIN'];
  afterEach(() => { for (const n of names) delete process.env[n]; });

  test('sees a secret variable set after earlier reads, and a secret\'s new value, but never a plain variable\'s', () => {
    process.env.CORRAL_TEST_PLAIN = 'not-a-secret-value';
    expect(secretValues()).not.toContain('not-a-secret-value');
    process.env.CORRAL_TEST_LATE_TOKEN = 'first-secret-value';
    expect(secretValues()).toContain('first-secret-value');
    process.env.CORRAL_TEST_LATE_TOKEN = 'second-secret-value';
    const now = secretValues();
    expect(now).toContain('second-secret-value');
    expect(now).not.toContain('first-secret-value');
    expect(now).not.toContain('not-a-secret-value');
  });
});
