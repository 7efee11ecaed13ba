import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../../codegen/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', 'fixtures', 'tasks');

describe('@workflow in codegen', () => {
  it('reads @workflow({ ... }) as a workflow budget and @workflow() as a plain workflow, without diagnostics', () => {
    const result = extract({ root, files: [join(root, 'workflows.ts')] });
    const marked = result.workflows.filter((w) => w.id.startsWith('MarkedFlow.'));
    expect(marked.map((w) => [w.id, w.budget?.static, w.tasks])).toEqual(expect.arrayContaining([
      ['MarkedFlow.budgeted', { usd: 1, deadlineS: 60, scope: 'workflow' }, ['MarkedFlow.inc']],
      ['MarkedFlow.plain', undefined, ['MarkedFlow.inc']],
    ]));
    expect(result.diagnostics.filter((d) => d.message.includes('MarkedFlow'))).toEqual([]);
  });
});
