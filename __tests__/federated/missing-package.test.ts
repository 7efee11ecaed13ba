import { importOptional, MissingPackageError } from '../../sdk/federated/index.js';

describe('optional packages of federated learning', () => {
  it('a package that is not installed gives a MissingPackageError naming it and the npm install to run', async () => {
    const error = await importOptional(() => import('@corral-test/not-installed' as string), '@corral-test/not-installed', 'training a model').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect(error).toMatchObject({ code: 'CORRAL_FL_PACKAGE_MISSING', packageName: '@corral-test/not-installed' });
    expect((error as Error).message).toBe('training a model needs the package @corral-test/not-installed, which is not installed: run `npm install @corral-test/not-installed` in your project (corral installs without it: it is needed only for federated learning)');
  });

  it('an installed package loads, and other failures pass through unchanged', async () => {
    const yaml = await importOptional(() => import('yaml'), 'yaml', 'reading');
    expect(typeof yaml.parse).toBe('function');
    const broken = new Error('boom');
    await expect(importOptional(() => Promise.reject(broken), 'yaml', 'reading')).rejects.toBe(broken);
  });
});
