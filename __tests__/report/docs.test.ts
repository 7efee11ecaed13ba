import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { costBudgetOptionNames, federatedOptionNames, remoteOptionNames } from '../../sdk/decorators/index.js';

const DOCS = resolve('docs');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

describe('docs', () => {
  it('document every option of every decorator', () => {
    const page = read('decorators.md');
    const documented = new Set([...page.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]));
    for (const name of [...remoteOptionNames, ...costBudgetOptionNames, ...federatedOptionNames]) expect([name, documented.has(name)]).toEqual([name, true]);
  });

  it('link only to files that exist', () => {
    const broken: string[] = [];
    for (const page of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
      for (const [, target] of read(page).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(resolve(dirname(join(DOCS, page)), target))) broken.push(`${page} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  it('is up to date with every command and option (regenerate: npx tsx __tests__/report/cli-reference.ts)', async () => {
    const { buildProgram } = await import('../../sdk/cli/main.js');
    const { commandReference, withReference } = await import('./cli-reference.js');
    const page = read('cli.md');
    const expected = withReference(page, commandReference(buildProgram()));
    const differing = page.split('\n').filter((line, i) => line !== expected.split('\n')[i]);
    expect(differing.slice(0, 5)).toEqual([]);
    expect(page).toBe(expected);
  });
});
