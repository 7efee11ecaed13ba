import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract, openProject, type ExtractResult } from '../../codegen/index.js';
import type { ManifestEdge } from '../../sdk/graph/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', 'fixtures', 'codegen');
const project = openProject({ root, files: [join(root, 'images', 'images.ts')] });
let result: ExtractResult;

beforeAll(() => {
  result = extract({ root, project });
});

type CallEdge = Extract<ManifestEdge, { kind: 'call' }>;
type DataEdge = Extract<ManifestEdge, { kind: 'data' }>;
const calls = () => result.edges.filter((e): e is CallEdge => e.kind === 'call');
const data = () => result.edges.filter((e): e is DataEdge => e.kind === 'data');

describe('codegen extraction on the images fixture', () => {
  it('finds every task, including one declared through an aliased decorator import', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.tasks.map((t) => t.id).sort()).toEqual(['Images.classify', 'Images.thumbnail', 'Storage.load', 'Storage.save', 'checksum']);
    const checksum = result.tasks.find((t) => t.id === 'checksum')!;
    expect(checksum).toMatchObject({ kind: 'function', member: 'checksum', site: { file: 'images/checksum.ts', line: 5 }, returns: 'number' });
    expect(checksum.params).toEqual([{ name: 'data', type: 'Uint8Array' }]);
    expect(result.tasks.find((t) => t.id === 'Storage.save')!.kind).toBe('static');
    expect(result.modules.map((m) => m.slice(root.length + 1)).sort()).toEqual(['images/checksum.ts', 'images/images.ts', 'images/storage.ts']);
  });

  it('evaluates literal options, follows const bindings and marks functions dynamic', () => {
    const thumbnail = result.tasks.find((t) => t.id === 'Images.thumbnail')!;
    expect(thumbnail.remote!.static).toEqual({ cpus: 1, retries: 2, timeoutS: 30 });
    expect(thumbnail.remote!.dynamic).toEqual([{ key: 'features', reason: 'function', text: '(img: Uint8Array) => ({ bytes: img.length })' }]);
    const classify = result.tasks.find((t) => t.id === 'Images.classify')!;
    expect(classify.remote!.static).toEqual({ memoryGiB: 4, endpoints: ['gpu-a', 'gpu-b'] });
    expect(classify.budget!.static).toEqual({ usd: 0.01 });
    expect(result.tasks.find((t) => t.id === 'Storage.load')!.remote).toEqual({ static: { memoryGiB: 1, retries: 2 }, dynamic: [] });
    expect(result.tasks.find((t) => t.id === 'Storage.save')!.remote).toEqual({ static: {}, dynamic: [{ key: '*', reason: 'expression', text: 'saveOptions()' }] });
  });

  it('resolves calls through this, other classes, aliased re-exports and namespace imports', () => {
    const archive = calls().filter((e) => e.from === 'Images.archive').map((e) => `${e.to} ${e.via} ${e.multiplicity}`).sort();
    expect(archive).toEqual([
      'Images.classify this 1', 'Images.classify this 1', 'Images.thumbnail this 1', 'Images.thumbnail this 1',
      'Storage.load instance 1', 'Storage.save static 1', 'checksum import 1', 'checksum import dynamic',
    ]);
  });

  it('does not match by name: a non-task method called thumbnail gets no edge', () => {
    const pipeline = calls().filter((e) => e.from === 'Images.pipeline');
    expect(pipeline.map((e) => e.to).sort()).toEqual(['Images.classify', 'Images.thumbnail']);
    expect(pipeline.every((e) => e.site.line !== 23)).toBe(true);
  });

  it('records fan-outs inside map with the expression that sizes them', () => {
    const fanOut = calls().find((e) => e.from === 'Images.pipeline' && e.to === 'Images.thumbnail')!;
    expect(fanOut).toMatchObject({ multiplicity: 'dynamic', sizedBy: 'imgs.length', via: 'this' });
    const loop = calls().find((e) => e.from === 'Images.archive' && e.multiplicity === 'dynamic')!;
    expect(loop).toMatchObject({ to: 'checksum', sizedBy: '[raw, img].length' });
  });

  it('follows futures directly, through variables, Promise.all, map and loops', () => {
    const flows = data().map((e) => `${e.from} -> ${e.to} ${e.flow} ${e.within}`).sort();
    expect(flows).toEqual([
      'Images.classify -> Storage.load variable Images.archive',
      'Images.classify -> Storage.save promise-all Images.archive',
      'Images.thumbnail -> Images.classify direct Images.archive',
      'Images.thumbnail -> Images.classify map Images.pipeline',
      'Images.thumbnail -> Images.classify variable Images.archive',
      'Storage.load -> checksum loop Images.archive',
      'checksum -> Storage.save promise-all Images.archive',
    ]);
    // Destructured Promise.all results keep their positions: label is classify's, sum is checksum's.
    const save = data().filter((e) => e.to === 'Storage.save').map((e) => `${e.from}@${e.site.column}`).sort();
    expect(save).toEqual(['Images.classify@25', 'checksum@32']);
    expect(data().find((e) => e.flow === 'map')).toMatchObject({ multiplicity: 'dynamic', sizedBy: 'thumbs.length' });
  });

  it('attaches workflow budgets to the graph rooted at their method', () => {
    const pipeline = result.workflows.find((w) => w.id === 'Images.pipeline')!;
    expect(pipeline.budget!.static).toEqual({ usd: 2, deadlineS: 600 });
    expect(pipeline.tasks).toEqual(['Images.classify', 'Images.thumbnail']);
    const archive = result.workflows.find((w) => w.id === 'Images.archive')!;
    expect(archive.tasks).toEqual(['Images.classify', 'Images.thumbnail', 'Storage.load', 'Storage.save', 'checksum']);
  });

  it('reports a budget below known lower bounds on the calls that always run', () => {
    const bounded = extract({ root, project, minimumCost: () => ({ usd: 0.3 }) });
    const budgetErrors = bounded.diagnostics.filter((d) => d.code === 'CORRAL1007');
    // archive (usd 1) always makes 7 calls (>= $2.10); pipeline's calls all sit in fan-outs that may be empty.
    expect(budgetErrors).toHaveLength(1);
    expect(budgetErrors[0]!.message).toMatch(/workflow Images\.archive .*usd: 1 is below the \$2\.1 /);
  });
});
